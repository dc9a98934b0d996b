"""Helpers shared by the exporters: absolute URLs, UTC timestamps, the public view of a claim."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, PublishedVersion, Rating


def absolute(path: str) -> str:
    """`path` on the public site (settings.SITE_URL), e.g. for ids and links in exports."""
    return settings.SITE_URL.rstrip("/") + path


def report_url(article_id: int) -> str:
    return absolute(reverse("reports:report", args=[article_id]))


def report_url_parts() -> tuple[str, str]:
    """(before, after) the article id in `report_url`: many URLs for the price of one reverse()
    (which costs as much as building a whole ClaimReview)."""
    marker = "987654321"
    before, after = report_url(int(marker)).split(marker)
    return before, after


def claim_report_urls() -> Callable[[int, int], str]:
    """url(article_id, claim_id): the public report with the claim's anchor, where the fact
    check is read. Make one per export (SITE_URL is read when it is made)."""
    before, after = report_url_parts()

    def url(article_id: int, claim_id: int) -> str:
        return f"{before}{article_id}{after}#claim-{claim_id}"

    return url


def article_source_url(article: Article) -> str:
    """The article's canonical URL, or our public report when it has none."""
    return article.url or report_url(article.pk)


def utc_z(value: datetime | None) -> str | None:
    """ISO 8601 in UTC with the "Z" designator (W3C Web Annotation 3.3.1), or None."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@dataclass(frozen=True)
class ClaimView:
    """The claim text, verdict and rationale to show: the published snapshot when public."""

    claim_text: str
    verdict: Rating | None
    rationale: str


def claim_view(claim: Claim, *, public: bool) -> ClaimView:
    if public:
        version = published(claim)
        return ClaimView(
            claim_text=version.claim_text, verdict=version.verdict, rationale=version.rationale
        )
    return ClaimView(claim_text=claim.claim_text, verdict=claim.verdict, rationale=claim.rationale)


def published(claim: Claim) -> PublishedVersion:
    """The claim's latest published version: all that a public export may read of it."""
    if claim.public_version is None:
        raise ValueError(f"Claim {claim.pk} has no published version.")
    return claim.public_version


def username(user) -> str:
    return user.username if user is not None else ""
