"""The review workflow driven entirely through the API."""

import pytest

from factcheck.claims.services import STALE_VERSION
from factcheck.reviews.permissions import FOUR_EYES, WRONG_STATUS
from factcheck.reviews.services import NOTE_REQUIRED

pytestmark = pytest.mark.django_db


def _post(api, user, claim_id, action, **body):
    """POST an action with the claim's current version (as a client that just read it);
    `version=None` sends none."""
    from factcheck.claims.models import Claim

    if "version" not in body:
        body["version"] = Claim.objects.get(pk=claim_id).version
    body = {k: v for k, v in body.items() if v is not None}
    return api.as_user(user).post(f"/api/v1/claims/{claim_id}/{action}/", body, format="json")


def _create_claim(api, reviewer, article):
    body = article.current_revision.body
    start = body.index("$600 billion")
    payload = {
        "article": article.pk, "start": start, "end": start + 12, "quote": "$600 billion",
        "claim_text": "Nvidia lost $600 billion", "claimant": "LA Times", "verdict": "true",
        "rationale": "Per **filings**.", "tags": ["markets"],
        "evidence": [{"url": "https://example.org/a", "title": "A", "stance": "supports"}],
    }  # fmt: skip
    response = api.as_user(reviewer).post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


def test_a_claim_goes_from_draft_to_retracted_through_the_api(
    api, article, reviewer, editor, editor2
):
    claim = _create_claim(api, reviewer, article)
    assert claim["status"] == "draft" and claim["version"] == 1
    steps = [
        (reviewer, "submit", {}, "submitted"),
        (editor, "approve", {"note": "Looks right."}, "approved"),
        (editor2, "publish", {}, "published"),
        (editor, "correct", {"verdict": "false", "note": "New filing."}, "submitted"),
        (editor2, "approve", {}, "approved"),
        (editor2, "publish", {}, "published"),
        (editor2, "retract", {"note": "Source withdrawn."}, "retracted"),
    ]
    for user, action, body, status in steps:
        response = _post(api, user, claim["id"], action, **body)
        assert response.status_code == 200, (action, response.json())
        assert response.json()["status"] == status
    final = response.json()
    assert final["approver"] == "editor2"
    assert final["published_at"] is not None
    events = api.as_user(editor).get(f"/api/v1/claims/{claim['id']}/events/").json()["results"]
    assert [e["action"] for e in events] == [
        "create", "submit", "approve", "publish", "correct", "approve", "publish", "retract",
    ]  # fmt: skip
    assert events[4]["from_status"] == "published" and events[4]["note"] == "New filing."
    assert events[7]["actor"] == "editor2" and events[7]["to_status"] == "retracted"
    assert set(events[0]) >= {"actor", "action", "from_status", "to_status", "note", "at"}


def test_request_changes_sends_the_claim_back_and_needs_a_note(
    api, article, reviewer, editor, draft_claim
):
    _post(api, reviewer, draft_claim.pk, "submit")
    response = _post(api, editor, draft_claim.pk, "request-changes")
    assert response.status_code == 400
    assert response.json()["errors"] == {"note": [NOTE_REQUIRED]}
    response = _post(api, editor, draft_claim.pk, "request-changes", note="Add a source.")
    assert response.status_code == 200
    assert response.json()["status"] == "changes_requested"


def test_an_editor_cannot_approve_their_own_claim(api, article, editor):
    claim = _create_claim(api, editor, article)
    assert _post(api, editor, claim["id"], "submit").status_code == 200
    response = _post(api, editor, claim["id"], "approve")
    assert response.status_code == 403
    assert response.json() == {
        "detail": FOUR_EYES.format(verb="approve"), "code": "permission_denied",
    }  # fmt: skip


def test_an_illegal_transition_is_a_409_invalid_transition(api, reviewer, editor, draft_claim):
    response = _post(api, editor, draft_claim.pk, "publish")
    assert response.status_code == 409
    assert response.json() == {
        "detail": WRONG_STATUS.format(status="draft", past="published"),
        "code": "invalid_transition",
    }


def test_a_transition_with_a_stale_version_is_a_409_conflict(api, reviewer, draft_claim):
    response = _post(api, reviewer, draft_claim.pk, "submit", version=draft_claim.version - 1 or 99)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


def test_patch_with_a_stale_version_is_a_409_conflict(api, reviewer, draft_claim):
    url = f"/api/v1/claims/{draft_claim.pk}/"
    version = draft_claim.version
    first = api.as_user(reviewer).patch(url, {"version": version, "claimant": "A"}, format="json")
    assert first.status_code == 200 and first.json()["version"] == version + 1
    second = api.patch(url, {"version": version, "claimant": "B"}, format="json")
    assert second.status_code == 409
    assert second.json() == {
        "detail": STALE_VERSION.format(given=version, current=version + 1), "code": "conflict",
    }  # fmt: skip


def test_submitting_an_incomplete_claim_names_what_is_missing(api, article, reviewer):
    from tests.factories import make_claim

    claim = make_claim(article, reviewer, verdict=None, rationale="", evidence=0)
    response = _post(api, reviewer, claim.pk, "submit")
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"verdict", "rationale", "evidence"}
