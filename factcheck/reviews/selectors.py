"""Reads for the revise-and-re-anchor use case: what a new revision did to the article's claims."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from factcheck.articles.models import Article, ArticleRevision
from factcheck.articles.services import prepare_body
from factcheck.claims.models import AnchorState, Claim, ClaimStatus, EventAction, ReviewEvent
from factcheck.reviews.revisions import VETTED, reanchor_results


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
        counts = ", ".join(
            f"{n} {label}"
            for n, label in (
                (self.exact, "exact"),
                (self.moved, "moved"),
                (self.fuzzy, "text changed (fuzzy)"),
                (self.orphaned, "orphaned"),
            )
            if n
        )
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
        number=revision.number,
        exact=states[AnchorState.EXACT],
        moved=states[AnchorState.MOVED],
        fuzzy=states[AnchorState.FUZZY],
        orphaned=states[AnchorState.ORPHANED],
        sent_back=sent_back,
    )


@dataclass(frozen=True)
class ClaimPreview:
    """What saving a new text would do to one claim (nothing is saved)."""

    claim: Claim
    state: str
    new_quote: str | None
    back_to_review: bool


@dataclass(frozen=True)
class RevisionPreview:
    """The claims a new text would move, change, orphan or send back to review."""

    rows: list[ClaimPreview]
    unchanged_text: bool = False

    def _in(self, state: str) -> list[ClaimPreview]:
        return [row for row in self.rows if row.state == state]

    @property
    def moved(self) -> list[ClaimPreview]:
        return self._in(AnchorState.MOVED)

    @property
    def changed(self) -> list[ClaimPreview]:
        return self._in(AnchorState.FUZZY)

    @property
    def orphaned(self) -> list[ClaimPreview]:
        return self._in(AnchorState.ORPHANED)

    @property
    def exact(self) -> int:
        return len(self._in(AnchorState.EXACT))

    @property
    def back_to_review(self) -> int:
        return sum(row.back_to_review for row in self.rows)


def revision_preview(*, article: Article, body: str) -> RevisionPreview:
    """Re-anchor the live claims on `body` in memory, exactly as saving it would (the same
    `reanchor_results` through articles.anchoring), and report the outcome. Writes nothing."""
    new_body = prepare_body(body)
    current = article.current
    if new_body == current.body:
        return RevisionPreview(rows=[], unchanged_text=True)
    claims = list(
        Claim.objects.filter(article=article)
        .exclude(status=ClaimStatus.RETRACTED)
        .only(
            "pk",
            "revision_id",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "status",
            "claim_text",
            "anchor_state",
        )
        .order_by("start", "pk")
    )
    results = reanchor_results(claims, current.body, new_body, current.pk)
    rows = []
    for claim in claims:
        result = results[claim.pk]
        vetted = claim.status in VETTED
        rows.append(
            ClaimPreview(
                claim=claim,
                state=result.state,
                new_quote=result.quote,
                back_to_review=vetted and result.state in (AnchorState.FUZZY, AnchorState.ORPHANED),
            )
        )
    return RevisionPreview(rows=rows)
