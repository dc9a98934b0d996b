"""The audit trail and the article status that follows the claims."""

from __future__ import annotations

from collections.abc import Mapping

from factcheck.accounts.models import User
from factcheck.articles.models import Article, ArticleStatus
from factcheck.claims.models import (
    Claim,
    ClaimStatus,
    EventAction,
    ReviewEvent,
)
from factcheck.core.live import live_notify_on_commit


def event_record(
    *,
    actor: User,
    claim: Claim | None,
    article: Article | None = None,
    action: EventAction,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    changes: Mapping | None = None,
) -> ReviewEvent:
    """Append one row to the audit trail; its id is announced to live streams after commit."""
    event = event_new(
        actor=actor,
        claim=claim,
        article=article,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        changes=changes,
    )
    event.save(force_insert=True)
    live_notify_on_commit({"event": event.pk})
    return event


def event_new(
    *,
    actor: User,
    claim: Claim | None,
    article: Article | None = None,
    action: EventAction,
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    changes: Mapping | None = None,
) -> ReviewEvent:
    """The audit row `event_record` writes, unsaved (for a caller that writes it itself)."""
    # article_id, not claim.article: no query to load an article only to take its id.
    article_id = article.pk if article is not None else claim.article_id  # type: ignore[union-attr]
    return ReviewEvent(
        actor=actor if getattr(actor, "pk", None) else None,
        claim=claim,
        article_id=article_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        changes=dict(changes or {}),
    )


def article_refresh_status(article: Article) -> Article:
    """Derive the article's status from its live claims (docs/product.md §3); archived stays put."""
    # Lock the article row before reading its claims: two transitions on claims of one article
    # would otherwise each miss the other's uncommitted change and both write a stale status.
    article.status = (
        Article.objects.select_for_update(no_key=True)
        .values_list("status", flat=True)
        .get(pk=article.pk)
    )
    if article.status == ArticleStatus.ARCHIVED:
        return article
    live = article.claims.exclude(status=ClaimStatus.RETRACTED)
    statuses = set(live.values_list("status", flat=True))
    if statuses & {ClaimStatus.DRAFT, ClaimStatus.CHANGES_REQUESTED}:
        new = ArticleStatus.IN_PROGRESS
    elif ClaimStatus.SUBMITTED in statuses:
        new = ArticleStatus.IN_REVIEW
    elif ClaimStatus.APPROVED in statuses:
        new = ArticleStatus.REVIEWED
    elif ClaimStatus.PUBLISHED in statuses:
        new = ArticleStatus.PUBLISHED
    else:
        new = ArticleStatus.IN_PROGRESS if article.assignees.exists() else ArticleStatus.NEW
    if new != article.status:
        Article.objects.filter(pk=article.pk).update(status=new)
        article.status = new
    return article
