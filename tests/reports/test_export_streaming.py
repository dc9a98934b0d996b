"""A 20,000-claim CSV export streams: constant memory whatever the number of rows."""

import tracemalloc

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from factcheck.claims.models import Claim, ClaimStatus, Rating
from tests.factories import ArticleFactory

PHRASE = "$600 billion"


def bulk_published_claims(article, author, n: int) -> None:
    """Bulk fixture rows (no services: 20,000 workflow runs would take minutes)."""
    body = article.current_revision.body
    start = body.index(PHRASE)
    rating = Rating.objects.get(scale__is_active=True, slug="true")
    now = timezone.now()
    Claim.objects.bulk_create(
        [
            Claim(
                article=article, revision=article.current_revision, start=start,
                end=start + len(PHRASE), quote=PHRASE, prefix="lost nearly ", suffix=" in market",
                claim_text=f"Claim {i}: Nvidia lost {PHRASE}", claimant="Los Angeles Times",
                verdict=rating, rationale="Checked against filings. " * 5,
                status=ClaimStatus.PUBLISHED, author=author, approver=author,
                submitted_at=now, approved_at=now, published_at=now, published_verdict=rating,
                published_rationale="Checked against filings. " * 5,
                published_claim_text=f"Claim {i}: Nvidia lost {PHRASE}",
            )
            for i in range(n)
        ],
        batch_size=2000,
    )  # fmt: skip


def peak_memory_of_export(client) -> tuple[int, int]:
    response = client.get(reverse("reports-api:claims-csv"))
    assert isinstance(response, StreamingHttpResponse)
    lines = 0
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            lines += chunk.count(b"\r\n")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, lines


@pytest.mark.slow
def test_a_20000_claim_csv_export_streams_in_constant_memory(client, editor, reviewer):
    small = ArticleFactory(actor=editor)
    bulk_published_claims(small, reviewer, 2_000)
    peak_small, lines_small = peak_memory_of_export(client)
    assert lines_small == 2_001

    bulk_published_claims(small, reviewer, 18_000)
    peak_large, lines_large = peak_memory_of_export(client)
    assert lines_large == 20_001
    # Ten times the rows: the peak stays within one chunk's worth (allow 50% noise).
    print(f"peak memory: {peak_small:,} B at 2,000 rows, {peak_large:,} B at 20,000 rows")
    assert peak_large < peak_small * 1.5, (peak_small, peak_large)
