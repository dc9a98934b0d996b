"""schema.org ClaimReview JSON-LD for published claims (Google Fact Check markup).

Always built from the claim's published version (claims.PublishedVersion), never the working
claim: the public sees what two people approved.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, ClaimantKind, Rating
from factcheck.claims.services.publication import claimant_kind
from factcheck.reports.exporters.common import claim_report_url, published

SCHEMA_CONTEXT = "https://schema.org"


def agent(name: str, kind: str = "") -> dict[str, str]:
    """The claimant, typed by the kind recorded in the published version."""
    kind = kind or claimant_kind(name)
    return {
        "@type": "Organization" if kind == ClaimantKind.ORGANISATION else "Person",
        "name": name,
    }


def publisher() -> dict[str, str]:
    return {"@type": "Organization", "name": settings.PUBLISHER_NAME, "url": settings.PUBLISHER_URL}


def review_rating(rating: Rating, *, label: str = "") -> dict[str, Any]:
    """The label always; the number with its scale's best/worst only where the rating has one."""
    node: dict[str, Any] = {"@type": "Rating", "alternateName": label or rating.label}
    scale = rating.scale
    if rating.value is not None and scale.best is not None and scale.worst is not None:
        node.update(ratingValue=rating.value, bestRating=scale.best, worstRating=scale.worst)
    return node


def appearance(article: Article) -> dict[str, Any]:
    """Where the claim appeared: the original article (never our own report)."""
    node: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
    if article.url:
        node["url"] = article.url
    if article.publisher:
        node["publisher"] = {"@type": "Organization", "name": article.publisher}
    if article.published_on:
        node["datePublished"] = article.published_on.isoformat()
    return node


def item_reviewed(claim: Claim) -> dict[str, Any]:
    article = claim.article
    version = published(claim)
    node: dict[str, Any] = {"@type": "Claim", "appearance": appearance(article)}
    if version.claimant:
        node["author"] = agent(version.claimant, version.claimant_kind)
    if article.published_on:
        node["datePublished"] = article.published_on.isoformat()
    return node


def claim_review(claim: Claim) -> dict[str, Any]:
    """One ClaimReview for a published claim, from its published version."""
    version = published(claim)
    node: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": claim_report_url(claim),
        "claimReviewed": version.claim_text,
        "itemReviewed": item_reviewed(claim),
        "author": publisher(),
        "datePublished": version.first_published_at.date().isoformat(),
    }
    if version.verdict is not None:
        node["reviewRating"] = review_rating(version.verdict, label=version.verdict_label)
    return node


def has_rating(claim: Claim) -> bool:
    return claim.public_version is not None and claim.public_version.verdict_id is not None


def claim_reviews(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """ClaimReviews for the claims whose published version has a verdict (others are unrated)."""
    return [claim_review(c) for c in claims if has_rating(c)]
