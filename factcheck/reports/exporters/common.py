"""Helpers shared by the exporters: absolute URLs, UTC timestamps, the public view of a claim."""

from __future__ import annotations

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


def claim_report_url(claim: Claim) -> str:
    """The public report with the claim's anchor: where the fact check is read."""
    return f"{report_url(claim.article_id)}#claim-{claim.pk}"


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
