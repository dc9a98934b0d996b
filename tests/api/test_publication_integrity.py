"""Issue 15: nothing goes public without two different people, through the API.

Items: 1 four eyes by contribution (an editor who changed a claim cannot approve or publish
it), 2 corrections by two people, 5 re-attaching a vetted claim sends it back to review (and
re-anchoring clears the approval through the workflow), and "Locks and versions": every write
that takes a `version` requires it.
"""

import pytest

from factcheck.claims.models import Claim, ReviewEvent
from factcheck.reports.selectors import median_hours_to_approval
from factcheck.reviews import revisions
from factcheck.reviews import services as wf
from factcheck.reviews.permissions import FOUR_EYES_CONTRIBUTOR
from factcheck.reviews.workflow import TRANSITIONS
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def _version(claim_id):
    return Claim.objects.get(pk=claim_id).version


def _act(api, user, claim_id, slug, **body):
    body.setdefault("version", _version(claim_id))
    return api.as_user(user).post(f"/api/v1/claims/{claim_id}/{slug}/", body, format="json")


def _patch(api, user, claim_id, **changes):
    payload = {"version": _version(claim_id), **changes}
    return api.as_user(user).patch(f"/api/v1/claims/{claim_id}/", payload, format="json")


def _public(api, outsider, claim_id):
    response = api.as_user(outsider).get(f"/api/v1/claims/{claim_id}/")
    assert response.status_code == 200, response.content
    return response.json()


# --- 1. Four eyes by contribution ---------------------------------------------------------------


def test_an_editor_who_edited_a_reviewers_draft_can_neither_approve_nor_publish_it(
    api, draft_claim, reviewer, editor, editor2
):
    claim = draft_claim.pk
    response = _patch(api, editor, claim, verdict="false", rationale="The editor's own words.")
    assert response.status_code == 200, response.content
    assert _act(api, editor, claim, "submit").status_code == 200
    refused = _act(api, editor, claim, "approve")
    assert refused.status_code == 403
    assert refused.json()["detail"] == FOUR_EYES_CONTRIBUTOR.format(verb="approve")
    assert Claim.objects.get(pk=claim).status == "submitted"
    assert _act(api, editor2, claim, "approve").status_code == 200
    refused = _act(api, editor, claim, "publish")
    assert refused.status_code == 403
    assert refused.json()["detail"] == FOUR_EYES_CONTRIBUTOR.format(verb="publish")
    assert _act(api, editor2, claim, "publish").json()["status"] == "published"


def test_adding_evidence_or_tags_makes_an_editor_a_contributor(
    api, draft_claim, reviewer, editor, editor2
):
    claim = draft_claim.pk
    added = api.as_user(editor).post(f"/api/v1/claims/{claim}/evidence/",
                                     {"url": "https://example.org/x", "stance": "supports"},
                                     format="json")  # fmt: skip
    assert added.status_code == 201
    assert _patch(api, editor2, claim, tags=["economy"]).status_code == 200
    assert _act(api, reviewer, claim, "submit").status_code == 200
    for editor_ in (editor, editor2):
        assert _act(api, editor_, claim, "approve").status_code == 403
    assert Claim.objects.get(pk=claim).status == "submitted"


def test_a_comment_does_not_make_a_contributor_and_publication_clears_contributions(
    api, draft_claim, reviewer, editor, editor2
):
    claim = draft_claim.pk
    api.as_user(editor).post(f"/api/v1/claims/{claim}/comments/", {"body": "Fine."}, format="json")
    assert _act(api, reviewer, claim, "submit").status_code == 200
    assert _act(api, editor, claim, "approve").status_code == 200
    assert _act(api, editor, claim, "publish").status_code == 200
    # editor2 proposes a correction: editor (who changed nothing since publication) publishes it
    fix = _act(api, editor2, claim, "correct", verdict="false", note="New figures.")
    assert fix.status_code == 200
    assert _act(api, editor2, claim, "approve").status_code == 403
    assert _act(api, editor, claim, "approve").status_code == 200
    assert _act(api, editor, claim, "publish").status_code == 200


# --- 2. Corrections by two people ---------------------------------------------------------------


def test_a_correction_is_proposed_by_one_editor_and_published_by_another(
    api, published_claim, editor, editor2, outsider
):
    claim = published_claim.pk
    before = _public(api, outsider, claim)
    assert before["verdict"] == "true"
    proposed = _act(api, editor, claim, "correct", verdict="false",
                    rationale="New filings.", note="The figure was revised.")  # fmt: skip
    assert proposed.status_code == 200, proposed.content
    assert proposed.json()["status"] == "submitted"
    # the published version stays public meanwhile
    public = _public(api, outsider, claim)
    assert (public["verdict"], public["rationale"]) == (before["verdict"], before["rationale"])
    for slug in ("approve", "publish"):
        if slug == "publish":
            assert _act(api, editor2, claim, "approve").status_code == 200
        refused = _act(api, editor, claim, slug)
        assert refused.status_code == 403, slug
        assert refused.json()["detail"] == FOUR_EYES_CONTRIBUTOR.format(verb=slug)
    assert _public(api, outsider, claim)["verdict"] == "true"
    assert _act(api, editor2, claim, "publish").json()["status"] == "published"
    public = _public(api, outsider, claim)
    assert (public["verdict"], public["rationale"]) == ("false", "New filings.")
    correction = ReviewEvent.objects.get(claim_id=claim, action="correct")
    assert (correction.actor, correction.note) == (editor, "The figure was revised.")


def test_a_correction_sent_back_keeps_the_published_version_public(
    api, published_claim, editor, editor2, outsider
):
    claim = published_claim.pk
    _act(api, editor, claim, "correct", verdict="false", note="Revised.")
    sent_back = _act(api, editor2, claim, "request-changes", note="Not convinced.")
    assert sent_back.json()["status"] == "changes_requested"
    assert _public(api, outsider, claim)["verdict"] == "true"


# --- 5 (issue item 5). Re-attaching and re-anchoring send vetted claims back to review ---------

BODY = "Prices rose.\n\nThe Nasdaq fell 3% on Monday.\n\nAnalysts were surprised."
NEW_BODY = "Prices rose.\n\nTech shares slid on Monday.\n\nAnalysts were surprised."
TARGET = "Tech shares slid on Monday."


@pytest.fixture
def markets(editor, reviewer):
    from factcheck.articles.services import article_create

    article = article_create(actor=editor, title="Markets", body=BODY)
    article.assignees.add(reviewer)
    return article


def _published(article, reviewer, editor, editor2, phrase):
    claim = make_claim(article, reviewer, phrase)
    wf.claim_submit(actor=reviewer, claim=claim)
    wf.claim_approve(actor=editor, claim=claim)
    return wf.claim_publish(actor=editor2, claim=claim)


def test_reattaching_a_published_claim_sends_it_back_to_review_and_its_author_cannot_approve(
    api, markets, reviewer, editor, editor2, outsider
):
    claim = _published(markets, reviewer, editor, editor2, "Analysts were surprised.")
    start = BODY.index("Prices rose.")
    response = api.as_user(editor).post(f"/api/v1/claims/{claim.pk}/reattach/", {
        "start": start, "end": start + 12, "quote": "Prices rose.", "version": claim.version,
    }, format="json")  # fmt: skip
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["approver"]) == ("submitted", None)
    event = ReviewEvent.objects.filter(claim=claim).latest("id")
    assert (event.action, event.from_status, event.to_status) == (
        "reattach", "published", "submitted",
    )  # fmt: skip
    assert _public(api, outsider, claim.pk)["verdict"] == "true"  # still the published one
    assert _act(api, editor, claim.pk, "approve").status_code == 403  # the re-attacher
    assert _act(api, editor2, claim.pk, "approve").status_code == 200


def test_reattaching_an_approved_claim_sends_it_back_to_review(
    api, markets, reviewer, editor, editor2
):
    claim = make_claim(markets, reviewer, "Analysts were surprised.")
    wf.claim_submit(actor=reviewer, claim=claim)
    claim = wf.claim_approve(actor=editor, claim=claim)
    response = api.as_user(editor2).post(f"/api/v1/claims/{claim.pk}/reattach/", {
        "start": 0, "end": 12, "quote": "Prices rose.", "version": claim.version,
    }, format="json")  # fmt: skip
    assert response.json()["status"] == "submitted"
    claim.refresh_from_db()
    assert (claim.approver, claim.approved_at) == (None, None)


def test_reanchoring_sends_back_through_the_workflow_and_clears_the_approval(
    markets, reviewer, editor, editor2
):
    claim = _published(markets, reviewer, editor, editor2, "The Nasdaq fell 3% on Monday.")
    assert claim.approver == editor
    body = BODY.replace("The Nasdaq fell 3% on Monday.", "The Nasdaq fell 3% on Tuesday.")
    revisions.article_revise(actor=editor2, article=markets, body=body)
    claim.refresh_from_db()
    assert (claim.status, claim.approver, claim.approved_at) == ("submitted", None, None)
    assert claim.submitted_at is not None
    assert ReviewEvent.objects.filter(claim=claim).latest("id").action == "reanchor_review"
    assert TRANSITIONS.get("reanchor_review") is None  # a system move: no button, no endpoint
    assert median_hours_to_approval() is None  # (was negative: the old approval stayed)
    wf.claim_approve(actor=editor, claim=claim)
    assert median_hours_to_approval() >= 0


# --- Locks and versions: `version` is required on every write that takes it ---------------------


@pytest.mark.parametrize("slug", [t.slug for t in TRANSITIONS.values()])
def test_a_workflow_action_without_a_version_is_a_400_naming_it(
    api, published_claim, editor2, slug
):
    before = Claim.objects.get(pk=published_claim.pk)
    body = {"note": "A note.", "verdict": "false"}
    response = api.as_user(editor2).post(f"/api/v1/claims/{published_claim.pk}/{slug}/", body,
                                         format="json")  # fmt: skip
    assert response.status_code == 400, response.content
    assert "version" in response.json()["errors"]
    after = Claim.objects.get(pk=published_claim.pk)
    assert (after.status, after.version) == (before.status, before.version)


def test_patch_and_reattach_without_a_version_are_a_400_naming_it(
    api, draft_claim, reviewer, editor
):
    patched = api.as_user(reviewer).patch(f"/api/v1/claims/{draft_claim.pk}/",
                                          {"claimant": "X"}, format="json")  # fmt: skip
    assert patched.status_code == 400 and "version" in patched.json()["errors"]
    body = draft_claim.article.current_revision.body
    start = body.index("Nasdaq")
    moved = api.as_user(editor).post(f"/api/v1/claims/{draft_claim.pk}/reattach/",
                                     {"start": start, "end": start + 6, "quote": "Nasdaq"},
                                     format="json")  # fmt: skip
    assert moved.status_code == 400 and list(moved.json()["errors"]) == ["version"]
    stale = api.as_user(editor).post(f"/api/v1/claims/{draft_claim.pk}/reattach/", {
        "start": start, "end": start + 6, "quote": "Nasdaq", "version": draft_claim.version + 1,
    }, format="json")  # fmt: skip
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert Claim.objects.get(pk=draft_claim.pk).quote == draft_claim.quote
