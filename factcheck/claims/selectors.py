"""Reads for claims. Each list runs a fixed number of queries whatever its length."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet

from factcheck.accounts.models import Viewer
from factcheck.accounts.roles import is_newsroom_staff
from factcheck.articles.models import Article
from factcheck.claims.models import (
    Claim,
    ClaimStatus,
    Comment,
    EvidenceLink,
    Rating,
    ReviewEvent,
    VerdictScale,
)

SEARCH_DOCUMENTS = ("search_document", "published_document")

if TYPE_CHECKING:  # claims.filters runs the search, which reads these selectors
    from factcheck.claims.filters import ClaimFilterSet


def live_evidence() -> Prefetch:
    return Prefetch(
        "evidence_links",
        queryset=EvidenceLink.objects.filter(is_removed=False).order_by("id"),
        to_attr="live_evidence",
    )


def claim_base_queryset() -> QuerySet[Claim]:
    """Claims with everything a card, a serializer or an exporter reads, prefetched."""
    return (
        Claim.objects.select_related(
            "article", "revision", "verdict", "verdict__scale", "published_verdict",
            "author", "approver",
        )
        # A 100,000-word body is ~600 KB: never copy it onto every claim row (nor the search
        # documents: they are read by the database's indexes, not by Python).
        .defer(*SEARCH_DOCUMENTS, "article__body", "revision__body",
               "revision__search_document", "article__search_document")
        .prefetch_related(live_evidence(), "tags")
    )  # fmt: skip


def visible_claims(user: Viewer) -> QuerySet[Claim]:
    """Newsroom staff see every claim; anyone else only published ones."""
    queryset = claim_base_queryset()
    if not is_newsroom_staff(user):
        queryset = queryset.filter(published_at__isnull=False).exclude(status=ClaimStatus.RETRACTED)
    return queryset


def _filtered(queryset: QuerySet[Claim], filters: ClaimFilterSet | None) -> QuerySet[Claim]:
    return filters.apply(queryset) if filters is not None else queryset


def claim_list(*, user: Viewer, filters: ClaimFilterSet | None = None) -> QuerySet[Claim]:
    """Claims `user` may see, narrowed by validated `filters` (claims.filters)."""
    return _filtered(visible_claims(user), filters)


def active_scale() -> VerdictScale | None:
    """The verdict scale in use, with its ratings in order (one query for both)."""
    return VerdictScale.objects.filter(is_active=True).prefetch_related("ratings").first()


def active_ratings() -> list[Rating]:
    """The ratings of the active scale, in scale order (for verdict pickers and filters)."""
    return list(Rating.objects.filter(scale__is_active=True).order_by("order", "id"))


def rating_list() -> QuerySet[Rating]:
    """Every rating of every scale (old claims may carry a rating of a retired scale)."""
    return Rating.objects.order_by("scale_id", "order", "id")


def claim_get(*, user: Viewer, pk: int) -> Claim:
    """The claim if `user` may see it (Claim.DoesNotExist otherwise: a 404, not a 403)."""
    return visible_claims(user).get(pk=pk)


def article_claims(*, user: Viewer, article: Article) -> list[Claim]:
    """The article's claims in text order, as the reading view and report show them."""
    return list(visible_claims(user).filter(article=article).order_by("start", "-end", "id"))


def review_queue(*, user: Viewer, filters: ClaimFilterSet | None = None) -> QuerySet[Claim]:
    """Submitted claims across articles, oldest submission first (or in the filters' order)."""
    queryset = visible_claims(user).filter(status=ClaimStatus.SUBMITTED)
    return _filtered(queryset.order_by("submitted_at", "id"), filters)


def event_list(*, claim: Claim) -> QuerySet[ReviewEvent]:
    return claim.events.select_related("actor").order_by("at", "id")


def comment_list(*, claim: Claim) -> QuerySet[Comment]:
    return claim.comments.filter(is_removed=False).select_related("author")


def evidence_list(*, claim: Claim) -> QuerySet[EvidenceLink]:
    return claim.evidence_links.filter(is_removed=False).order_by("id")
