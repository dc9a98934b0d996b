"""Benchmark the streaming exports: rows per second and peak memory at growing row counts.

Run from the project root::

    .venv/bin/python bench/bench_export.py [--rows 2000 20000 100000] [--words 100000]

On `DATABASE_URL` if set, else postgres://postgres@127.0.0.1:5432/bench_export (created and
migrated when missing; SQLite works too, without the COPY paths). Django runs as deployed
(DEBUG off). Everything happens inside one transaction that is rolled back, so the database is
left as it was. Rows are bulk-inserted published claims on one generated
article of ``--words`` words (a long body shows that rows do not drag the article text along).
For each row count and format the script prints the wall time of one full download through
Django's test client, the rows per second and the peak traced memory (tracemalloc; a second,
untimed run, since tracing slows Python down), and beside it, from the same run, the time of
PostgreSQL's own `COPY ... TO STDOUT (FORMAT csv)` of the same claims (every column) with their
live evidence URLs, read through psycopg: the bound an export can approach.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

from database import ensure_database, production_settings

ensure_database("bench_export")
production_settings()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from factcheck.articles.models import Article, ArticleRevision  # noqa: E402
from factcheck.articles.services import body_hash  # noqa: E402
from factcheck.claims.models import Claim, ClaimStatus, EvidenceLink, Rating  # noqa: E402
from tests.public.helpers import bulk_versions  # noqa: E402

PHRASE = "Nvidia lost nearly $600 billion"
FORMATS = {"csv": "reports-api:claims-csv", "jsonl": "reports-api:claims-jsonl",
           "claimreview": "reports-api:claimreview"}  # fmt: skip


def make_article(words: int, user) -> Article:
    filler = " ".join(f"word{i % 997}" for i in range(words))
    body = f"{PHRASE} in market value in one day. {filler}"
    article = Article.objects.create(
        title="Benchmark article", url="https://bench.example.org/a", body=body,
        body_hash=body_hash(body), created_by=user, updated_by=user,
    )  # fmt: skip
    revision = ArticleRevision.objects.create(
        article=article, number=1, body=body, body_hash=article.body_hash, created_by=user
    )
    Article.objects.filter(pk=article.pk).update(current_revision=revision)
    article.current_revision = revision
    return article


def add_claims(article: Article, user, n: int) -> None:
    rating = Rating.objects.filter(scale__is_active=True, value__isnull=False).first()
    now = timezone.now()
    claims = Claim.objects.bulk_create(
        [
            Claim(
                article=article, revision=article.current_revision, start=0, end=len(PHRASE),
                quote=PHRASE, suffix=" in market", claim_text=f"Claim {i}", claimant="Someone",
                verdict=rating, rationale="Because. " * 10, status=ClaimStatus.PUBLISHED,
                author=user, approver=user, submitted_at=now, approved_at=now, published_at=now,
                published_verdict=rating, published_rationale="Because. " * 10,
                published_claim_text=f"Claim {i}",
            )
            for i in range(n)
        ],
        batch_size=5000,
    )  # fmt: skip
    EvidenceLink.objects.bulk_create(
        [EvidenceLink(claim=c, url=f"https://e.example.org/{c.pk}", created_by=user)
         for c in claims],
        batch_size=5000,
    )  # fmt: skip
    bulk_versions(claims)  # the public exports read the published versions


def download(client: Client, url: str) -> int:
    response = client.get(url)
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size


def measure(client: Client, url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    size = download(client, url)
    elapsed = time.perf_counter() - started
    tracemalloc.start()
    download(client, url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, size, peak


COPY_BASELINE = """
    COPY (SELECT c.*, (SELECT string_agg(e.url, ' ' ORDER BY e.id) FROM claims_evidencelink e
                       WHERE e.claim_id = c.id AND NOT e.is_removed) AS evidence_urls
          FROM claims_claim c WHERE c.published_at IS NOT NULL AND c.status <> 'retracted'
          ORDER BY c.article_id, c.start, c."end", c.id) TO STDOUT (FORMAT csv)
"""


def copy_baseline() -> float:
    """Seconds for a plain COPY of the published claims and their evidence URLs."""
    if connection.vendor != "postgresql":
        return float("nan")
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(COPY_BASELINE) as copy:
        for _block in copy:
            pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--words", type=int, default=100_000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores shared with other work)")
    print(f"database: {connection.vendor}; article of {args.words:,} words")
    print(f"{'rows':>8} {'format':<12} {'seconds':>8} {'rows/s':>9} {'MB out':>8} {'peak MB':>8}"
          f" {'COPY s':>7} {'x COPY':>7}")  # fmt: skip
    client = Client(HTTP_HOST="localhost")
    with transaction.atomic():
        user = get_user_model().objects.create(username="bench-export-user")
        article = make_article(args.words, user)
        total = 0
        for rows in sorted(args.rows):
            add_claims(article, user, rows - total)
            total = rows
            for name, url_name in FORMATS.items():
                seconds, size, peak = measure(client, reverse(url_name))
                bound = copy_baseline()  # right after, so machine noise hits both alike
                print(f"{rows:>8,} {name:<12} {seconds:>8.2f} {rows / seconds:>9,.0f} "
                      f"{size / 1e6:>8.1f} {peak / 1e6:>8.1f} {bound:>7.2f} "
                      f"{seconds / bound:>7.2f}")  # fmt: skip
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
