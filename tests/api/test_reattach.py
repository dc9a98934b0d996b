"""POST /api/v1/claims/{id}/reattach/: an orphaned claim anchored again on new text."""

import pytest

from factcheck.articles.services import article_create
from factcheck.claims.models import ReviewEvent
from factcheck.claims.services import OFFSETS_OUT_OF_RANGE, QUOTE_BLANK
from factcheck.reviews import revisions
from factcheck.reviews.permissions import REATTACH_RETRACTED
from factcheck.reviews.services import claim_retract
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

BODY = "Prices 👍🏽 rose.\n\nThe Nasdaq fell 3% on Monday.\n\nAnalysts were surprised."
NEW_BODY = "Prices 👍🏽 rose.\n\nTech shares slid on Monday.\n\nAnalysts were surprised."
TARGET = "Tech shares slid on Monday."


@pytest.fixture
def orphan(editor, reviewer):
    article = article_create(actor=editor, title="Markets", body=BODY)
    article.assignees.add(reviewer)
    claim = make_claim(article, reviewer, "The Nasdaq fell 3% on Monday.")
    revisions.article_revise(actor=editor, article=article, body=NEW_BODY, note="Fix")
    claim.refresh_from_db()
    assert claim.anchor_state == "orphaned"
    return claim


def _reattach(api, user, claim, **body):
    """POST a re-attach with the claim's current version unless given (None: send none)."""
    from factcheck.claims.models import Claim

    if "version" not in body:
        body["version"] = Claim.objects.get(pk=claim.pk).version
    body = {k: v for k, v in body.items() if v is not None}
    return api.as_user(user).post(f"/api/v1/claims/{claim.pk}/reattach/", body, format="json")


def _target():
    start = NEW_BODY.index(TARGET)
    return {"start": start, "end": start + len(TARGET), "quote": TARGET}


def test_author_reattaches_an_orphan_in_code_points(api, orphan, reviewer):
    target = _target()
    assert len(NEW_BODY[: target["start"]].encode("utf-16-le")) // 2 > target["start"]
    response = _reattach(api, reviewer, orphan, **target)
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["start"], data["end"], data["quote"]) == (target["start"], target["end"], TARGET)
    assert data["anchor_state"] == "exact"
    assert data["revision"] == 2
    orphan.refresh_from_db()
    assert orphan.revision == orphan.article.current_revision
    assert ReviewEvent.objects.filter(claim=orphan, action="reattach").count() == 1


def test_editor_may_reattach_any_live_claim(api, orphan, editor):
    assert _reattach(api, editor, orphan, **_target()).status_code == 200


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"quote": "Tech shares slid on Tuesday."}, "quote", None),
        ({"start": 0, "end": 10_000}, "start", OFFSETS_OUT_OF_RANGE.format(length=len(NEW_BODY))),
        ({"quote": ""}, "quote", QUOTE_BLANK),
        ({"start": -1}, "start", None),
        ({"end": "x"}, "end", None),
    ],
)
def test_a_target_that_does_not_match_is_refused_naming_the_field(
    api, orphan, reviewer, change, field, message
):
    response = _reattach(api, reviewer, orphan, **(_target() | change))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors
    if message:
        assert errors[field] == [message]
    orphan.refresh_from_db()
    assert orphan.anchor_state == "orphaned"


def test_missing_fields_are_named(api, orphan, reviewer):
    response = _reattach(api, reviewer, orphan, version=None)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"start", "end", "quote", "version"}


def test_another_reviewer_gets_403(api, orphan, reviewer2):
    response = _reattach(api, reviewer2, orphan, **_target())
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_retracted_claim_cannot_be_reattached(api, orphan, editor):
    claim_retract(actor=editor, claim=orphan, note="Gone from the source.")
    response = _reattach(api, editor, orphan, **_target())
    assert response.status_code == 403 and response.json()["detail"] == REATTACH_RETRACTED


def test_anonymous_gets_401_and_a_non_staff_user_403(api, orphan, outsider):
    assert _reattach(api, None, orphan, **_target()).status_code == 401
    assert _reattach(api, outsider, orphan, **_target()).status_code == 403


def test_unknown_claim_is_404(api, orphan, editor):
    response = api.as_user(editor).post("/api/v1/claims/999999/reattach/", _target(), format="json")
    assert response.status_code == 404
