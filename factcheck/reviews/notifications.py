"""Telling people what happened to their work: in-app notifications and e-mail.

Everything here runs after the change committed (`transaction.on_commit` in the services:
reviews.services for transitions, reviews.revisions for send-backs, and the hooks of
claims.services.comment_add and articles.services.article_assign, registered in apps.py), so
a rolled-back change notifies nobody and a failing mail server never undoes a change.
Mail goes through Django's mail framework to whoever has an address (settings.EMAIL_BACKEND:
the console in development, locmem in tests).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from factcheck.accounts.models import User
from factcheck.accounts.roles import EDITOR
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Comment, EventAction
from factcheck.claims.services import event_record
from factcheck.reviews.models import Notification, NotificationKind

logger = logging.getLogger(__name__)

# What a workflow action tells the claim's author (submit tells the editors instead).
AUTHOR_KINDS = {
    EventAction.REQUEST_CHANGES: NotificationKind.SENT_BACK,
    EventAction.APPROVE: NotificationKind.APPROVED,
    EventAction.PUBLISH: NotificationKind.PUBLISHED,
    EventAction.CORRECT: NotificationKind.CORRECTED,
    EventAction.RETRACT: NotificationKind.RETRACTED,
}
SUBJECT = "[Factcheck] {who} {what}"
NOTE_CHARS = 2000
_mail_paused: ContextVar[bool] = ContextVar("notification_mail_paused", default=False)


@contextmanager
def mail_paused() -> Iterator[None]:
    """Notifications written in the app but mailed to nobody, for what commits inside the block
    (the demo: its people's addresses are example.org's, and a first `make run` would print
    dozens of e-mails before the address to open)."""
    token = _mail_paused.set(True)
    try:
        yield
    finally:
        _mail_paused.reset(token)


def editor_users() -> QuerySet[User]:
    """Active editors and admins: the people who may approve a submitted claim."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=EDITOR))
        .distinct()
    )


def submit_recipients(claim: Claim, actor: User) -> list[int]:
    """Who hears of a submission: the editors assigned to the article if it has any, else
    every editor; never the claim's author or whoever submitted it (they cannot approve it)."""
    editors = editor_users().exclude(pk__in={claim.author_id, actor.pk})
    assigned = list(editors.filter(assigned_articles=claim.article_id).values_list("pk", flat=True))
    return assigned or list(editors.values_list("pk", flat=True))


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    actor: User | None,
    article_id: int,
    claim: Claim | None = None,
    comment: Comment | None = None,
    note: str = "",
) -> list[Notification]:
    """One notification per recipient (users or ids; the actor never notifies themself), then
    one e-mail each to those with an address. Returns the notifications written."""
    actor_pk = getattr(actor, "pk", None)
    ids = {getattr(r, "pk", r) for r in recipients} - {actor_pk, None}
    if not ids:
        return []
    people = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    rows = Notification.objects.bulk_create(
        Notification(
            recipient=person,
            kind=kind,
            actor_id=actor_pk,
            article_id=article_id,
            claim=claim,
            comment=comment,
            note=(note or "")[:NOTE_CHARS],
        )
        for person in people
    )
    _send_mail(rows, actor)
    return rows


def notification_link(notification: Notification) -> str:
    """Where a notification leads: the claim in the reading view, or the article."""
    url = reverse("articles:detail", args=[notification.article_id])
    return f"{url}#claim-{notification.claim_id}" if notification.claim_id else url


def _send_mail(rows: list[Notification], actor: User | None) -> None:
    if _mail_paused.get():
        return
    messages = [_message(row, actor) for row in rows if row.recipient.email]
    if not messages:
        return
    try:
        mailers.default.send_messages(messages)
    except Exception:  # the notification is in the app; a mail server outage must not raise
        logger.exception("sending %d notification e-mail(s) failed", len(messages))


def _message(row: Notification, actor: User | None) -> EmailMessage:
    who = actor.display_name if actor is not None else "Factcheck"
    what = row.get_kind_display()
    lines = [f"{who} {what}."]
    if row.claim is not None:
        lines.append(f"\nClaim: “{row.claim.claim_text[:300]}”")
    if row.note:
        lines.append(f"\n{row.note}")
    lines.append(f"\nOpen it: {settings.SITE_URL}{notification_link(row)}")
    return EmailMessage(
        subject=SUBJECT.format(who=who, what=what)[:200],
        body="\n".join(lines),
        to=[row.recipient.email],
    )


def transition_notified(claim: Claim, action: str, actor: User, note: str = "") -> None:
    """After a workflow transition committed: the author hears of a verdict on their claim,
    the editors of a submission."""
    if action == EventAction.SUBMIT:
        notify(
            recipients=submit_recipients(claim, actor),
            kind=NotificationKind.SUBMITTED,
            actor=actor,
            article_id=claim.article_id,
            claim=claim,
        )
    elif action in AUTHOR_KINDS:
        notify(
            recipients=[claim.author_id],
            kind=AUTHOR_KINDS[EventAction(action)],
            actor=actor,
            article_id=claim.article_id,
            claim=claim,
            note=note,
        )


def revision_sent_back_notified(*, actor: User, items: list[tuple[Claim, str]]) -> None:
    """After a revision committed: each author of a claim it sent back to review hears of it,
    with the reason (which revision, how the words changed)."""
    for claim, note in items:
        notify(
            recipients=[claim.author_id],
            kind=NotificationKind.REVISION_SENT_BACK,
            actor=actor,
            article_id=claim.article_id,
            claim=claim,
            note=note,
        )


def mention_notified(comment: Comment, mentioned: list[User]) -> None:
    """After a comment committed: each newsroom person it mentions (claims.mentions)."""
    notify(
        recipients=mentioned,
        kind=NotificationKind.MENTIONED,
        actor=comment.author,
        article_id=comment.claim.article_id,
        claim=comment.claim,
        comment=comment,
        note=comment.body,
    )


def assignment_recorded(
    actor: User, article: Article, added: list[Any], removed: list[Any]
) -> None:
    """Inside article_assign's transaction: the audit row; after commit, the new assignees."""
    ids = {getattr(u, "pk", u) for u in (*added, *removed)}
    names = dict(User.objects.filter(pk__in=ids).values_list("pk", "username"))
    event_record(
        actor=actor,
        claim=None,
        article=article,
        action=EventAction.ASSIGN,
        changes={
            "added": sorted(names[getattr(u, "pk", u)] for u in added),
            "removed": sorted(names[getattr(u, "pk", u)] for u in removed),
        },
    )
    kind = NotificationKind.ASSIGNED
    transaction.on_commit(
        lambda: notify(recipients=added, kind=kind, actor=actor, article_id=article.pk)
    )


@transaction.atomic
def notifications_mark_read(*, actor: User, ids: Iterable[int] | None = None) -> int:
    """Mark `actor`'s notifications read (all unread ones when `ids` is None); returns how many.
    Someone else's notification ids are ignored, never an error that would confirm they exist."""
    unread = Notification.objects.filter(recipient=actor, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    return unread.update(read_at=timezone.now())
