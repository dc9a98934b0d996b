"""A long CSV export streams in constant memory, on the path production takes.

Built so that each bug it guards against would fail it:
- undeferred bodies: the article is ~60 KB, so a chunk of rows that each copied the article's
  and revision's body would hold ~60 MB, far over the bound below;
- prefetch cycles: every claim has an evidence link and a tag, so each chunk really runs the
  prefetches whose querysets hold their claim (a cycle only the cyclic GC frees); left behind,
  memory grows over chunks, and the 20-chunk export would peak above the one-chunk export;
- the `WITH HOLD` cursor: Django declares it only in autocommit mode, which is how production
  serves requests, so this test runs on a transactional database (no wrapping transaction).
"""

import tracemalloc

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from factcheck.claims.models import Claim, ClaimStatus, EvidenceLink, Rating, Tag
from factcheck.reports.selectors import EXPORT_CHUNK_SIZE
from tests.factories import SAMPLE_BODY, ArticleFactory
from tests.public.helpers import bulk_versions

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PHRASE = "$600 billion"
FILLER = "\n\n".join(f"Paragraph {i} of the long article, with words." for i in range(1300))
MB = 1024 * 1024


def bulk_published_claims(article, author, n: int) -> None:
    """Bulk fixture rows (no services: 10,000 workflow runs would take minutes), each with one
    evidence link and one tag, as exports read them."""
    body = article.current_revision.body
    start = body.index(PHRASE)
    rating = Rating.objects.get(scale__is_active=True, slug="true")
    tag, _ = Tag.objects.get_or_create(name="markets")
    now = timezone.now()
    claims = Claim.objects.bulk_create(
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
    EvidenceLink.objects.bulk_create(
        [EvidenceLink(claim=c, url=f"https://evidence.example.org/{c.pk}", title="Filing",
                      created_by=author) for c in claims],
        batch_size=2000,
    )  # fmt: skip
    Claim.tags.through.objects.bulk_create(
        [Claim.tags.through(claim_id=c.pk, tag_id=tag.pk) for c in claims], batch_size=2000
    )
    bulk_versions(claims, tags=[tag.name])  # what the public exports read


def export(client) -> tuple[int, int]:
    """(peak traced bytes, rows with their evidence and tag) of the CSV export, read to its end
    as a client would."""
    assert connection.get_autocommit() and not connection.in_atomic_block  # the WITH HOLD path
    response = client.get(reverse("reports-api:claims-csv"))
    assert isinstance(response, StreamingHttpResponse)
    rows = 0
    tracemalloc.start()
    try:
        for chunk in response.streaming_content:
            rows += sum(b"https://evidence.example.org/" in line and b",markets," in line
                        for line in chunk.split(b"\r\n"))  # fmt: skip
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, rows


def test_a_10000_claim_csv_export_streams_in_constant_memory(client, editor, reviewer):
    article = ArticleFactory(actor=editor, body=f"{SAMPLE_BODY}\n\n{FILLER}")
    assert len(article.current_revision.body) > 60_000

    bulk_published_claims(article, reviewer, EXPORT_CHUNK_SIZE)
    peak_one_chunk, rows = export(client)
    assert rows == EXPORT_CHUNK_SIZE

    bulk_published_claims(article, reviewer, 20 * EXPORT_CHUNK_SIZE - EXPORT_CHUNK_SIZE)
    peak_twenty_chunks, rows = export(client)
    assert rows == 20 * EXPORT_CHUNK_SIZE

    print(f"peak: {peak_one_chunk / MB:.1f} MB for one chunk, {peak_twenty_chunks / MB:.1f} MB "
          f"for twenty")  # fmt: skip
    # Twenty chunks cost what one does (50% noise allowed), and a chunk never holds the bodies.
    # On PostgreSQL the rows come through COPY, whose client buffer grows to a fixed size of a
    # few MB on the first thousands of rows and then stays there (flat to 100,000 rows in
    # bench/bench_export.py): below that floor the ratio measures the buffer, not a leak.
    floor = 4 * MB if connection.vendor == "postgresql" else 0
    assert peak_twenty_chunks < max(peak_one_chunk * 1.5, floor), (
        peak_one_chunk,
        peak_twenty_chunks,
    )
    assert peak_twenty_chunks < 20 * MB, peak_twenty_chunks
