"""Claims, inline and nested evidence, comments and the verdict scale through the API."""

import json

import pytest

from factcheck.claims.models import Claim, ClaimStatus, EvidenceLink
from factcheck.claims.services import (
    OFFSETS_OUT_OF_RANGE,
    QUOTE_BLANK,
    UNKNOWN_VERDICT,
    URL_NOT_HTTP,
)

pytestmark = pytest.mark.django_db

CLAIM_KEYS = {
    "id", "article", "revision", "start", "end", "quote", "prefix", "suffix", "anchor_state",
    "claim_text", "claimant", "verdict", "rationale", "tags", "status", "version", "author",
    "approver", "evidence", "created_at", "updated_at", "published_at", "original_creator",
    "original_id",
}  # fmt: skip
EVIDENCE_KEYS = {"id", "url", "title", "publisher", "excerpt", "stance", "accessed_on",
                 "archived_url"}  # fmt: skip


def _payload(article, phrase="$600 billion", **extra):
    start = article.current_revision.body.index(phrase)
    return {"article": article.pk, "start": start, "end": start + len(phrase), "quote": phrase,
            **extra}  # fmt: skip


def _create(api, user, payload):
    return api.as_user(user).post("/api/v1/claims/", payload, format="json")


def test_creating_a_claim_returns_it_in_the_api_shape(api, article, reviewer):
    response = _create(
        api,
        reviewer,
        _payload(
            article,
            verdict="true",
            tags=["Markets"],
            evidence=[{"url": "https://a.example/x", "stance": "supports"}],
        ),
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert set(data) == CLAIM_KEYS
    assert set(data["evidence"][0]) == EVIDENCE_KEYS
    assert data["evidence"][0]["archived_url"] is None
    assert data["revision"] == article.current_revision.number == 1
    assert data["prefix"] and data["suffix"].startswith(" in market value")
    assert data["claim_text"] == "$600 billion"  # defaults to the quote
    assert (data["author"], data["approver"], data["tags"]) == ("reviewer", None, ["Markets"])
    assert data["anchor_state"] == "exact" and data["status"] == "draft"


def test_offsets_count_code_points_not_utf16_units(api, editor):
    from tests.factories import ArticleFactory

    article = ArticleFactory(actor=editor, body="Emoji 😀😀 then the claim here.")
    response = _create(api, editor, _payload(article, "the claim"))
    assert response.status_code == 201
    assert response.json()["start"] == len("Emoji 😀😀 then ")


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"quote": "$601 billion"}, "quote", None),
        ({"start": 0, "end": 10_000}, "start", OFFSETS_OUT_OF_RANGE.format(length=0)),
        ({"verdict": "mostly-purple"}, "verdict", UNKNOWN_VERDICT.format(slug="mostly-purple")),
        ({"evidence": [{"url": "javascript:alert(1)", "stance": "supports"}]}, "evidence.0.url",
         URL_NOT_HTTP),
        ({"evidence": [{"url": "https://a.example", "archived_url": "ftp://x.example/",
                       "stance": "context"}]},
         "evidence.0.archived_url", URL_NOT_HTTP),
        ({"claimant": "x" * 301}, "claimant", None),
        ({"quote": ""}, "quote", QUOTE_BLANK),
        ({"quote": "   "}, "quote", QUOTE_BLANK),
        ({"start": -1}, "start", None),
        ({"article": 999_999}, "article", "No article with this id."),
        ({"tags": ["not a tag!"]}, "tags", None),
        ({"evidence": [{"url": "https://a.example", "stance": "maybe"}]}, "evidence.0.stance",
         None),
    ],
)  # fmt: skip
def test_invalid_claims_are_refused_naming_the_field(
    api, article, reviewer, change, field, message
):
    payload = _payload(article) | change
    response = _create(api, reviewer, payload)
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["code"] == "invalid"
    assert field in body["errors"], body
    if message and field != "start":
        assert body["errors"][field] == [message]
    if field == "start" and message:
        assert body["errors"]["start"][0].startswith("Offsets must satisfy")


def test_a_quote_that_does_not_match_shows_the_actual_text(api, article, reviewer):
    response = _create(api, reviewer, _payload(article) | {"quote": "$601 billion"})
    assert "'$600 billion'" in response.json()["errors"]["quote"][0]


def test_patch_edits_fields_and_replaces_the_evidence_list(api, reviewer, draft_claim):
    keep = draft_claim.evidence_links.get()
    url = f"/api/v1/claims/{draft_claim.pk}/"
    payload = {
        "version": draft_claim.version, "claimant": "Reuters", "tags": ["a", "b"],
        "evidence": [{"id": keep.pk, "url": keep.url, "title": "Kept"},
                     {"url": "https://new.example/", "stance": "refutes"}],
    }  # fmt: skip
    response = api.as_user(reviewer).patch(url, payload, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["claimant"] == "Reuters" and data["tags"] == ["a", "b"]
    assert [e["title"] for e in data["evidence"]] == ["Kept", ""]
    payload = {"version": data["version"], "evidence": []}
    data = api.patch(url, payload, format="json").json()
    assert data["evidence"] == []
    assert EvidenceLink.objects.filter(claim=draft_claim, is_removed=True).count() == 2


def test_patch_without_a_version_is_refused(api, reviewer, draft_claim):
    response = api.as_user(reviewer).patch(
        f"/api/v1/claims/{draft_claim.pk}/", {"claimant": "X"}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.json()["errors"]


def test_evidence_can_be_listed_added_edited_and_hidden(api, reviewer, draft_claim):
    base = f"/api/v1/claims/{draft_claim.pk}/evidence/"
    client = api.as_user(reviewer)
    created = client.post(
        base, {"url": "https://b.example/", "title": "B", "stance": "supports"}, format="json"
    )
    assert created.status_code == 201, created.json()
    eid = created.json()["id"]
    edited = client.patch(f"{base}{eid}/", {"stance": "context"}, format="json")
    assert edited.status_code == 200 and edited.json()["stance"] == "context"
    assert client.get(base).json()["count"] == 2
    assert client.delete(f"{base}{eid}/").status_code == 204
    assert client.get(base).json()["count"] == 1
    assert EvidenceLink.objects.get(pk=eid).is_removed  # hidden, not deleted
    assert client.delete(f"{base}{eid}/").status_code == 404
    events = client.get(f"/api/v1/claims/{draft_claim.pk}/events/").json()["results"]
    assert events[-1]["action"] == "evidence_remove"


def test_a_bad_evidence_url_is_refused_on_the_nested_endpoint(api, reviewer, draft_claim):
    response = api.as_user(reviewer).post(
        f"/api/v1/claims/{draft_claim.pk}/evidence/",
        {"url": "file:///etc/passwd", "stance": "supports"}, format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"] == {"url": [URL_NOT_HTTP]}


def test_comments_are_listed_and_added(api, reviewer, editor, draft_claim):
    url = f"/api/v1/claims/{draft_claim.pk}/comments/"
    response = api.as_user(editor).post(url, {"body": "Which filing?"}, format="json")
    assert response.status_code == 201
    assert response.json()["author"] == "editor"
    assert api.post(url, {"body": ""}, format="json").status_code == 400
    results = api.as_user(reviewer).get(url).json()["results"]
    assert [c["body"] for c in results] == ["Which filing?"]


def test_the_verdict_scale_lists_its_ratings_with_best_and_worst(api, outsider):
    response = api.as_user(outsider).get("/api/v1/verdicts/")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"scale", "name", "best", "worst", "results"}
    assert set(data["results"][0]) == {"slug", "label", "description", "color", "value"}
    assert "true" in {r["slug"] for r in data["results"]}


def test_the_claim_list_filters_and_orders(api, article, reviewer, editor, draft_claim):
    from tests.factories import make_claim

    other = make_claim(article, editor, "DeepSeek", verdict="false", claimant="Reuters",
                       tags=["ai"])  # fmt: skip
    client = api.as_user(reviewer)

    def ids(query):
        response = client.get(f"/api/v1/claims/?{query}")
        assert response.status_code == 200, response.json()
        return [c["id"] for c in response.json()["results"]]

    assert ids("ordering=-start") == [other.pk, draft_claim.pk]
    assert ids("verdict=false") == [other.pk]
    assert ids("author=reviewer") == [draft_claim.pk]
    assert ids("claimant=reut") == [other.pk]
    assert ids("tag=ai") == [other.pk]
    assert ids(f"article={article.pk}&status=draft&ordering=id") == [draft_claim.pk, other.pk]
    assert ids("status=published") == []
    assert ids("updated_since=2999-01-01T00:00:00Z") == []
    bad = client.get("/api/v1/claims/?status=nope&updated_since=yesterday")
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"status", "updated_since"}


def test_outsiders_see_the_published_copy_not_later_edits(api, outsider, reviewer, editor,
                                                          published_claim):  # fmt: skip
    """A revision that changes the claim's words sends it back to review; its author then edits
    it. Outsiders keep seeing the verdict, rationale and claim text that were published."""
    from factcheck.claims.services import claim_update
    from factcheck.reviews.revisions import article_revise
    from factcheck.reviews.services import claim_request_changes

    article = published_claim.article
    body = article.current_revision.body
    article_revise(actor=editor, article=article, body=body.replace("DeepSeek", "DeepSeak"))
    claim = Claim.objects.get(pk=published_claim.pk)
    assert claim.status == ClaimStatus.SUBMITTED  # vetted words changed: back to review
    claim = claim_request_changes(actor=editor, claim=claim, note="Re-check after the update.")
    claim = claim_update(actor=reviewer, claim=claim, version=claim.version, verdict="false",
                         rationale="A later, unpublished rationale.",
                         claim_text="A later claim text.")  # fmt: skip
    assert (claim.verdict.slug, claim.rationale) == ("false", "A later, unpublished rationale.")

    public = api.as_user(outsider).get(f"/api/v1/claims/{claim.pk}/").json()
    assert (public["verdict"], public["rationale"], public["claim_text"]) == (
        "true", published_claim.published_rationale, published_claim.published_claim_text,
    )  # fmt: skip
    assert "later" not in json.dumps(public)
    staff = api.as_user(editor).get(f"/api/v1/claims/{claim.pk}/").json()
    assert (staff["verdict"], staff["rationale"]) == ("false", "A later, unpublished rationale.")
