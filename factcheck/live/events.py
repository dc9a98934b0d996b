"""Live events: audit-trail rows (claims.ReviewEvent) as the streams send them.

A NOTIFY carries an event id only; the listening process reads the row (one query per event
per process, not per stream) and every stream decides with a pure predicate whether its user
may see it. Replay after a reconnect reads the same rows from the audit trail.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.db.models import Max, Q

from factcheck.accounts.models import Viewer
from factcheck.claims.models import EventAction, ReviewEvent
from factcheck.claims.selectors import LIVE_KINDS, claim_state_visible

# The workflow actions that take a claim off the review queue (an editor "took" it).
QUEUE_TAKEN = frozenset({EventAction.APPROVE, EventAction.REQUEST_CHANGES, EventAction.RETRACT})
QUEUE_ACTIONS = QUEUE_TAKEN | {EventAction.SUBMIT, EventAction.REANCHOR_REVIEW}
# Reconnects replay from a little before their Last-Event-ID: ids are handed out at insert but
# committed in any order, so a lower id can appear after a higher one was sent. The browser
# drops ids it has already seen.
REPLAY_OVERLAP = 50

_FIELDS = (
    "id",
    "article_id",
    "claim_id",
    "action",
    "actor_id",
    "actor__username",
    "actor__first_name",
    "actor__last_name",
    "claim__status",
    "claim__version",
    "claim__public_version__kind",
)


@dataclass(frozen=True, slots=True)
class LiveEvent:
    id: int
    article: int
    claim: int | None
    action: str
    actor_id: int | None
    actor: str
    status: str | None  # the claim's status now (not at the event): what the user may see now
    version: int | None
    published: bool  # its latest published version is live: what the public may see

    def visible_to(self, user: Viewer) -> bool:
        """Article-wide events (a revision) go to whoever may open the article's stream."""
        if self.claim is None:
            return True
        return claim_state_visible(user, status=self.status or "", published=self.published)

    def data(self) -> dict[str, Any]:
        data = asdict(self)
        del data["published"]
        return data


def _event(row: dict[str, Any]) -> LiveEvent:
    name = " ".join(p for p in (row["actor__first_name"], row["actor__last_name"]) if p)
    return LiveEvent(
        id=row["id"],
        article=row["article_id"],
        claim=row["claim_id"],
        action=row["action"],
        actor_id=row["actor_id"],
        actor=name or row["actor__username"] or "someone",
        status=row["claim__status"],
        version=row["claim__version"],
        published=row["claim__public_version__kind"] in LIVE_KINDS,
    )


def events_by_ids(ids: list[int]) -> list[LiveEvent]:
    rows = ReviewEvent.objects.filter(pk__in=ids).order_by("pk").values(*_FIELDS)
    return [_event(row) for row in rows]


def events_after(
    last_id: int,
    *,
    article_id: int | None = None,
    queue: bool = False,
    overlap: bool = True,
    limit: int | None = None,
) -> tuple[list[LiveEvent], bool]:
    """Events after `last_id` (minus the overlap) for one article's stream or the queue's, at
    most LIVE_REPLAY_LIMIT; the flag says more were missed (the page then reloads its state)."""
    limit = limit or settings.LIVE_REPLAY_LIMIT
    first = last_id - REPLAY_OVERLAP if overlap else last_id
    queryset = ReviewEvent.objects.filter(pk__gt=max(first, 0))
    if article_id is not None:
        queryset = queryset.filter(article_id=article_id)
    if queue:
        queryset = queryset.filter(Q(action__in=QUEUE_ACTIONS))
    rows = list(queryset.order_by("pk").values(*_FIELDS)[: limit + 1])
    return [_event(row) for row in rows[:limit]], len(rows) > limit


def latest_event_id() -> int:
    """The id a page rendered now starts its stream from (nothing after it is missed)."""
    return ReviewEvent.objects.aggregate(last=Max("pk"))["last"] or 0
