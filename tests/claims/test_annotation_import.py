"""Annotations from other tools become draft claims: W3C Web Annotation (ours round-trips) and
Hypothesis exports; unfound quotes become orphans, never dropped."""

import json
from pathlib import Path

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import ValidationError
from django.db import transaction
from rest_framework.test import APIClient

from factcheck.articles.models import Article
from factcheck.articles.services import article_create
from factcheck.articles.sources import article_from_html
from factcheck.claims.annotation_import import (
    NO_ARTICLE,
    NO_TARGET,
    REPLY,
    UNKNOWN_DOCUMENT,
    UNKNOWN_VERDICT,
    import_annotations,
)
from factcheck.claims.models import AnchorState, Claim, ClaimStatus, ReviewEvent
from factcheck.claims.services import evidence_add
from factcheck.reviews.revisions import article_revise
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
COUNCIL_URL = "https://www.riversideledger.com/news/2025/03/04/council-approves-budget/"


def council_article(actor):
    html = (FIXTURES / "news/pages/01-wordpress-council-budget.html").read_text()
    found = article_from_html(html)
    return article_create(actor=actor, **found.fields())


def hypothesis_export():
    return json.loads((FIXTURES / "annotations/hypothesis_export.json").read_text())


def claim_facts(claim):
    return {
        "start": claim.start, "end": claim.end, "quote": claim.quote, "prefix": claim.prefix,
        "suffix": claim.suffix, "anchor_state": claim.anchor_state,
        "claim_text": claim.claim_text, "claimant": claim.claimant,
        "verdict": claim.verdict.slug if claim.verdict else None, "rationale": claim.rationale,
        "tags": sorted(claim.tags.values_list("name", flat=True)),
        "evidence": sorted(claim.evidence_links.filter(is_removed=False).values_list("url",
                                                                                    flat=True)),
    }  # fmt: skip


class _Rollback(Exception):
    pass


def test_our_own_export_reimported_into_a_fresh_database_gives_the_same_claims(reviewer, editor):
    body = ("Le chômage a baissé de 7,5 % à 7,3 % 📉 selon l'Insee.\n\n"
            "Nvidia lost nearly $600 billion in market value in one day, the most ever.\n\n"
            "Nvidia lost nearly $600 billion — a record, said analysts. "
            "日本語の文も。")  # fmt: skip
    url = "https://news.example.org/markets"
    # The original database: an article with claims of every kind, exported, then all gone.
    with pytest.raises(_Rollback), transaction.atomic():
        article = article_create(actor=editor, title="Markets", body=body, url=url)
        made = [
            make_claim(article, reviewer, "$600 billion", occurrence=1, claimant="Analysts",
                       claim_text="Nvidia's loss was a record", tags=["markets", "ai"],
                       verdict="mostly-true", rationale="See **the filing**."),
            make_claim(article, reviewer, "7,3 % 📉", verdict=None, rationale="", evidence=0),
            make_claim(article, reviewer, "Nvidia lost nearly $600 billion in market value",
                       verdict="false", evidence=2),
            make_claim(article, reviewer, "日本語の文", verdict="misleading"),
        ]  # fmt: skip
        evidence_add(actor=reviewer, claim=made[0], url="https://sec.example.gov/filing")
        claims = list(Claim.objects.filter(article=article).order_by("start", "pk"))
        client = APIClient()
        client.force_login(editor)
        response = client.get(f"/api/v1/articles/{article.pk}/annotations.jsonld?status=draft")
        assert response.status_code == 200
        document = json.loads(b"".join(response.streaming_content))
        assert document["total"] == 4
        expected = [claim_facts(c) for c in claims]
        raise _Rollback
    assert not Article.objects.exists() and not Claim.objects.exists()
    # A fresh database: the same article imported, then the annotations.
    fresh = article_create(actor=editor, title="Markets", body=body, url=url)
    results = import_annotations(actor=reviewer, document=document)
    assert [r.status for r in results] == ["imported"] * 4
    imported = list(Claim.objects.filter(article=fresh).order_by("start", "pk"))
    assert [claim_facts(c) for c in imported] == expected
    assert {c.status for c in imported} == {ClaimStatus.DRAFT}
    assert {c.original_creator for c in imported} == {reviewer.display_name}
    assert all(c.original_id.startswith("http") for c in imported)
    # Importing the same document again changes nothing.
    again = import_annotations(actor=reviewer, document=document)
    assert [r.status for r in again] == ["duplicate"] * 4
    assert Claim.objects.count() == 4


def test_a_hypothesis_export_becomes_draft_claims_with_orphans_kept(reviewer):
    article = council_article(reviewer)
    results = import_annotations(actor=reviewer, document=hypothesis_export())
    by_id = {r.id.rsplit("/", 1)[-1]: r for r in results}
    assert [r.status for r in results] == [
        "imported", "imported", "imported", "orphaned", "skipped", "skipped", "invalid",
    ]  # fmt: skip
    first = Claim.objects.get(pk=by_id["Kq3b9XyzEe-8aAfPzC1m1A"].claim)
    body = article.current.body
    assert body[first.start : first.end] == first.quote == "$48.2 million operating budget"
    assert first.anchor_state == AnchorState.EXACT and first.article == article
    assert first.rationale.startswith("Budget document p. 14 shows **$48.2 million**")
    assert sorted(first.tags.values_list("name", flat=True)) == [
        "budget", "city-council", "needs-source"]  # fmt: skip
    # Its search document holds its tags, in its article's language, like a claim made here.
    assert first.language == article.language
    assert sorted(first.search_tags.split()) == ["budget", "city-council", "needs-source"]
    tagged = Claim.objects.filter(search_document=SearchQuery("needs-source", config="english"))
    assert first in tagged
    assert first.original_creator == "Julia López (acct:jlopez@hypothes.is)"
    assert first.original_id == "https://hypothes.is/a/Kq3b9XyzEe-8aAfPzC1m1A"
    assert (first.status, first.author) == (ClaimStatus.DRAFT, reviewer)
    fuzzy = Claim.objects.get(pk=by_id["Np4d3BcdEe-0cChRbE3o3C"].claim)
    assert fuzzy.anchor_state == AnchorState.FUZZY
    assert fuzzy.quote == body[fuzzy.start : fuzzy.end]
    assert "2,300 signatures" in fuzzy.quote
    assert fuzzy.previous_quote == "gathered more than 4,000 signatures in one week"
    orphan = Claim.objects.get(pk=by_id["Wx8h7FghEe-4gGlVfI7s7G"].claim)
    assert orphan.anchor_state == AnchorState.ORPHANED
    assert orphan.quote == "Mayor Ellen Park vetoed the spending plan on Wednesday"
    assert orphan.rationale == "Did the mayor really veto it? Ask the clerk."
    assert by_id["Qr5e4CdeEe-1dDiScF4p4D"].errors == {"target": [REPLY]}
    assert by_id["St6f5DefEe-2eEjTdG5q5E"].errors == {"target": [NO_TARGET]}
    assert by_id["Uv7g6EfgEe-3fFkUeH6r6F"].errors == {"target": [NO_ARTICLE.format(
        url="https://harbortimes.com/politics/some-story-we-never-imported")]}  # fmt: skip
    events = ReviewEvent.objects.filter(action="import", claim=orphan)
    assert events.get().changes["anchor_state"] == "orphaned"


def test_positions_are_only_a_hint_and_the_article_can_be_named(reviewer, editor):
    article = ArticleFactory(actor=editor, url="https://elsewhere.example/x")
    body = article.current.body
    quote = "$600 billion"
    start = body.index(quote)
    annotation = {"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation",
                  "id": "urn:uuid:1", "creator": {"type": "Person", "name": "Ana"},
                  "body": {"type": "TextualBody", "format": "text/html",
                           "value": "<p>Check <b>this</b>.</p><script>x()</script>"},
                  "target": {"source": "https://not.the.same/url", "selector": [
                      {"type": "TextPositionSelector", "start": start + 40, "end": start + 52},
                      {"type": "TextQuoteSelector", "exact": quote}]}}  # fmt: skip
    [result] = import_annotations(actor=reviewer, document=annotation, article=article)
    claim = Claim.objects.get(pk=result.claim)
    assert (claim.start, claim.end, claim.quote) == (start, start + len(quote), quote)
    assert (claim.rationale, claim.original_creator) == ("Check this.", "Ana")


def test_w3c_pages_collections_and_unknown_verdicts(reviewer, editor):
    article = ArticleFactory(actor=editor, url="https://news.example.org/story/")
    quote = article.current.body.split()[0]
    note = {"type": "Annotation", "id": "a1", "target": {
        "source": "https://News.Example.org/story#frag",  # same page, other spelling
        "selector": {"type": "TextQuoteSelector", "exact": quote}},
        "body": [{"type": "TextualBody", "purpose": "assessing", "value": "Pants on fire"},
                 {"type": "TextualBody", "purpose": "tagging", "value": "Wahl 2025"}]}  # fmt: skip
    page = {"type": "AnnotationPage", "items": [note]}
    [result] = import_annotations(actor=reviewer, document=page, dry_run=True)
    assert result.status == "imported" and result.warnings == [
        UNKNOWN_VERDICT.format(label="Pants on fire")]  # fmt: skip
    assert not Claim.objects.exists()  # dry run
    collection = {"type": "AnnotationCollection", "first": "https://x.example/page1"}
    with pytest.raises(ValidationError, match="not embedded"):
        import_annotations(actor=reviewer, document=collection)
    with pytest.raises(ValidationError) as info:
        import_annotations(actor=reviewer, document={"hello": "world"})
    assert info.value.message_dict == {"annotations": [UNKNOWN_DOCUMENT]}
    [result] = import_annotations(actor=reviewer, document=[note])
    claim = Claim.objects.get(pk=result.claim)
    assert list(claim.tags.values_list("name", flat=True)) == ["wahl-2025"]


def test_orphans_imported_from_another_tool_can_be_reattached_like_any_orphan(reviewer, editor):
    article = council_article(reviewer)
    import_annotations(actor=reviewer, document=hypothesis_export())
    orphan = Claim.objects.get(anchor_state=AnchorState.ORPHANED)
    body = article.current.body
    revision = article_revise(actor=editor, article=article, note="Update",
                              body=body + "\n\nMayor Ellen Park vetoed the spending plan on "
                              "Wednesday.")  # fmt: skip
    orphan.refresh_from_db()
    assert revision.number == 2 and orphan.anchor_state != AnchorState.ORPHANED


# --------------------------------------------------------------------------- API and command


def test_the_api_imports_a_hypothesis_export(reviewer, outsider):
    council_article(reviewer)
    client = APIClient()
    client.force_login(outsider)
    response = client.post("/api/v1/annotations/import/", hypothesis_export(), format="json")
    assert response.status_code == 403 and not Claim.objects.exists()
    client.force_login(reviewer)
    response = client.post("/api/v1/annotations/import/", hypothesis_export(), format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["imported"], data["orphaned"], data["skipped"], data["invalid"]) == (3, 1, 2, 1)
    assert Claim.objects.count() == 4
    bad = client.post("/api/v1/annotations/import/", {"nope": 1}, format="json")
    assert bad.status_code == 400 and bad.json()["errors"] == {"annotations": [UNKNOWN_DOCUMENT]}
    ld = client.post("/api/v1/annotations/import/?dry_run=true", json.dumps(hypothesis_export()),
                     content_type="application/ld+json")  # fmt: skip
    assert ld.status_code == 200 and ld.json()["duplicates"] == 4


def test_the_command_imports_a_file(tmp_path, reviewer):
    from io import StringIO

    from django.core.management import call_command

    council_article(reviewer)
    source = tmp_path / "hypothesis.json"
    source.write_text(json.dumps(hypothesis_export()))
    out = StringIO()
    call_command("import_annotations", str(source), "--user", "reviewer", stdout=out)
    assert out.getvalue().startswith(
        "Imported 3 claim(s) and 1 orphaned claim(s) (quote not found in the text); "
        "0 already imported; 2 skipped; 1 refused.")  # fmt: skip
    assert Claim.objects.filter(author=reviewer).count() == 4


def test_the_reading_view_says_who_made_an_imported_claim(client, reviewer):
    from django.urls import reverse

    article = council_article(reviewer)
    document = hypothesis_export()
    document["rows"][0]["user_info"]["display_name"] = "<b>Julia</b>"
    import_annotations(actor=reviewer, document=document)
    client.force_login(reviewer)
    page = client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    assert "Imported, originally by <bdi>&lt;b&gt;Julia&lt;/b&gt; (acct:jlopez@hypothes.is)" in page
    assert "Imported, originally by <bdi>Min Chen (acct:mchen@hypothes.is)</bdi>: its words" in page
