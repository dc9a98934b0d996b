"""Evidence links and comments: added, edited, hidden (never deleted), each change audited."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from factcheck.accounts.models import User
from factcheck.claims.mentions import mentioned_users
from factcheck.claims.models import (
    Claim,
    Comment,
    EventAction,
    EvidenceLink,
    Stance,
)
from factcheck.claims.permissions import (
    NOT_A_REVIEWER,
    can_comment_claim,
    edit_refusal,
)
from factcheck.claims.services.audit import event_record
from factcheck.claims.services.claims import bump_version, lock_claim
from factcheck.claims.services.validation import COMMENT_EMPTY, EVIDENCE_FIELDS, clean_evidence
from factcheck.core.errors import ActionForbidden

logger = logging.getLogger(__name__)


def _edit_guard(actor: User, claim_id: int) -> Claim:
    claim = lock_claim(claim_id)
    if refusal := edit_refusal(actor, claim):
        raise ActionForbidden(refusal)
    return claim


def _record_evidence_change(actor: User, claim: Claim, action: EventAction, changes: dict) -> None:
    bump_version(claim, update_fields=["updated_at"])
    event_record(
        actor=actor,
        claim=claim,
        action=action,
        from_status=claim.status,
        to_status=claim.status,
        changes=changes,
    )


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    claim: Claim,
    url: str,
    title: str = "",
    publisher: str = "",
    excerpt: str = "",
    stance: str = Stance.SUPPORTS,
    accessed_on: date | None = None,
    archived_url: str = "",
) -> EvidenceLink:
    claim = _edit_guard(actor, claim.pk)
    values = clean_evidence(
        {
            "url": url,
            "title": title,
            "publisher": publisher,
            "excerpt": excerpt,
            "stance": stance,
            "accessed_on": accessed_on,
            "archived_url": archived_url,
        }
    )
    link = EvidenceLink.objects.create(claim=claim, created_by=actor, **values)
    _record_evidence_change(actor, claim, EventAction.EVIDENCE_ADD, {"url": [None, link.url]})
    return link


@transaction.atomic
def evidence_update(*, actor: User, evidence: EvidenceLink, **changes: Any) -> EvidenceLink:
    unknown = set(changes) - set(EVIDENCE_FIELDS)
    if unknown:
        raise ValidationError({name: "This field cannot be changed here." for name in unknown})
    claim = _edit_guard(actor, evidence.claim_id)
    link = EvidenceLink.objects.select_for_update().get(pk=evidence.pk, is_removed=False)
    values = clean_evidence(changes)
    diff = {k: [str(getattr(link, k)), str(v)] for k, v in values.items() if getattr(link, k) != v}
    if not diff:
        return link
    for name, value in values.items():
        setattr(link, name, value)
    link.save()
    _record_evidence_change(actor, claim, EventAction.EVIDENCE_EDIT, {"evidence": link.pk, **diff})
    return link


@transaction.atomic
def evidence_remove(*, actor: User, evidence: EvidenceLink) -> EvidenceLink:
    """Hide an evidence link. It stays in the database and in the audit trail."""
    claim = _edit_guard(actor, evidence.claim_id)
    link = EvidenceLink.objects.select_for_update().get(pk=evidence.pk)
    if link.is_removed:
        return link
    link.is_removed = True
    link.save()
    _record_evidence_change(actor, claim, EventAction.EVIDENCE_REMOVE, {"url": [link.url, None]})
    return link


# Extension point: callables run after commit with (comment, mentioned users). The apps above
# (reviews.notifications) hook in here to tell the people a comment mentions; a failing hook
# never undoes the committed comment.
after_comment_hooks: list[Callable[[Comment, list[User]], None]] = []


def _after_comment(comment: Comment, mentioned: list[User]) -> None:
    for hook in after_comment_hooks:
        try:
            hook(comment, mentioned)
        except Exception:
            logger.exception("after_comment hook failed for comment %s", comment.pk)


@transaction.atomic
def comment_add(*, actor: User, claim: Claim, body: str) -> Comment:
    """Add a comment; `@username` mentions of newsroom people are recorded with it and, after
    commit, handed to `after_comment_hooks` (the commenter never mentions themself)."""
    if not can_comment_claim(actor, claim):
        raise ActionForbidden(NOT_A_REVIEWER)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": COMMENT_EMPTY})
    comment = Comment.objects.create(claim=claim, author=actor, body=body)
    mentioned = [user for user in mentioned_users(body) if user.pk != actor.pk]
    changes: dict[str, Any] = {"comment": comment.pk}
    if mentioned:
        changes["mentions"] = [user.username for user in mentioned]
    event_record(
        actor=actor,
        claim=claim,
        action=EventAction.COMMENT,
        from_status=claim.status,
        to_status=claim.status,
        changes=changes,
    )
    transaction.on_commit(lambda: _after_comment(comment, mentioned))
    return comment
