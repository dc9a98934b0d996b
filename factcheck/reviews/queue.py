"""Reads for the review queue: submitted claims to review and approved claims to publish, each
with the event that put it there (an author's submission, or a revision that sent it back).

A fixed number of queries whatever the queue's length: the claims (with their last status
move annotated), their evidence and tags (prefetched), and the moving events with their actors.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from factcheck.accounts.models import User, Viewer
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, ClaimStatus, EventAction
from factcheck.claims.selectors import visible_claims, with_contributors
from factcheck.reviews.needs_me import attach_last_moves, with_last_move

if TYPE_CHECKING:
    from factcheck.claims.filters import ClaimFilterSet


class Stage(StrEnum):
    """Which part of the queue: claims to review, claims to publish, or both."""

    REVIEW = "review"
    PUBLISH = "publish"
    ALL = "all"


STAGE_STATUSES = {
    Stage.REVIEW: (ClaimStatus.SUBMITTED,),
    Stage.PUBLISH: (ClaimStatus.APPROVED,),
    Stage.ALL: (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED),
}
STAGE_LABELS = {
    Stage.REVIEW: "Waiting for review",
    Stage.PUBLISH: "Approved, ready to publish",
    Stage.ALL: "Both",
}


def _queue_queryset(user: Viewer, stage: Stage) -> QuerySet[Claim]:
    # with their contributors, so the four-eyes check of each row's buttons runs no query
    queryset = visible_claims(user).filter(status__in=STAGE_STATUSES[stage])
    return with_contributors(with_last_move(queryset))


def queue_claims(
    *,
    user: Viewer,
    filters: ClaimFilterSet | None = None,
    stage: Stage = Stage.REVIEW,
    revision_only: bool = False,
) -> list[Claim]:
    """The queue, oldest submission first (or in the filters' order); `revision_only`: only
    claims a revision sent back to review. Each claim carries `last_move` (event and actor)."""
    queryset = _queue_queryset(user, stage).order_by("submitted_at", "id")
    if revision_only:
        queryset = queryset.filter(Q(last_move_action=EventAction.REANCHOR_REVIEW))
    if filters is not None:
        queryset = filters.apply(queryset)
    return attach_last_moves(list(queryset))


def queue_claim(*, user: Viewer, pk: int) -> Claim:
    """One claim as a queue row shows it, whatever its status now (after an action)."""
    claim = with_contributors(with_last_move(visible_claims(user))).get(pk=pk)
    return attach_last_moves([claim])[0]


def queue_choices(*, stage: Stage) -> dict[str, list[Any]]:
    """The articles and authors that have claims in this part of the queue (two queries)."""
    statuses = STAGE_STATUSES[stage]
    articles = (
        Article.objects.filter(claims__status__in=statuses)
        .distinct()
        .order_by("title", "pk")
        .values_list("pk", "title")
    )
    authors = (
        User.objects.filter(authored_claims__status__in=statuses)
        .distinct()
        .order_by("username")
        .only("pk", "username", "first_name", "last_name")
    )
    return {"articles": list(articles), "authors": list(authors)}
