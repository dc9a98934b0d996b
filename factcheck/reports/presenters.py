"""The report page's view of an article's claims: what to show for each, in text order.

A claim that has been published shows its published snapshot (with the correction history);
an approved, not yet published claim (staff only) shows its working copy, marked as such; a
retracted claim shows only that it was withdrawn, when and why.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from factcheck.claims.models import Claim, ClaimStatus, EventAction, Rating, ReviewEvent
from factcheck.core.markdown import render_markdown
from factcheck.reports.exporters.claimreview import claim_reviews
from factcheck.reports.exporters.common import ClaimView, claim_view

# As django.utils.html.json_script: "</script>", "<!--" and "&" cannot end or confuse the block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Correction:
    at: datetime
    note: str
    old_verdict: str
    new_verdict: str
    rationale_changed: bool


@dataclass
class ReportItem:
    claim: Claim
    view: ClaimView
    number: int = 0
    rationale_html: SafeString = field(default_factory=lambda: mark_safe(""))
    published_by: Any = None
    corrections: list[Correction] = field(default_factory=list)
    retraction: ReviewEvent | None = None

    @property
    def is_pending(self) -> bool:
        """Approved but never published: shown to staff only."""
        return self.claim.published_at is None

    @property
    def is_retracted(self) -> bool:
        return self.claim.status == ClaimStatus.RETRACTED


def _label(slug: str | None, labels: dict[str, str]) -> str:
    return labels.get(slug or "", slug or "none")


def _history(item: ReportItem, labels: dict[str, str]) -> None:
    for event in getattr(item.claim, "history_events", []):
        if event.action == EventAction.PUBLISH and item.published_by is None:
            item.published_by = event.actor
        elif event.action == EventAction.CORRECT:
            old, new = (event.changes.get("verdict") or [None, None])[:2]
            item.corrections.append(Correction(
                at=event.at, note=event.note, old_verdict=_label(old, labels) if old or new else "",
                new_verdict=_label(new, labels) if old or new else "",
                rationale_changed="rationale" in event.changes,
            ))  # fmt: skip
        elif event.action == EventAction.RETRACT:
            item.retraction = event


def report_items(claims: list[Claim], labels: dict[str, str]) -> list[ReportItem]:
    """Claims (already in text order) → report items; live ones numbered 1, 2, ..."""
    items = []
    number = 0
    for claim in claims:
        item = ReportItem(
            claim=claim, view=claim_view(claim, public=claim.published_at is not None)
        )
        _history(item, labels)
        if not item.is_retracted:
            number += 1
            item.number = number
            item.rationale_html = render_markdown(item.view.rationale)
        items.append(item)
    return items


def rating_labels(ratings: list[Rating]) -> dict[str, str]:
    return {rating.slug: rating.label for rating in ratings}


def verdict_summary(items: list[ReportItem]) -> list[tuple[Rating, int]]:
    """(rating, count) for the live published claims, in scale order."""
    counts = Counter(
        item.view.verdict
        for item in items
        if item.view.verdict and not item.is_retracted and not item.is_pending
    )
    return sorted(counts.items(), key=lambda pair: (pair[0].order, pair[0].pk))


def claimreview_json(items: list[ReportItem]) -> SafeString:
    """The page's ClaimReview JSON-LD, safe inside <script type="application/ld+json">."""
    public = [i.claim for i in items if not i.is_pending and not i.is_retracted]
    text = json.dumps(claim_reviews(public), ensure_ascii=False, indent=1)
    return mark_safe(text.translate(_JSON_SCRIPT_ESCAPES))  # noqa: S308 - escaped just above


def duration_label(hours: float | None) -> str:
    """45 min, 3.2 h, 2.5 days: a median duration in the unit a reader grasps."""
    if hours is None:
        return ""
    if hours < 1:
        return f"{round(hours * 60)} min"
    if hours < 48:
        return f"{hours:.1f} h"
    return f"{hours / 24:.1f} days"
