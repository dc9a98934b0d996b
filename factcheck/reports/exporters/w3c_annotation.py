"""W3C Web Annotation: an article's claims as an AnnotationCollection with its page embedded.

Each claim is an Annotation with motivation "assessing". Its target is the article (the
source URL, or our public report when it has none) narrowed by a TextQuoteSelector and a
TextPositionSelector whose offsets are Unicode code points of the stored body text, the
convention of the Web Annotation model. The verdict and the rationale are TextualBodies,
each evidence link a SpecificResource with purpose "linking", each tag a "tagging" body.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import AnchorState, Claim, PublishedVersion
from factcheck.reports.exporters.common import (
    absolute,
    article_source_url,
    claim_report_url,
    claim_view,
    published,
    utc_z,
)

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def selectors(claim: Claim | PublishedVersion) -> list[dict[str, Any]]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": claim.quote}
    if claim.prefix:
        quote["prefix"] = claim.prefix
    if claim.suffix:
        quote["suffix"] = claim.suffix
    found = [quote]
    if claim.anchor_state != AnchorState.ORPHANED:  # an orphan's offsets point at nothing
        found.append({"type": "TextPositionSelector", "start": claim.start, "end": claim.end})
    return found


def public_bodies(version: PublishedVersion) -> list[dict[str, Any]]:
    """The bodies of a published version: what the public saw, never the working claim."""
    found: list[dict[str, Any]] = []
    if version.verdict_label:
        found.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": version.verdict_label,
                "format": "text/plain",
            }
        )
    if version.claim_text.strip() and version.claim_text != version.quote:
        found.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": version.claim_text,
                "format": "text/plain",
            }
        )
    if version.claimant.strip():
        found.append(
            {
                "type": "TextualBody",
                "purpose": "identifying",
                "value": version.claimant,
                "format": "text/plain",
            }
        )
    if version.rationale.strip():
        found.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": version.rationale,
                "format": "text/markdown",
            }
        )
    for link in version.evidence:
        found.append({"type": "SpecificResource", "purpose": "linking", "source": link["url"]})
    for tag in version.tags:
        found.append({"type": "TextualBody", "purpose": "tagging", "value": tag})
    return found


def bodies(claim: Claim, *, public: bool) -> list[dict[str, Any]]:
    if public:
        return public_bodies(published(claim))
    view = claim_view(claim, public=False)
    found: list[dict[str, Any]] = []
    if view.verdict is not None:
        found.append(
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": view.verdict.label,
                "format": "text/plain",
            }
        )
    if view.claim_text.strip() and view.claim_text != claim.quote:
        # The claim as the checker restated it, and who made it: read back by our importer.
        found.append(
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": view.claim_text,
                "format": "text/plain",
            }
        )
    if claim.claimant.strip():
        found.append(
            {
                "type": "TextualBody",
                "purpose": "identifying",
                "value": claim.claimant,
                "format": "text/plain",
            }
        )
    if view.rationale.strip():
        found.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": view.rationale,
                "format": "text/markdown",
            }
        )
    for evidence in claim.live_evidence:
        found.append({"type": "SpecificResource", "purpose": "linking", "source": evidence.url})
    for tag in claim.tags.all():
        found.append({"type": "TextualBody", "purpose": "tagging", "value": tag.name})
    return found


def annotation(claim: Claim, *, public: bool) -> dict[str, Any]:
    version = published(claim) if public else None
    node: dict[str, Any] = {
        "id": claim_report_url(claim),
        "type": "Annotation",
        "motivation": "assessing",
        "creator": {
            "type": "Person",
            "name": version.author_name if version else claim.author.display_name,
        },
        "created": utc_z(version.claim_created_at if version else claim.created_at),
        "modified": utc_z(version.published_at if version else claim.updated_at),
        "target": {
            "type": "SpecificResource",
            "source": article_source_url(claim.article),
            "selector": selectors(version or claim),
        },
    }
    if body := bodies(claim, public=public):
        node["body"] = body
    return node


def collection_id(article: Article) -> str:
    return absolute(reverse("reports-api:annotations", args=[article.pk]))


def annotation_collection(
    article: Article, claims: Iterable[Claim], *, public: bool
) -> dict[str, Any]:
    """The whole collection in one embedded page (an article has thousands of claims at most)."""
    items = [annotation(claim, public=public) for claim in claims]
    page_id = f"{collection_id(article)}?page=0"
    return {
        "@context": ANNO_CONTEXT,
        "id": collection_id(article),
        "type": "AnnotationCollection",
        "label": f"Fact checks: {article.title}",
        "total": len(items),
        "first": {"id": page_id, "type": "AnnotationPage", "startIndex": 0, "items": items},
        "last": page_id,
    }
