"""Workflow transitions: one guarded write path per action of workflow.TRANSITIONS.

The service of the action `x` is `claim_x` (Transition.service finds it by that name).

Each action runs in one transaction: lock the claim row, check the table and the actor,
apply the change, write exactly one ReviewEvent, refresh the article's status, and defer
notifications until after commit. Two editors acting at once queue on the row lock; the
second sees the new status and gets InvalidTransition (HTTP 409), never a silent overwrite.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from factcheck.accounts.models import User
from factcheck.claims.models import Claim, Rating, VersionKind
from factcheck.claims.models import EventAction as A
from factcheck.claims.selectors import correction_note
from factcheck.claims.services import (
    article_refresh_status,
    bump_version,
    check_version,
    event_record,
    lock_claim,
    publish_version,
    resolve_verdict,
)
from factcheck.core.errors import ActionForbidden, InvalidTransition
from factcheck.reviews.notifications import transition_notified
from factcheck.reviews.permissions import role_refusal, status_refusal
from factcheck.reviews.workflow import SYSTEM_TRANSITIONS, TRANSITIONS

logger = logging.getLogger(__name__)

NOTE_REQUIRED = "Give a note: it tells the author (or the public) why."
SUBMIT_NEEDS_VERDICT = "Choose a verdict before submitting."
SUBMIT_NEEDS_RATIONALE = "Write a rationale before submitting."
SUBMIT_NEEDS_EVIDENCE = "Add at least one evidence link before submitting."
CORRECTION_CHANGES_NOTHING = "A correction must change the verdict or the rationale."
NOT_VETTED = "Only an approved or published claim goes back to review; this one is {status}."

# Extension point: callables run after commit with (claim, action, actor). Notifications,
# webhooks and cache invalidation hook in here, never inside the transaction.
after_transition_hooks: list[Callable[[Claim, str, Any], None]] = []


def _notify(claim: Claim, action: str, actor: User, note: str = "") -> None:
    try:  # the in-app notifications and their e-mail (reviews.notifications)
        transition_notified(claim, action, actor, note)
    except Exception:
        logger.exception("notifying claim %s (%s) failed", claim.pk, action)
    for hook in after_transition_hooks:
        try:
            hook(claim, action, actor)
        except Exception:  # a failing hook must not undo a committed transition
            logger.exception("after_transition hook failed for claim %s", claim.pk)


def submit_problems(claim: Claim) -> dict[str, str]:
    """What a claim lacks before it can be submitted, by field (empty when ready)."""
    problems = {}
    if claim.verdict_id is None:
        problems["verdict"] = SUBMIT_NEEDS_VERDICT
    if not claim.rationale.strip():
        problems["rationale"] = SUBMIT_NEEDS_RATIONALE
    if not claim.evidence_links.filter(is_removed=False).exists():
        problems["evidence"] = SUBMIT_NEEDS_EVIDENCE
    return problems


def _transition(
    *,
    actor: User,
    claim: Claim,
    action: str,
    note: str = "",
    version: int | None = None,
    apply: Callable[[Claim], dict],
) -> Claim:
    """The one path by which a claim's status changes. Call inside transaction.atomic.

    `version` None is for trusted callers that act on whatever the claim now is (admin bulk
    actions, the demo loader); the API and the browser always send the one the user read."""
    transition = TRANSITIONS[action]
    locked = lock_claim(claim.pk)
    if version is not None:
        check_version(locked, version)
    if refusal := role_refusal(actor, locked, action):
        raise ActionForbidden(refusal)
    if refusal := status_refusal(locked, action):
        raise InvalidTransition(refusal)
    note = (note or "").strip()
    if transition.note_required and not note:
        raise ValidationError({"note": NOTE_REQUIRED})
    from_status = locked.status
    changes = apply(locked)  # the action's own changes: what the audit row records
    locked.status = transition.target
    bump_version(locked)  # saves: the history row carries the new version
    event_record(
        actor=actor,
        claim=locked,
        action=transition.action,
        from_status=from_status,
        to_status=locked.status,
        note=note,
        changes=changes,
    )
    article_refresh_status(locked.article)
    transaction.on_commit(lambda: _notify(locked, action, actor, note))
    return locked


@transaction.atomic
def claim_submit(*, actor: User, claim: Claim, note: str = "", version: int | None = None) -> Claim:
    def apply(locked: Claim) -> dict:
        if problems := submit_problems(locked):
            raise ValidationError(problems)
        locked.submitted_at = timezone.now()
        return {}

    return _transition(
        actor=actor, claim=claim, action=A.SUBMIT, note=note, version=version, apply=apply
    )


@transaction.atomic
def claim_approve(
    *, actor: User, claim: Claim, note: str = "", version: int | None = None
) -> Claim:
    def apply(locked: Claim) -> dict:
        locked.approver = actor
        locked.approved_at = timezone.now()
        return {}

    return _transition(
        actor=actor, claim=claim, action=A.APPROVE, note=note, version=version, apply=apply
    )


@transaction.atomic
def claim_request_changes(
    *, actor: User, claim: Claim, note: str, version: int | None = None
) -> Claim:
    def apply(locked: Claim) -> dict:
        locked.approver = None
        locked.approved_at = None
        return {}

    return _transition(
        actor=actor, claim=claim, action=A.REQUEST_CHANGES, note=note, version=version, apply=apply
    )


def _freeze_public_copy(claim: Claim) -> None:
    claim.published_verdict = claim.verdict
    claim.published_rationale = claim.rationale
    claim.published_claim_text = claim.claim_text


@transaction.atomic
def claim_publish(
    *, actor: User, claim: Claim, note: str = "", version: int | None = None
) -> Claim:
    def apply(locked: Claim) -> dict:
        if locked.published_at is None:
            locked.published_at = timezone.now()
        _freeze_public_copy(locked)
        # A correction proposed since the last publication goes public now, with its note.
        fix = correction_note(locked) if locked.public_version_id is not None else None
        if fix is not None:
            publish_version(locked, by=actor, note=fix, kind=VersionKind.CORRECTION)
        else:
            publish_version(locked, by=actor, note=note, kind=VersionKind.PUBLICATION)
        return {}

    return _transition(
        actor=actor, claim=claim, action=A.PUBLISH, note=note, version=version, apply=apply
    )


@transaction.atomic
def claim_correct(
    *,
    actor: User,
    claim: Claim,
    note: str,
    verdict: Rating | str | None = None,
    rationale: str | None = None,
    version: int | None = None,
) -> Claim:
    """Propose a correction of a published claim: the new verdict and/or rationale go onto the
    working claim, which goes back to review (published → submitted). The public keeps reading
    the published version until another editor, who did not propose it, approves and publishes
    the correction; that publication carries this note (claims.selectors.correction_note)."""
    new_verdict = resolve_verdict(verdict) if verdict not in (None, "") else None

    def apply(locked: Claim) -> dict:
        changes: dict[str, list] = {}
        if new_verdict is not None and new_verdict.pk != locked.published_verdict_id:
            old = locked.published_verdict.slug if locked.published_verdict else None
            changes["verdict"] = [old, new_verdict.slug]
            locked.verdict = new_verdict
        if rationale is not None and rationale.strip() and rationale != locked.published_rationale:
            changes["rationale"] = [locked.published_rationale, rationale]
            locked.rationale = rationale
        if not changes:
            raise ValidationError({"verdict": CORRECTION_CHANGES_NOTHING})
        _back_to_review(locked, timezone.now())
        return changes

    return _transition(
        actor=actor, claim=claim, action=A.CORRECT, note=note, version=version, apply=apply
    )


def _back_to_review(claim: Claim, now: Any) -> None:
    """What going back to review resets: a new submission, and no approval any more."""
    claim.submitted_at = now
    claim.approver = None
    claim.approved_at = None


def system_back_to_review(claim: Claim, action: str, *, now: Any = None) -> None:
    """Apply the SYSTEM transition `action` (a vetted claim whose words changed goes back to
    review) to a claim the caller has locked. The caller saves the claim and records the event
    (with the status it read before: a revision does both in bulk for thousands of claims)."""
    transition = SYSTEM_TRANSITIONS[action]
    if claim.status not in transition.sources:
        raise InvalidTransition(NOT_VETTED.format(status=claim.get_status_display().lower()))
    claim.status = transition.target
    _back_to_review(claim, now or timezone.now())
    claim.version += 1  # a status change invalidates what editors had open


@transaction.atomic
def claim_retract(*, actor: User, claim: Claim, note: str, version: int | None = None) -> Claim:
    def apply(locked: Claim) -> dict:
        if locked.public_version_id is not None:  # the public sees it withdrawn, with the note
            publish_version(locked, by=actor, note=note, kind=VersionKind.RETRACTION)
        return {}

    return _transition(
        actor=actor, claim=claim, action=A.RETRACT, note=note, version=version, apply=apply
    )
