"""CSV: one row per claim, written lazily so the response streams in constant memory.

Two column sets (README "Exports"): the public one (`PUBLIC_COLUMNS`, read from each claim's
published version only) and the newsroom's (`COLUMNS`, the working claim with its workflow
fields), exported only when staff ask for a `status`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

from factcheck.claims.models import Claim
from factcheck.reports.exporters.common import (
    article_source_url,
    claim_view,
    published,
    username,
    utc_z,
)

COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_url",
    "revision",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "claim_text",
    "claimant",
    "verdict",
    "verdict_label",
    "rationale",
    "evidence_urls",
    "tags",
    "author",
    "approver",
    "status",
    "created_at",
    "updated_at",
    "submitted_at",
    "approved_at",
    "published_at",
)

PUBLIC_COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "article_url",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "claim_text",
    "claimant",
    "claimant_kind",
    "verdict",
    "verdict_label",
    "rationale",
    "evidence_urls",
    "tags",
    "author",
    "approver",
    "version",
    "version_kind",
    "version_note",
    "approved_at",
    "published_at",
    "updated_at",
)

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix text cells that a spreadsheet would evaluate with an apostrophe; numbers pass."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def claim_row(claim: Claim, *, public: bool) -> list[Any]:
    view = claim_view(claim, public=public)
    article = claim.article
    values = [
        claim.pk,
        article.pk,
        article.title,
        article_source_url(article),
        claim.revision.number,
        claim.start,
        claim.end,
        claim.quote,
        claim.prefix,
        claim.suffix,
        claim.anchor_state,
        view.claim_text,
        claim.claimant,
        view.verdict.slug if view.verdict else "",
        view.verdict.label if view.verdict else "",
        view.rationale,
        " ".join(e.url for e in claim.live_evidence),
        " ".join(t.name for t in claim.tags.all()),
        username(claim.author),
        username(claim.approver),
        claim.status,
        utc_z(claim.created_at),
        utc_z(claim.updated_at),
        utc_z(claim.submitted_at),
        utc_z(claim.approved_at),
        utc_z(claim.published_at),
    ]
    return [neutralise("" if value is None else value) for value in values]


def public_row(claim: Claim) -> list[Any]:
    """The public columns of a claim, all from its published version (never the working copy)."""
    version = published(claim)
    article = claim.article
    values = [
        claim.pk,
        article.pk,
        article.title,
        article_source_url(article),
        version.start,
        version.end,
        version.quote,
        version.prefix,
        version.suffix,
        version.claim_text,
        version.claimant,
        version.claimant_kind,
        version.verdict_slug,
        version.verdict_label,
        version.rationale,
        " ".join(link["url"] for link in version.evidence),
        " ".join(version.tags),
        version.author_name,
        version.approver_name,
        version.number,
        version.kind,
        version.note,
        utc_z(version.approved_at),
        utc_z(version.first_published_at),
        utc_z(version.published_at),
    ]
    return [neutralise("" if value is None else value) for value in values]


class _Echo:
    """A file-like object whose write() returns the line instead of storing it."""

    def write(self, value: str) -> str:
        return value


def csv_lines(claims: Iterable[Claim], *, public: bool) -> Iterator[str]:
    """The header, then one CSV line per claim (RFC 4180 quoting, CRLF line ends)."""
    writer = csv.writer(_Echo())
    yield writer.writerow(PUBLIC_COLUMNS if public else COLUMNS)
    for claim in claims:
        yield writer.writerow(public_row(claim) if public else claim_row(claim, public=False))
