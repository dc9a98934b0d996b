"""JSON Lines: one claim per line, plus the article's title and URL.

The newsroom's lines are the API's claim shape (the working claim); the public's
(`public_record`) hold the published version's public fields only (README "Exports").
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

from factcheck.claims.models import Claim
from factcheck.claims.serializers import ClaimSerializer, iso_z
from factcheck.reports.exporters.common import article_source_url, published


def claim_record(serializer: ClaimSerializer, claim: Claim) -> dict[str, Any]:
    data = serializer.to_representation(claim)
    data["article_title"] = claim.article.title
    data["article_url"] = article_source_url(claim.article)
    return data


def public_record(claim: Claim) -> dict[str, Any]:
    """The public fields of a claim, all from its published version."""
    version = published(claim)
    return {
        "id": claim.pk,
        "article": claim.article_id,
        "start": version.start,
        "end": version.end,
        "quote": version.quote,
        "prefix": version.prefix,
        "suffix": version.suffix,
        "claim_text": version.claim_text,
        "claimant": version.claimant,
        "claimant_kind": version.claimant_kind or None,
        "verdict": version.verdict_slug or None,
        "verdict_label": version.verdict_label or None,
        "rationale": version.rationale,
        "tags": version.tags,
        "evidence": version.evidence,
        "author": version.author_name,
        "approver": version.approver_name or None,
        "version": version.number,
        "version_kind": version.kind,
        "version_note": version.note,
        "approved_at": iso_z(version.approved_at),
        "published_at": iso_z(version.first_published_at),
        "updated_at": iso_z(version.published_at),
        "article_title": claim.article.title,
        "article_url": article_source_url(claim.article),
    }


def jsonl_lines(claims: Iterable[Claim], *, public: bool) -> Iterator[str]:
    """One compact JSON object and a "\\n" per claim; non-ASCII text is kept as is (UTF-8)."""
    serializer = ClaimSerializer(context={"public": False})
    for claim in claims:
        record = public_record(claim) if public else claim_record(serializer, claim)
        yield json.dumps(record, ensure_ascii=False, cls=DjangoJSONEncoder) + "\n"
