"""schema.org ClaimReview JSON-LD for published claims (Google Fact Check markup).

Always built from the claim's published version (claims.PublishedVersion), never the working
claim: the public sees what two people approved. Built from flat rows
(`reports.selectors.CLAIMREVIEW_ROW_FIELDS`): the export reads them from one query, the report
page turns its claims into the same rows (`claimreview_row`), so each fact has one home here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from django.conf import settings

from factcheck.claims.models import Claim, ClaimantKind
from factcheck.claims.services.publication import claimant_kind
from factcheck.reports.exporters.common import claim_report_urls, published

SCHEMA_CONTEXT = "https://schema.org"

type Row = Mapping[str, Any]


def agent(name: str, kind: str = "") -> dict[str, str]:
    """The claimant, typed by the kind recorded in the published version."""
    kind = kind or claimant_kind(name)
    return {
        "@type": "Organization" if kind == ClaimantKind.ORGANISATION else "Person",
        "name": name,
    }


def publisher() -> dict[str, str]:
    return {"@type": "Organization", "name": settings.PUBLISHER_NAME, "url": settings.PUBLISHER_URL}


def review_rating(
    label: str, value: int | None, best: int | None, worst: int | None
) -> dict[str, Any]:
    """The label always; the number with its scale's best/worst only where the rating has one."""
    node: dict[str, Any] = {"@type": "Rating", "alternateName": label}
    if value is not None and best is not None and worst is not None:
        node.update(ratingValue=value, bestRating=best, worstRating=worst)
    return node


def appearance(title: str, url: str, publisher: str, published_on: date | None) -> dict[str, Any]:
    """Where the claim appeared: the original article (never our own report)."""
    node: dict[str, Any] = {"@type": "CreativeWork", "headline": title}
    if url:
        node["url"] = url
    if publisher:
        node["publisher"] = {"@type": "Organization", "name": publisher}
    if published_on:
        node["datePublished"] = published_on.isoformat()
    return node


def item_reviewed(row: Row) -> dict[str, Any]:
    published_on = row["article__published_on"]
    node: dict[str, Any] = {
        "@type": "Claim",
        "appearance": appearance(
            row["article__title"], row["article__url"], row["article__publisher"], published_on
        ),
    }
    if claimant := row["public_version__claimant"]:
        node["author"] = agent(claimant, row["public_version__claimant_kind"])
    if published_on:
        node["datePublished"] = published_on.isoformat()
    return node


def is_rated(row: Row) -> bool:
    """Only a published version with a verdict is a ClaimReview (others are unrated)."""
    return row["public_version__verdict_id"] is not None


def claim_review(
    row: Row, *, url: Callable[[int, int], str], author: dict[str, str]
) -> dict[str, Any]:
    """One ClaimReview of a rated published version; `url` from `claim_report_urls()`, `author`
    the `publisher()` (both made once per document)."""
    node: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": url(row["article_id"], row["id"]),
        "claimReviewed": row["public_version__claim_text"],
        "itemReviewed": item_reviewed(row),
        "author": author,
        "datePublished": row["public_version__first_published_at"].date().isoformat(),
    }
    if is_rated(row):
        node["reviewRating"] = review_rating(
            row["public_version__verdict_label"] or row["public_version__verdict__label"],
            row["public_version__verdict__value"],
            row["public_version__verdict__scale__best"],
            row["public_version__verdict__scale__worst"],
        )
    return node


def claim_reviews(rows: Iterable[Row]) -> Iterator[dict[str, Any]]:
    """ClaimReviews of the rows whose published version has a verdict, lazily."""
    url, author = claim_report_urls(), publisher()
    for row in rows:
        if is_rated(row):
            yield claim_review(row, url=url, author=author)


def claimreview_row(claim: Claim) -> dict[str, Any]:
    """A claim whose published version, its rating (with scale) and article are loaded, as a
    `CLAIMREVIEW_ROW_FIELDS` row: no query."""
    version, article = published(claim), claim.article
    rating = version.verdict if version.verdict_id is not None else None
    return {
        "id": claim.pk,
        "article_id": claim.article_id,
        "article__title": article.title,
        "article__url": article.url,
        "article__publisher": article.publisher,
        "article__published_on": article.published_on,
        "public_version__claim_text": version.claim_text,
        "public_version__claimant": version.claimant,
        "public_version__claimant_kind": version.claimant_kind,
        "public_version__first_published_at": version.first_published_at,
        "public_version__verdict_id": version.verdict_id,
        "public_version__verdict_label": version.verdict_label,
        "public_version__verdict__label": rating.label if rating else None,
        "public_version__verdict__value": rating.value if rating else None,
        "public_version__verdict__scale__best": rating.scale.best if rating else None,
        "public_version__verdict__scale__worst": rating.scale.worst if rating else None,
    }


def claim_reviews_of(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """`claim_reviews` of claim instances (the report page's JSON-LD)."""
    return list(claim_reviews(claimreview_row(claim) for claim in claims))
