"""ClaimReview and W3C Web Annotation exports on varied data: the exact bytes, pinned by golden
files written by the per-instance exporters these exports replaced (issue 10, "built from rows"),
and a fixed number of queries whatever the number of claims.

Ids and timestamps change from run to run: the files hold `<name>` placeholders for them."""

import json
import os
import re
from datetime import date
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from factcheck.articles.services import article_create
from factcheck.claims.models import (
    AnchorState,
    Claim,
    ClaimStatus,
    PublishedVersion,
    Rating,
    VerdictScale,
)
from factcheck.reviews import services as wf
from tests.reports.helpers import PUBLISH, TIMESTAMP, add_claim, drive, streamed
from tests.reports.test_exports_csv import _published_claims

GOLDEN = Path(__file__).parent / "golden"
CLAIMREVIEW_URL = reverse("reports-api:claimreview")
SITE = override_settings(SITE_URL="https://checks.example.org", PUBLISHER_NAME="Checks Desk",
                         PUBLISHER_URL="https://checks.example.org/about")  # fmt: skip

BODY_ONE = (
    "The minister said unemployment fell by 40 % last year. "
    "The Ministry of Finance says the deficit halved. "
    "Nvidia lost nearly $600 billion in market value in one day. "
    "Someone claimed the bridge was closed. "
    "Acme Corp says profits tripled. "
    "Growth was -5% in the spring. "
    "The mayor promised new parks."
)
LINK = [{"url": "https://e.example.org/link", "title": "A link"}]
BODY_TWO = "Le chômage a baissé de 40 % 🎉 selon le gouvernement. Prices doubled overnight."


def _by_hand(claim, *, by, **fields):
    """Publish `claim` with a version the workflow never writes (legacy or edge-case values):
    what `publish_version` stores, with `fields` instead."""
    now = timezone.now()
    values = {
        "claim": claim, "number": 1, "kind": "publication", "article_id": claim.article_id,
        "revision_id": claim.revision_id, "revision_number": 1, "start": claim.start,
        "end": claim.end, "quote": claim.quote, "prefix": claim.prefix, "suffix": claim.suffix,
        "anchor_state": claim.anchor_state, "claim_text": claim.claim_text,
        "claimant": claim.claimant, "claimant_kind": "", "verdict": claim.verdict,
        "verdict_slug": claim.verdict.slug if claim.verdict else "",
        "verdict_label": claim.verdict.label if claim.verdict else "",
        "rationale": claim.rationale, "evidence": [], "tags": [], "author": by,
        "author_name": "By Hand", "approver": by, "approver_name": "", "claim_created_at":
        claim.created_at, "approved_at": None, "first_published_at": now, "published_at": now,
    } | fields  # fmt: skip
    version = PublishedVersion.objects.create(**values)
    Claim.objects.filter(pk=claim.pk).update(
        public_version=version, status=ClaimStatus.PUBLISHED, published_at=now
    )
    return version


@pytest.fixture
def varied(reviewer, editor, editor2):
    """Two articles (one with url, publisher and date, one with none of them) and claims of every
    kind the exports treat apart. Returns names for the ids: {"article one": pk, ...}."""
    one = article_create(
        actor=editor, title="Budget « truths » & <b>myths</b>", body=BODY_ONE,
        url="https://news.example.org/budget", publisher="Example News", author="A. Writer",
        published_on=date(2019, 3, 4),
    )  # fmt: skip
    two = article_create(actor=editor, title="Sans URL", body=BODY_TWO)
    person = add_claim(
        one, reviewer, "unemployment fell by 40 %", claim_text="Unemployment fell by 40 %",
        claimant="The minister", verdict="true", rationale="Checked *filings*.\nTwice.",
        tags=["jobs", "economy"], evidence=[
            {"url": "https://e.example.org/jobs", "title": "Stats"},
            {"url": "https://e.example.org/jobs-2"},
        ],
    )  # fmt: skip
    organisation = add_claim(
        one, reviewer, "the deficit halved", claimant="The Ministry of Finance",
        verdict="misleading", rationale="Off the scale.",
        evidence=[{"url": "https://e.example.org/deficit"}],
    )  # fmt: skip
    no_claimant = add_claim(
        one, reviewer, "Nvidia lost nearly $600 billion in market value in one day",
        verdict="mostly-true", rationale="Filings.", evidence=[{"url": "https://e.example.org/nv"}],
    )  # fmt: skip
    retracted = add_claim(one, reviewer, "the bridge was closed", claimant="Someone",
                          verdict="false", rationale="Wrong.", evidence=LINK)  # fmt: skip
    corrected_twice = add_claim(
        two, reviewer, "Le chômage a baissé de 40 %", claimant="Le gouvernement",
        verdict="false", rationale="Insee: -2 %.", tags=["emploi"],
        evidence=[{"url": "https://insee.example.fr/chomage", "title": "Insee"}],
    )  # fmt: skip
    corrected_then_retracted = add_claim(two, reviewer, "Prices doubled overnight",
                                         claimant="A blogger", verdict="true", rationale="Yes.",
                                         evidence=LINK)  # fmt: skip
    approved = add_claim(one, reviewer, "The mayor promised new parks", claimant="Mayor",
                         verdict="true", rationale="Not public yet.", evidence=LINK)  # fmt: skip
    edited_after = add_claim(one, reviewer, "Growth was -5%", claimant="The bank", verdict="true",
                             rationale="Published text.", evidence=LINK)  # fmt: skip

    for claim in (person, organisation, no_claimant, retracted, corrected_twice,
                  corrected_then_retracted, edited_after):  # fmt: skip
        drive(claim, PUBLISH, author=reviewer, editor=editor)
    drive(approved, ["submit", "approve"], author=reviewer, editor=editor)
    drive(Claim.objects.get(pk=retracted.pk), ["retract"], author=reviewer, editor=editor)
    for verdict, rationale in (("mostly-false", "Insee revised."), ("half-true", "Revised again.")):
        claim = wf.claim_correct(
            actor=editor2,
            claim=Claim.objects.get(pk=corrected_twice.pk),
            verdict=verdict,
            rationale=rationale,
            note=f"Now {verdict}.",
        )
        drive(claim, ["approve", "publish"], author=reviewer, editor=editor)
    claim = wf.claim_correct(actor=editor2, claim=Claim.objects.get(pk=corrected_then_retracted.pk),
                             verdict="false", note="It did not.")  # fmt: skip
    claim = drive(claim, ["approve", "publish", "retract"], author=reviewer, editor=editor)
    # A correction proposed, not published: the public still reads version 1.
    wf.claim_correct(actor=editor2, claim=Claim.objects.get(pk=edited_after.pk),
                     verdict="false", rationale="Working copy only.", note="Pending.")  # fmt: skip

    # Versions the workflow does not write today, as older data or other scales hold them.
    plain = VerdictScale.objects.create(name="Plain", slug="plain-scale")  # no best/worst
    plain_rating = Rating.objects.create(scale=plain, slug="fine", label="Fine", color="#112233",
                                         value=3)  # fmt: skip
    legacy_kind = add_claim(one, reviewer, "Acme Corp says profits tripled", claimant="Acme Corp",
                            verdict="true", rationale="r")  # fmt: skip
    _by_hand(legacy_kind, by=editor, claimant_kind="", verdict_label="",
             evidence=[{"url": "https://e.example.org/acme", "title": "Filing"}],
             tags=["business"])  # fmt: skip
    unrated = add_claim(one, reviewer, "in the spring", claimant="Spring Daily", rationale="r")
    _by_hand(unrated, by=editor, claimant_kind="organisation", verdict=None)
    orphan = add_claim(two, reviewer, "selon le gouvernement", claimant="Le Monde",
                       verdict="true", rationale="Anchored nowhere now.")  # fmt: skip
    _by_hand(orphan, by=editor, claimant_kind="person", verdict=plain_rating,
             verdict_label="Fine (plain)", anchor_state=AnchorState.ORPHANED)  # fmt: skip

    return {
        "article one": one.pk, "article two": two.pk, "person": person.pk,
        "organisation": organisation.pk, "no claimant": no_claimant.pk,
        "retracted": retracted.pk, "corrected twice": corrected_twice.pk,
        "corrected then retracted": corrected_then_retracted.pk, "approved": approved.pk,
        "edited after": edited_after.pk, "legacy kind": legacy_kind.pk, "unrated": unrated.pk,
        "orphan": orphan.pk,
    }  # fmt: skip


def normalised(text: str, names: dict[str, int]) -> str:
    """Ids → names, times → <ts>, publication dates → <published>: the rest byte for byte."""
    articles = {pk: name for name, pk in names.items() if name.startswith("article")}
    claims = {pk: name for name, pk in names.items() if not name.startswith("article")}
    text = re.sub(r"/articles/(\d+)/", lambda m: f"/articles/<{articles[int(m[1])]}>/", text)
    text = re.sub(r"#claim-(\d+)\b", lambda m: f"#claim-<{claims[int(m[1])]}>", text)
    text = TIMESTAMP.sub("<ts>", text)
    dates = {d.isoformat() for d in PublishedVersion.objects.dates("first_published_at", "day")}
    for published in dates:
        text = text.replace(f'"{published}"', '"<published>"')
    return text


def matches_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@SITE
def test_claimreview_export_is_byte_for_byte_the_golden_file(api, varied):
    response = api.get(CLAIMREVIEW_URL)
    assert response.status_code == 200
    matches_golden("claimreview.json", normalised(streamed(response), varied))


FILTERS = {
    "claimant": {"claimant": "minist", "verdict": "misleading"},
    "tag": {"tag": "EMPLOI"},
    "ordering": {"ordering": "-start"},
    "article": {"article": "<article two>", "updated_since": "2000-01-01T00:00:00Z"},
}


@SITE
@pytest.mark.parametrize("name", FILTERS)
def test_claimreview_filters_and_ordering_apply_as_before(api, varied, name):
    params = dict(FILTERS[name])
    if "article" in params:
        params["article"] = varied["article two"]
    response = api.get(CLAIMREVIEW_URL, params)
    assert response.status_code == 200
    text = normalised(streamed(response), varied)
    assert json.loads(text)  # each keeps something
    matches_golden(f"claimreview-{name}.json", text)


@SITE
@pytest.mark.parametrize("article", ["article one", "article two"])
def test_public_annotations_are_byte_for_byte_the_golden_file(api, varied, article):
    response = api.get(reverse("reports-api:annotations", args=[varied[article]]))
    assert response.status_code == 200
    slug = article.replace(" ", "-")
    matches_golden(f"annotations-{slug}.jsonld", normalised(streamed(response), varied))


@SITE
def test_staff_annotations_are_byte_for_byte_the_golden_file(api, varied, editor):
    api.force_login(editor)
    url = reverse("reports-api:annotations", args=[varied["article one"]])
    response = api.get(url, {"status": "approved,published,submitted,retracted"})
    assert response.status_code == 200
    matches_golden("annotations-staff.jsonld", normalised(streamed(response), varied))


@SITE
@pytest.mark.parametrize("article", ["article one", "article two"])
def test_the_report_page_json_ld_is_byte_for_byte_the_golden_file(client, varied, article):
    html = client.get(reverse("reports:report", args=[varied[article]])).content.decode()
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    slug = article.replace(" ", "-")
    matches_golden(f"report-json-ld-{slug}.json", normalised(block, varied))


@pytest.mark.parametrize("n", [2, 12])
def test_claimreview_queries_do_not_grow_with_the_claims(
    api, editor, reviewer, django_assert_num_queries, n
):
    _published_claims(editor, reviewer, n)
    with django_assert_num_queries(1):  # one query, streamed in chunks
        response = api.get(CLAIMREVIEW_URL)
        assert len(json.loads(streamed(response))) == n


@pytest.mark.parametrize("n", [2, 12])
def test_annotation_queries_do_not_grow_with_the_claims(
    api, editor, reviewer, django_assert_num_queries, n
):
    from factcheck.articles.models import Article

    _published_claims(editor, reviewer, n)
    article = Article.objects.latest("id")
    with django_assert_num_queries(2):  # the article, then one query for every claim's columns
        response = api.get(reverse("reports-api:annotations", args=[article.pk]))
        assert json.loads(streamed(response))["total"] == n


def test_the_exports_read_rows_not_instances(api, varied, editor, monkeypatch):
    """No Claim, PublishedVersion, Article or Rating is built by either public export."""
    from django.db.models import Model

    built: list[str] = []
    original = Model.__init__

    def counting(self, *args, **kwargs):
        built.append(type(self).__name__)
        original(self, *args, **kwargs)

    streamed(api.get(CLAIMREVIEW_URL))
    streamed(api.get(reverse("reports-api:annotations", args=[varied["article one"]])))
    monkeypatch.setattr(Model, "__init__", counting)
    streamed(api.get(CLAIMREVIEW_URL))
    claims_built = list(built)
    built.clear()
    streamed(api.get(reverse("reports-api:annotations", args=[varied["article one"]])))
    assert claims_built == []
    assert set(built) <= {"Article", "ArticleRevision"}  # the article (its 404 check) only


def test_the_report_page_turns_its_claims_into_the_rows_the_export_reads(varied):
    """One home for each fact: the report page's JSON-LD and the export build ClaimReviews
    from the same rows, the page from its claim instances (`claimreview_row`)."""
    from django.contrib.auth.models import AnonymousUser

    from factcheck.articles.models import Article
    from factcheck.reports.exporters.claimreview import claimreview_row
    from factcheck.reports.selectors import CLAIMREVIEW_ROW_FIELDS, report_claims

    for name in ("article one", "article two"):
        article = Article.objects.get(pk=varied[name])
        rows = Claim.objects.filter(article=article, public_version__isnull=False)
        by_id = {row["id"]: row for row in rows.values(*CLAIMREVIEW_ROW_FIELDS)}
        claims = report_claims(user=AnonymousUser(), article=article)
        assert {c.pk for c in claims} == set(by_id)
        for claim in claims:
            assert claimreview_row(claim) == by_id[claim.pk]


@pytest.mark.parametrize("n", [0, 1, 3, 7])
def test_the_streamed_collection_is_the_whole_document_as_json_dumps_wrote_it(monkeypatch, n):
    from factcheck.articles.models import Article
    from factcheck.reports.exporters import w3c_annotation

    monkeypatch.setattr(w3c_annotation, "ITEMS_PER_CHUNK", 3)  # chunk boundaries inside
    article = Article(pk=7, title='Une « note »\n"quoted" \x00 🎉')
    items = [
        {"id": f"x#{i}", "body": [{"value": "a\nb «c»", "n": i}], "empty": [], "none": {}}
        for i in range(n)
    ]
    chunks = list(w3c_annotation.collection_chunks(article, n, iter(items)))
    expected = json.dumps(
        w3c_annotation.annotation_collection(article, items), ensure_ascii=False, indent=2
    )
    assert b"".join(chunks).decode() == expected
    assert all(chunks) and (len(chunks) > 1) == (n > 0)  # items flushed as they come
