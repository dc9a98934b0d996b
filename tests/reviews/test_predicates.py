"""The permission predicates called directly, with their exact messages: written for the
mutants that survived the mutation pass (bench/README.md, "Mutation testing")."""

import logging

import pytest

from factcheck.articles.models import ArticleStatus
from factcheck.claims.models import ClaimStatus
from factcheck.claims.permissions import (
    NOT_A_REVIEWER,
    NOT_EDITABLE_STATUS,
    NOT_YOUR_CLAIM,
    can_create_claim,
    can_edit_claim,
)
from factcheck.claims.selectors import visible_claims
from factcheck.reviews import services
from factcheck.reviews.permissions import (
    REATTACH_RETRACTED,
    WRONG_STATUS,
    reattach_refusal,
    status_refusal,
)
from tests.reviews.helpers import claim_in_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def claims(article, reviewer, editor2):
    made = {}
    for i, status in enumerate(["draft", "submitted", "published", "retracted"]):
        phrase = ["$600 billion", "$5.6 million", "Nasdaq", "one day"][i]
        made[status] = claim_in_status(status, article=article, author=reviewer, editor=editor2,
                                       phrase=phrase)  # fmt: skip
    return made


def test_status_refusal_names_the_status_and_the_action_in_lower_case(claims):
    assert status_refusal(claims["draft"], "approve") == "A claim that is draft cannot be approved."
    assert status_refusal(claims["submitted"], "publish") == WRONG_STATUS.format(
        status="submitted", past="published"
    )
    assert status_refusal(claims["retracted"], "request_changes") == (
        "A claim that is retracted cannot be sent back for changes."
    )
    assert status_refusal(claims["submitted"], "approve") is None


def test_editors_reattach_claims_in_any_live_status_authors_only_while_they_may_edit(
    claims, reviewer, reviewer2, editor
):
    assert reattach_refusal(editor, claims["submitted"]) is None
    assert reattach_refusal(editor, claims["published"]) is None
    assert reattach_refusal(reviewer, claims["draft"]) is None
    assert reattach_refusal(reviewer, claims["submitted"]) == NOT_EDITABLE_STATUS.format(
        status="submitted"
    )
    assert reattach_refusal(reviewer2, claims["draft"]) == NOT_YOUR_CLAIM
    assert reattach_refusal(editor, claims["retracted"]) == REATTACH_RETRACTED


def test_who_may_view_and_edit_a_claim(claims, reviewer, reviewer2, editor, outsider):
    def visible(user):  # who sees what is decided in one place: the visible_claims selector
        ids = set(visible_claims(user).values_list("pk", flat=True))
        return {s for s, c in claims.items() if c.pk in ids}

    assert visible(outsider) == {"published"}
    assert visible(reviewer) == visible(editor) == set(claims)
    assert [s for s, c in claims.items() if can_edit_claim(reviewer, c)] == ["draft"]
    assert [s for s, c in claims.items() if can_edit_claim(editor, c)] == ["draft"]
    assert not can_edit_claim(reviewer2, claims["draft"])
    assert not can_edit_claim(outsider, claims["draft"])


def test_a_failing_after_transition_hook_is_logged_and_the_transition_stands(
    article, reviewer, editor, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def broken(claim, action, actor):
        calls.append((claim.pk, action, actor.username))
        raise RuntimeError("hook down")

    monkeypatch.setattr(services, "after_transition_hooks", [broken])
    claim = claim_in_status("draft", article=article, author=reviewer, editor=editor)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_submit(actor=reviewer, claim=claim)
    assert calls == [(claim.pk, "submit", "reviewer")]
    assert claim.status == ClaimStatus.SUBMITTED
    assert _logged(caplog) == [f"after_transition hook failed for claim {claim.pk}"]


def _logged(caplog):
    return [r.getMessage() for r in caplog.records if r.name == services.logger.name]


def test_a_failing_notification_is_logged_with_the_claim_and_action_and_the_transition_stands(
    article, reviewer, editor, caplog, monkeypatch, django_capture_on_commit_callbacks
):
    def down(*args):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(services, "transition_notified", down)
    claim = claim_in_status("draft", article=article, author=reviewer, editor=editor)
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        claim = services.claim_submit(actor=reviewer, claim=claim)
    assert claim.status == ClaimStatus.SUBMITTED
    assert _logged(caplog) == [f"notifying claim {claim.pk} (submit) failed"]


def test_predicates_refuse_non_reviewers_with_the_reason(claims, outsider):
    from factcheck.claims.permissions import edit_refusal

    assert edit_refusal(outsider, claims["draft"]) == NOT_A_REVIEWER


def test_reviewers_check_claims_in_articles_that_are_not_archived(article, reviewer, outsider):
    assert can_create_claim(reviewer, article)
    assert not can_create_claim(outsider, article)
    article.status = ArticleStatus.ARCHIVED
    assert not can_create_claim(reviewer, article)


# The permission table with its "contributor" role (README "Publishing and corrections"):
# which workflow actions each role may take, whatever the claim's status.
ROLE_TABLE = {
    "author_reviewer": {"submit"},
    "author_editor": {"submit", "correct", "retract"},
    "contributor": {"submit", "correct", "retract"},
    "other_editor": {"submit", "approve", "request_changes", "publish", "correct", "retract"},
    "other_reviewer": set(),
    "outsider": set(),
}


def test_the_role_table_with_contributors(article, reviewer, reviewer2, editor, editor2,
                                          outsider):  # fmt: skip
    from factcheck.claims.services import claim_update
    from factcheck.reviews.permissions import FOUR_EYES, FOUR_EYES_CONTRIBUTOR, role_refusal
    from factcheck.reviews.workflow import TRANSITIONS
    from tests.factories import make_claim

    theirs = make_claim(article, reviewer, "$600 billion")
    claim_update(actor=editor2, claim=theirs, version=theirs.version, claimant="The desk")
    theirs = type(theirs).objects.get(pk=theirs.pk)  # fresh: contributors are read once
    own = make_claim(article, editor, "Nasdaq")
    acting = {"author_reviewer": (reviewer, theirs), "author_editor": (editor, own),
              "contributor": (editor2, theirs), "other_editor": (editor, theirs),
              "other_reviewer": (reviewer2, theirs), "outsider": (outsider, theirs)}  # fmt: skip
    for role, (user, claim) in acting.items():
        allowed = {a for a in TRANSITIONS if role_refusal(user, claim, a) is None}
        assert allowed == ROLE_TABLE[role], role
    assert role_refusal(editor2, theirs, "approve") == FOUR_EYES_CONTRIBUTOR.format(verb="approve")
    assert role_refusal(editor, own, "publish") == FOUR_EYES.format(verb="publish")
