"""The report page's view of an article's claims: what to show for each, in text order.

A claim with a published version shows that version (immutable: what two people approved),
with its correction history, the list of its versions each with its note; an approved, never
published claim (staff only) shows its working copy, marked as such; a claim whose latest
version is a retraction shows only that it was withdrawn, when and why.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from factcheck.claims.models import Claim, PublishedVersion, Rating, Stance, VersionKind
from factcheck.core.markdown import render_markdown
from factcheck.reports.exporters.claimreview import claim_reviews_of

# As django.utils.html.json_script: "</script>", "<!--" and "&" cannot end or confuse the block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Evidence:
    url: str
    title: str
    publisher: str
    excerpt: str
    stance: str
    accessed_on: date | None
    archived_url: str

    @property
    def stance_label(self) -> str:
        return Stance(self.stance).label if self.stance in Stance.values else self.stance


@dataclass(frozen=True)
class HistoryEntry:
    """One published version, as the public correction history lists it."""

    number: int
    kind: str
    kind_label: str
    at: datetime
    note: str
    verdict_label: str
    old_verdict_label: str
    verdict_changed: bool
    text_changed: bool


@dataclass
class ReportItem:
    pk: int
    claim_text: str
    claimant: str
    verdict: Rating | None
    quote: str
    prefix: str
    suffix: str
    rationale: str
    evidence: list[Evidence]
    author_name: str
    approver_name: str
    approved_at: datetime | None
    published_at: datetime | None
    published_by_name: str = ""
    number: int = 0
    rationale_html: SafeString = field(default_factory=lambda: mark_safe(""))
    history: list[HistoryEntry] = field(default_factory=list)
    is_pending: bool = False  # approved, never published: staff only
    is_retracted: bool = False
    retracted_at: datetime | None = None
    retraction_note: str = ""
    claim: Claim | None = None  # the claim the item shows (for ClaimReview: its version)

    @property
    def corrections(self) -> list[HistoryEntry]:
        return [entry for entry in self.history if entry.kind == VersionKind.CORRECTION]


def _evidence(links: list[dict[str, Any]]) -> list[Evidence]:
    return [
        Evidence(
            url=link["url"],
            title=link.get("title") or "",
            publisher=link.get("publisher") or "",
            excerpt=link.get("excerpt") or "",
            stance=link.get("stance") or "",
            accessed_on=date.fromisoformat(link["accessed_on"])
            if link.get("accessed_on")
            else None,
            archived_url=link.get("archived_url") or "",
        )
        for link in links
    ]


def _history(versions: list[PublishedVersion]) -> list[HistoryEntry]:
    entries, previous = [], None
    for version in versions:
        entries.append(
            HistoryEntry(
                number=version.number,
                kind=version.kind,
                kind_label=version.get_kind_display(),
                at=version.published_at,
                note=version.note,
                verdict_label=version.verdict_label,
                old_verdict_label=previous.verdict_label if previous is not None else "",
                verdict_changed=previous is not None
                and previous.verdict_slug != version.verdict_slug,
                text_changed=previous is not None
                and (previous.rationale, previous.claim_text)
                != (version.rationale, version.claim_text),
            )
        )
        previous = version
    return entries


def published_item(claim: Claim) -> ReportItem:
    """What the public sees of a claim: its latest published version, and the list of all."""
    version = claim.public_version
    assert version is not None
    versions = getattr(claim, "version_history", None) or [version]
    first = versions[0]
    retracted = version.kind == VersionKind.RETRACTION
    return ReportItem(
        pk=claim.pk,
        claim_text=version.claim_text,
        claimant=version.claimant,
        verdict=version.verdict,
        quote=version.quote,
        prefix=version.prefix,
        suffix=version.suffix,
        rationale=version.rationale,
        evidence=_evidence(version.evidence),
        author_name=version.author_name,
        approver_name=version.approver_name,
        approved_at=version.approved_at,
        published_at=version.first_published_at,
        published_by_name=first.published_by.display_name
        if first.published_by_id and first.published_by
        else "",
        history=_history(versions),
        is_retracted=retracted,
        retracted_at=version.published_at if retracted else None,
        retraction_note=version.note if retracted else "",
        claim=claim,
    )


def pending_item(claim: Claim) -> ReportItem:
    """An approved claim never published (staff only): its working copy."""
    return ReportItem(
        pk=claim.pk,
        claim_text=claim.claim_text,
        claimant=claim.claimant,
        verdict=claim.verdict,
        quote=claim.quote,
        prefix=claim.prefix,
        suffix=claim.suffix,
        rationale=claim.rationale,
        evidence=_evidence(
            [
                {
                    "url": e.url,
                    "title": e.title,
                    "publisher": e.publisher,
                    "excerpt": e.excerpt,
                    "stance": e.stance,
                    "accessed_on": e.accessed_on.isoformat() if e.accessed_on else None,
                    "archived_url": e.archived_url,
                }
                for e in claim.live_evidence  # type: ignore[attr-defined]
            ]
        ),
        author_name=claim.author.display_name,
        approver_name=claim.approver.display_name if claim.approver else "",
        approved_at=claim.approved_at,
        published_at=None,
        is_pending=True,
    )


def report_items(claims: list[Claim], labels: dict[str, str] | None = None) -> list[ReportItem]:
    """Claims (already in text order) → report items; live ones numbered 1, 2, ..."""
    items = []
    number = 0
    for claim in claims:
        item = published_item(claim) if claim.public_version_id else pending_item(claim)
        if not item.is_retracted:
            number += 1
            item.number = number
            item.rationale_html = render_markdown(item.rationale)
        items.append(item)
    return items


def rating_labels(ratings: list[Rating]) -> dict[str, str]:
    return {rating.slug: rating.label for rating in ratings}


def verdict_summary(items: list[ReportItem]) -> list[tuple[Rating, int]]:
    """(rating, count) for the live published claims, in scale order."""
    counts = Counter(
        item.verdict
        for item in items
        if item.verdict and not item.is_retracted and not item.is_pending
    )
    return sorted(counts.items(), key=lambda pair: (pair[0].order, pair[0].pk))


def claimreview_json(items: list[ReportItem]) -> SafeString:
    """The page's ClaimReview JSON-LD, safe inside <script type="application/ld+json">."""
    public = [i.claim for i in items if i.claim and not i.is_pending and not i.is_retracted]
    text = json.dumps(claim_reviews_of(public), ensure_ascii=False, indent=1)
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
