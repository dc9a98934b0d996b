"""Published versions: the immutable record of what the public sees of a claim.

`publish_version` is called by the workflow (reviews.services) inside the transition's
transaction, with the claim's row lock held: on publication, on every published correction
and on retraction. It copies everything the public reads (the working claim's content for a
publication or correction; the previous version's content for a retraction) into one new
PublishedVersion and points `claim.public_version` at it. Nothing else writes either.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.utils import timezone

from factcheck.accounts.models import User
from factcheck.claims.models import (
    Claim,
    ClaimantKind,
    EvidenceLink,
    PublishedVersion,
    VersionKind,
)

# Claimants are free text; names with these words are organisations, anything else a person.
ORGANISATION_WORDS = re.compile(
    r"\b(times|news|post|press|journal|herald|tribune|inc|ltd|llc|corp|corporation|company|"
    r"co|group|agency|ministry|department|government|council|party|university|institute|"
    r"association|foundation|bank|office|committee|commission|bureau|service|network|media|"
    r"tv|radio|magazine|gazette|daily|weekly|club|union|federation|organisation|organization)\b",
    re.IGNORECASE,
)
NOTHING_PUBLISHED = "The claim has no published version to retract."


def claimant_kind(name: str) -> str:
    """Person or organisation for a free-text claimant (blank when there is no claimant)."""
    if not name.strip():
        return ""
    if ORGANISATION_WORDS.search(name):
        return ClaimantKind.ORGANISATION
    return ClaimantKind.PERSON


def _display_name(user: User | None) -> str:
    return user.display_name if user is not None else ""


def _evidence(claim: Claim) -> list[dict[str, Any]]:
    """The claim's live evidence links as the API shows them (claims.serializers)."""
    links = EvidenceLink.objects.filter(claim=claim, is_removed=False).order_by("id")
    return [
        {
            "id": link.pk,
            "url": link.url,
            "title": link.title,
            "publisher": link.publisher,
            "excerpt": link.excerpt,
            "stance": link.stance,
            "accessed_on": link.accessed_on.isoformat() if link.accessed_on else None,
            "archived_url": link.archived_url or None,
        }
        for link in links
    ]


def _working_content(claim: Claim) -> dict[str, Any]:
    """What a publication or correction makes public: the working claim as approved."""
    revision = claim.revision
    verdict = claim.verdict
    tags = sorted(claim.tags.values_list("name", flat=True))
    return {
        "revision": revision,
        "revision_number": revision.number,
        "start": claim.start,
        "end": claim.end,
        "quote": claim.quote,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "anchor_state": claim.anchor_state,
        "claim_text": claim.claim_text,
        "claimant": claim.claimant,
        "claimant_kind": claimant_kind(claim.claimant),
        "verdict": verdict,
        "verdict_slug": verdict.slug if verdict else "",
        "verdict_label": verdict.label if verdict else "",
        "rationale": claim.rationale,
        "evidence": _evidence(claim),
        "tags": tags,
        "search_tags": " ".join(tags),
        "author": claim.author,
        "author_name": _display_name(claim.author),
        "approver": claim.approver,
        "approver_name": _display_name(claim.approver),
        "approved_at": claim.approved_at,
        "original_creator": claim.original_creator,
        "original_id": claim.original_id,
        "language": claim.language,
    }


CONTENT_FIELDS = (
    "revision_id",
    "revision_number",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "claim_text",
    "claimant",
    "claimant_kind",
    "verdict_id",
    "verdict_slug",
    "verdict_label",
    "rationale",
    "evidence",
    "tags",
    "search_tags",
    "author_id",
    "author_name",
    "approver_id",
    "approver_name",
    "approved_at",
    "original_creator",
    "original_id",
    "language",
)


def _previous_content(previous: PublishedVersion) -> dict[str, Any]:
    """A retraction withdraws what was public: the previous version's content, unchanged."""
    return {name: getattr(previous, name) for name in CONTENT_FIELDS}


def publish_version(
    claim: Claim,
    *,
    by: User,
    note: str = "",
    kind: str = VersionKind.PUBLICATION,
    at: datetime | None = None,
) -> PublishedVersion:
    """Write the claim's next PublishedVersion and make it the one the public reads.

    Call inside the transaction of the transition, with the claim locked (`lock_claim`):
    `kind` publication or correction copies the working claim (its approver included); a
    retraction copies the previous version and needs one (ValueError otherwise).
    """
    previous = (
        PublishedVersion.objects.filter(pk=claim.public_version_id).first()
        if claim.public_version_id
        else None
    )
    if kind == VersionKind.RETRACTION:
        if previous is None:
            raise ValueError(NOTHING_PUBLISHED)
        content = _previous_content(previous)
    else:
        content = _working_content(claim)
    # A first publication goes public when the claim does (the workflow has just set that time).
    now = at or (claim.published_at if previous is None else None) or timezone.now()
    version = PublishedVersion.objects.create(
        claim=claim,
        number=previous.number + 1 if previous else 1,
        kind=kind,
        note=(note or "").strip(),
        article_id=claim.article_id,
        claim_created_at=claim.created_at,
        first_published_at=previous.first_published_at if previous else claim.published_at or now,
        published_at=now,
        published_by=by if getattr(by, "pk", None) else None,
        **content,
    )
    claim.public_version = version
    Claim.objects.filter(pk=claim.pk).update(public_version=version)
    return version
