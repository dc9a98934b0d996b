"""What waits for one person ("Needs me"), as lists (the page) and as counts (the header).

- my claims sent back: changes requested by an editor, or sent back to review by a revision
  that changed their words;
- claims waiting for my review (editors): submitted claims that are not mine (four-eyes);
- comments that mention me, until I mark them read;
- articles assigned to me that are still being checked (new or in progress).

`needs_me_count` is the one function the header and live updates call: one query, and cached
on the request by the web layer.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from factcheck.accounts.models import User, Viewer
from factcheck.accounts.roles import is_editor, is_newsroom_staff
from factcheck.articles.models import Article, ArticleStatus
from factcheck.claims.models import Claim, ClaimStatus, EventAction, ReviewEvent
from factcheck.claims.selectors import claim_base_queryset, contributed_by
from factcheck.reviews.models import Notification, NotificationKind

OPEN_ARTICLE_STATUSES = (ArticleStatus.NEW, ArticleStatus.IN_PROGRESS)


def last_move() -> QuerySet[ReviewEvent]:
    """The claim's latest status-changing event (for `OuterRef("pk")`): what put it where it is."""
    return (
        ReviewEvent.objects.filter(claim=OuterRef("pk"))
        .exclude(from_status=F("to_status"))
        .order_by("-at", "-id")
    )


def with_last_move(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """Annotate `last_move_action` and `last_move_id` (one correlated subquery each)."""
    return queryset.annotate(
        last_move_action=Subquery(last_move().values("action")[:1]),
        last_move_id=Subquery(last_move().values("id")[:1]),
    )


def _sent_back_filter() -> Q:
    revision = Q(status=ClaimStatus.SUBMITTED, last_move_action=EventAction.REANCHOR_REVIEW)
    return Q(status=ClaimStatus.CHANGES_REQUESTED) | revision


def _sent_back(queryset: QuerySet[Claim], user: User) -> QuerySet[Claim]:
    return with_last_move(queryset.filter(author=user)).filter(_sent_back_filter())


def _to_review(queryset: QuerySet[Claim], user: User) -> QuerySet[Claim]:
    # Four eyes: neither the editor's own claims nor those whose content they changed.
    return (
        queryset.filter(status=ClaimStatus.SUBMITTED)
        .exclude(author=user)
        .exclude(contributed_by(user))
    )


def _mentions(user: User) -> QuerySet[Notification]:
    return Notification.objects.filter(
        recipient=user, kind=NotificationKind.MENTIONED, read_at__isnull=True
    )


def _assigned(user: User) -> QuerySet[Article]:
    return Article.objects.filter(assignees=user, status__in=OPEN_ARTICLE_STATUSES)


def sent_back_claims(*, user: Viewer) -> list[Claim]:
    """My claims sent back, oldest change first, with the event that sent each back."""
    if not (is_newsroom_staff(user) and isinstance(user, User)):
        return []
    claims = list(_sent_back(claim_base_queryset(), user).order_by("updated_at", "id"))
    return attach_last_moves(claims)


def review_claims(*, user: Viewer) -> list[Claim]:
    """Submitted claims an editor may review, oldest submission first."""
    if not (is_editor(user) and isinstance(user, User)):
        return []
    return list(_to_review(claim_base_queryset(), user).order_by("submitted_at", "id"))


def mention_list(*, user: Viewer) -> list[Notification]:
    """Unread comments that mention me, newest first."""
    if not isinstance(user, User):
        return []
    return list(_mentions(user).select_related("actor", "article", "claim", "comment"))


def assigned_articles(*, user: Viewer) -> list[Article]:
    if not isinstance(user, User):
        return []
    return list(_assigned(user).only("pk", "title", "status", "publisher").order_by("-id"))


def attach_last_moves(claims: list[Claim]) -> list[Claim]:
    """Give each claim (annotated by with_last_move) its `last_move` event and actor: one query."""
    ids = [c.last_move_id for c in claims if getattr(c, "last_move_id", None)]  # type: ignore[attr-defined]
    events = ReviewEvent.objects.select_related("actor").in_bulk(ids)
    for claim in claims:
        claim.last_move = events.get(getattr(claim, "last_move_id", None))  # type: ignore[attr-defined]
    return claims


@dataclass(frozen=True)
class NeedsMeCounts:
    sent_back: int = 0
    to_review: int = 0
    mentions: int = 0
    assigned: int = 0

    @property
    def total(self) -> int:
        return self.sent_back + self.to_review + self.mentions + self.assigned


def _count(queryset: QuerySet) -> Coalesce:
    """COUNT(*) of `queryset` as a scalar subquery (0 when empty)."""
    counted = queryset.order_by().annotate(_all=Value(1)).values("_all").annotate(n=Count("*"))
    return Coalesce(Subquery(counted.values("n")[:1], output_field=IntegerField()), 0)


def needs_me_counts(user: Viewer) -> NeedsMeCounts:
    """The four counts in one query (none for readers and anonymous visitors)."""
    if not (is_newsroom_staff(user) and isinstance(user, User)):
        return NeedsMeCounts()
    counts = {
        "sent_back": _count(_sent_back(Claim.objects.all(), user)),
        "to_review": _count(_to_review(Claim.objects.all(), user)) if is_editor(user) else Value(0),
        "mentions": _count(_mentions(user)),
        "assigned": _count(_assigned(user)),
    }
    row = User.objects.filter(pk=user.pk).annotate(**counts).values(*counts).first() or {}
    return NeedsMeCounts(**row)


def needs_me_count(user: Viewer) -> int:
    """How many things wait for `user`: the number in the header (and in live updates)."""
    return needs_me_counts(user).total
