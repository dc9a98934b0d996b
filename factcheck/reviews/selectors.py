"""Reads for the revise-and-re-anchor use case: what a new revision did to the article's claims."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from factcheck.articles.models import Article, ArticleRevision
from factcheck.claims.models import AnchorState, Claim, ClaimStatus, EventAction, ReviewEvent


@dataclass(frozen=True)
class RevisionOutcome:
    """How the live claims stand after `number` was saved, and how many went back to review."""

    number: int
    exact: int = 0
    moved: int = 0
    fuzzy: int = 0
    orphaned: int = 0
    sent_back: int = 0

    @property
    def total(self) -> int:
        return self.exact + self.moved + self.fuzzy + self.orphaned

    def summary(self) -> str:
        if not self.total:
            return f"Saved revision {self.number}. The article has no claims to re-anchor."
        counts = ", ".join(f"{n} {label}" for n, label in (
            (self.exact, "exact"), (self.moved, "moved"), (self.fuzzy, "text changed (fuzzy)"),
            (self.orphaned, "orphaned"),
        ) if n)  # fmt: skip
        back = f"; {self.sent_back} sent back to review" if self.sent_back else ""
        return f"Saved revision {self.number}. Claims re-anchored: {counts}{back}."


def revision_outcome(*, article: Article, revision: ArticleRevision) -> RevisionOutcome:
    """Counts in two queries: live claims by anchor state, and the revision's send-backs."""
    live = Claim.objects.filter(article=article).exclude(status=ClaimStatus.RETRACTED)
    states: Counter[str] = Counter()
    rows = live.values_list("anchor_state", "revision_id").order_by()
    for state, revision_id in rows:
        if state == AnchorState.ORPHANED or revision_id == revision.pk:
            states[state] += 1
    sent_back = ReviewEvent.objects.filter(
        article=article, action=EventAction.REANCHOR_REVIEW, changes__revision=revision.number
    ).count()
    return RevisionOutcome(
        number=revision.number, exact=states[AnchorState.EXACT], moved=states[AnchorState.MOVED],
        fuzzy=states[AnchorState.FUZZY], orphaned=states[AnchorState.ORPHANED],
        sent_back=sent_back,
    )  # fmt: skip
