"""schema.org ClaimReview JSON-LD for published claims (Google Fact Check markup).

Always built from the published snapshot: the public sees the frozen published version.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Rating
from factcheck.reports.exporters.common import article_source_url, claim_report_url

SCHEMA_CONTEXT = "https://schema.org"
# Claimants are free text; names with these words are organisations, anything else a person.
ORGANISATION_WORDS = re.compile(
    r"\b(times|news|post|press|journal|herald|tribune|inc|ltd|llc|corp|corporation|company|"
    r"co|group|agency|ministry|department|government|council|party|university|institute|"
    r"association|foundation|bank|office|committee|commission|bureau|service|network|media|"
    r"tv|radio|magazine|gazette|daily|weekly|club|union|federation|organisation|organization)\b",
    re.IGNORECASE,
)


def agent(name: str) -> dict[str, str]:
    kind = "Organization" if ORGANISATION_WORDS.search(name) else "Person"
    return {"@type": kind, "name": name}


def publisher() -> dict[str, str]:
    return {"@type": "Organization", "name": settings.PUBLISHER_NAME, "url": settings.PUBLISHER_URL}


def review_rating(rating: Rating) -> dict[str, Any]:
    """The label always; the number with its scale's best/worst only where the rating has one."""
    node: dict[str, Any] = {"@type": "Rating", "alternateName": rating.label}
    scale = rating.scale
    if rating.value is not None and scale.best is not None and scale.worst is not None:
        node.update(ratingValue=rating.value, bestRating=scale.best, worstRating=scale.worst)
    return node


def appearance(article: Article) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "CreativeWork",
        "url": article_source_url(article),
        "headline": article.title,
    }
    if article.publisher:
        node["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.published_on:
        node["datePublished"] = article.published_on.isoformat()
    return node


def item_reviewed(claim: Claim) -> dict[str, Any]:
    article = claim.article
    node: dict[str, Any] = {"@type": "Claim", "appearance": appearance(article)}
    if claim.claimant:
        node["author"] = agent(claim.claimant)
    if article.published_on:
        node["datePublished"] = article.published_on.isoformat()
    return node


def claim_review(claim: Claim) -> dict[str, Any]:
    """One ClaimReview for a published claim (its `published_*` snapshot)."""
    node: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": claim_report_url(claim),
        "claimReviewed": claim.published_claim_text or claim.claim_text,
        "itemReviewed": item_reviewed(claim),
        "author": publisher(),
    }
    if claim.published_at:
        node["datePublished"] = claim.published_at.date().isoformat()
    if claim.published_verdict is not None:
        node["reviewRating"] = review_rating(claim.published_verdict)
    return node


def claim_reviews(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """ClaimReviews for the claims that carry a published verdict (others cannot be rated)."""
    return [claim_review(c) for c in claims if c.published_verdict is not None]
