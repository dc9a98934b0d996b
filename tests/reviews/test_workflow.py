"""The review workflow: every (status, action, role, is-author) combination, four-eyes, audit."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from factcheck.claims.models import ClaimStatus, EventAction, ReviewEvent
from factcheck.core.errors import ActionForbidden, Conflict, InvalidTransition
from factcheck.reviews import permissions as perm
from factcheck.reviews import services as wf
from factcheck.reviews.workflow import TRANSITIONS
from tests.factories import make_claim
from tests.reviews.helpers import PATH_TO, claim_in_status

ALL = set(PATH_TO)
# Written out independently of workflow.py so that a change to the table fails a test.
SOURCES = {
    "submit": {"draft", "changes_requested"},
    "approve": {"submitted"},
    "request_changes": {"submitted", "approved"},
    "publish": {"approved"},
    "correct": {"published"},
    "retract": ALL - {"retracted"},
}
TARGET = {"submit": "submitted", "approve": "approved", "request_changes": "changes_requested",
          "publish": "published", "correct": "submitted", "retract": "retracted"}  # fmt: skip
# Four eyes: not for the author (nor a contributor). A correction is only proposed: any editor.
EDITOR_ACTIONS = {"approve", "request_changes", "publish"}
VERB = {"submit": "submit", "approve": "approve", "request_changes": "send back",
        "publish": "publish", "correct": "correct", "retract": "retract"}  # fmt: skip

# role -> (who authors the claim, who acts)
ROLES = {
    "author_reviewer": ("reviewer", "reviewer"),
    "other_reviewer": ("reviewer", "reviewer2"),
    "editor": ("reviewer", "editor"),
    "author_editor": ("editor", "editor"),
    "admin": ("reviewer", "admin_user"),
    "outsider": ("reviewer", "outsider"),
}


def expected_refusal(action: str, role: str) -> str | None:
    verb = VERB[action]
    if action == "submit":
        ok = role in {"author_reviewer", "editor", "author_editor", "admin"}
        return None if ok else perm.AUTHOR_OR_EDITOR_ONLY.format(verb=verb)
    if role not in {"editor", "author_editor", "admin"}:
        return perm.EDITORS_ONLY.format(verb=verb)
    if role == "author_editor" and action in EDITOR_ACTIONS:
        return perm.FOUR_EYES.format(verb=verb)
    return None


@pytest.mark.parametrize("status", sorted(ALL))
@pytest.mark.parametrize("action", list(SOURCES))
@pytest.mark.parametrize("role", list(ROLES))
def test_transition_table(request, status, action, role, article, editor2):
    author_name, actor_name = ROLES[role]
    author, actor = request.getfixturevalue(author_name), request.getfixturevalue(actor_name)
    # editor2 drives claims authored by `editor`, so the path itself respects four-eyes.
    driver = editor2 if author_name == "editor" else request.getfixturevalue("editor")
    claim = claim_in_status(status, article=article, author=author, editor=driver)
    events_before = ReviewEvent.objects.filter(claim=claim).count()
    kwargs = {"note": "because"}
    if action == "correct":
        kwargs["verdict"] = "false"

    refusal = expected_refusal(action, role)
    if refusal:
        with pytest.raises(ActionForbidden) as err:
            TRANSITIONS[action].service(actor=actor, claim=claim, **kwargs)
        assert err.value.message == refusal
    elif status not in SOURCES[action]:
        with pytest.raises(InvalidTransition):
            TRANSITIONS[action].service(actor=actor, claim=claim, **kwargs)
    else:
        result = TRANSITIONS[action].service(actor=actor, claim=claim, **kwargs)
        assert result.status == TARGET[action]
        assert ReviewEvent.objects.filter(claim=claim).count() == events_before + 1
        return
    claim.refresh_from_db()
    assert claim.status == status
    assert ReviewEvent.objects.filter(claim=claim).count() == events_before


def test_reviewer_cannot_approve_or_publish_own_claim_even_as_editor(article, editor, editor2):
    claim = make_claim(article, editor)
    wf.claim_submit(actor=editor, claim=claim)
    with pytest.raises(ActionForbidden, match="another editor"):
        wf.claim_approve(actor=editor, claim=claim)
    wf.claim_approve(actor=editor2, claim=claim)
    with pytest.raises(ActionForbidden, match="another editor"):
        wf.claim_publish(actor=editor, claim=claim)


@pytest.mark.parametrize(
    ("field", "change", "message"),
    [
        ("verdict", {"verdict": None}, wf.SUBMIT_NEEDS_VERDICT),
        ("rationale", {"rationale": ""}, wf.SUBMIT_NEEDS_RATIONALE),
        ("evidence", {"evidence": 0}, wf.SUBMIT_NEEDS_EVIDENCE),
    ],
)
def test_submit_needs_verdict_rationale_and_evidence(article, reviewer, field, change, message):
    kwargs = {"verdict": "true", "rationale": "Because.", "evidence": 1} | change
    claim = make_claim(article, reviewer, **kwargs)
    with pytest.raises(ValidationError) as err:
        wf.claim_submit(actor=reviewer, claim=claim)
    assert err.value.message_dict[field] == [message]
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.DRAFT


@pytest.mark.parametrize("action", ["request_changes", "correct", "retract"])
def test_actions_that_need_a_note_refuse_without_one(article, reviewer, editor, action):
    status = {"request_changes": "submitted", "correct": "published", "retract": "published"}
    claim = claim_in_status(status[action], article=article, author=reviewer, editor=editor)
    extra = {"verdict": "false"} if action == "correct" else {}
    with pytest.raises(ValidationError) as err:
        TRANSITIONS[action].service(actor=editor, claim=claim, note="  ", **extra)
    assert err.value.message_dict["note"] == [wf.NOTE_REQUIRED]


def test_full_lifecycle_leaves_one_event_per_step(article, reviewer, editor, editor2):
    claim = make_claim(article, reviewer, evidence=1)
    wf.claim_submit(actor=reviewer, claim=claim)
    wf.claim_request_changes(actor=editor, claim=claim, note="Cite the filing.")
    wf.claim_submit(actor=reviewer, claim=claim)
    wf.claim_approve(actor=editor, claim=claim)
    wf.claim_publish(actor=editor, claim=claim)
    wf.claim_correct(actor=editor, claim=claim, verdict="mostly-true", note="Figure revised.")
    wf.claim_approve(actor=editor2, claim=claim)
    wf.claim_publish(actor=editor2, claim=claim)
    wf.claim_retract(actor=editor, claim=claim, note="Withdrawn.")
    events = list(ReviewEvent.objects.filter(claim=claim).values_list(
        "action", "from_status", "to_status", "actor__username"))  # fmt: skip
    assert events == [
        ("create", "", "draft", "reviewer"),
        ("evidence_add", "draft", "draft", "reviewer"),
        ("submit", "draft", "submitted", "reviewer"),
        ("request_changes", "submitted", "changes_requested", "editor"),
        ("submit", "changes_requested", "submitted", "reviewer"),
        ("approve", "submitted", "approved", "editor"),
        ("publish", "approved", "published", "editor"),
        ("correct", "published", "submitted", "editor"),
        ("approve", "submitted", "approved", "editor2"),
        ("publish", "approved", "published", "editor2"),
        ("retract", "published", "retracted", "editor"),
    ]
    correction = ReviewEvent.objects.get(claim=claim, action="correct")
    assert correction.changes == {"verdict": ["true", "mostly-true"]}
    assert correction.note == "Figure revised."


def test_a_correction_goes_public_only_when_another_editor_publishes_it(
    article, reviewer, editor, editor2
):
    claim = claim_in_status("published", article=article, author=reviewer, editor=editor)
    assert claim.published_verdict.slug == "true"
    assert claim.published_at is not None
    proposed = wf.claim_correct(actor=editor2, claim=claim, verdict="false", note="New data.")
    assert (proposed.status, proposed.verdict.slug) == ("submitted", "false")
    assert proposed.published_verdict.slug == "true"  # the public copy stays until published
    with pytest.raises(ActionForbidden, match="changed this claim"):
        wf.claim_approve(actor=editor2, claim=proposed)  # the proposer is a contributor
    approved = wf.claim_approve(actor=editor, claim=proposed)
    assert approved.published_verdict.slug == "true"
    with pytest.raises(ActionForbidden, match="changed this claim"):
        wf.claim_publish(actor=editor2, claim=approved)
    published = wf.claim_publish(actor=editor, claim=approved)
    assert (published.status, published.published_verdict.slug) == ("published", "false")


def test_correction_that_changes_nothing_is_refused(article, reviewer, editor):
    claim = claim_in_status("published", article=article, author=reviewer, editor=editor)
    with pytest.raises(ValidationError) as refused:
        wf.claim_correct(actor=editor, claim=claim, verdict="true", note="Same.")
    assert refused.value.message_dict == {"verdict": [wf.CORRECTION_CHANGES_NOTHING]}


def test_stale_version_on_a_transition_is_a_conflict(article, reviewer, editor):
    claim = claim_in_status("submitted", article=article, author=reviewer, editor=editor)
    with pytest.raises(Conflict):
        wf.claim_approve(actor=editor, claim=claim, version=claim.version - 1)


def test_second_approval_of_the_same_claim_is_an_invalid_transition(article, reviewer, editor,
                                                                     editor2):  # fmt: skip
    claim = claim_in_status("submitted", article=article, author=reviewer, editor=editor)
    stale_copy = type(claim).objects.get(pk=claim.pk)
    wf.claim_approve(actor=editor, claim=claim)
    with pytest.raises(InvalidTransition):
        wf.claim_approve(actor=editor2, claim=stale_copy)
    assert ReviewEvent.objects.filter(claim=claim, action="approve").count() == 1


def test_available_actions_lists_only_what_the_user_may_do(article, reviewer, editor):
    claim = claim_in_status("submitted", article=article, author=reviewer, editor=editor)
    assert perm.available_actions(reviewer, claim) == []
    assert perm.available_actions(editor, claim) == ["approve", "request_changes", "retract"]


def test_a_refused_transition_says_why_and_a_missing_note_is_recorded_empty(
    article, reviewer, editor
):
    """The refusal names the status (not an empty error); a transition without a note records
    an empty note, and a note is kept without its surrounding spaces (mutation testing found
    both unchecked)."""
    draft = make_claim(article, reviewer)
    with pytest.raises(InvalidTransition) as refused:
        wf.claim_approve(actor=editor, claim=draft)
    assert str(refused.value) == perm.status_refusal(draft, "approve")
    submitted = wf.claim_submit(actor=reviewer, claim=draft)
    wf.claim_approve(actor=editor, claim=submitted, note="  Checked twice.  ")
    notes = list(
        ReviewEvent.objects.filter(claim=draft).order_by("id").values_list("note", flat=True)
    )
    assert notes[-2:] == ["", "Checked twice."]


def test_a_proposed_correction_is_a_new_submission_without_its_old_approval(
    article, reviewer, editor, editor2
):
    claim = claim_in_status("published", article=article, author=reviewer, editor=editor)
    before = claim.submitted_at
    proposed = wf.claim_correct(actor=editor2, claim=claim, verdict="false", note="New data.")
    assert proposed.submitted_at is not None and proposed.submitted_at > before
    assert (proposed.approver, proposed.approved_at) == (None, None)


def test_a_vetted_claim_goes_back_to_review_as_a_new_submission_one_version_on(
    article, reviewer, editor
):
    """The system transition a revision or a re-attachment applies (reviews.revisions): submitted
    at the revision's time, else now; one version more; a claim nobody vetted is refused, with
    the reason."""
    published = claim_in_status("published", article=article, author=reviewer, editor=editor)
    version, at = published.version, timezone.now() - timedelta(days=1)
    wf.system_back_to_review(published, EventAction.REANCHOR_REVIEW, now=at)
    assert published.status == ClaimStatus.SUBMITTED and published.submitted_at == at
    assert published.version == version + 1
    assert (published.approver, published.approved_at) == (None, None)
    approved = claim_in_status("approved", article=article, author=reviewer, editor=editor,
                               phrase="Nasdaq")  # fmt: skip
    before = timezone.now()
    wf.system_back_to_review(approved, EventAction.REATTACH)
    assert approved.submitted_at is not None and approved.submitted_at >= before
    draft = make_claim(article, reviewer, "one day")
    with pytest.raises(InvalidTransition) as refused:
        wf.system_back_to_review(draft, EventAction.REATTACH)
    assert str(refused.value) == wf.NOT_VETTED.format(status="draft")
