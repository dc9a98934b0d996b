"""Latency of GET /api/v1/claims/similar/ with 100,000 claims, and the query plans it runs.

Run from the project root (a clean clone with its virtualenv and a PostgreSQL server)::

    .venv/bin/python bench/similar/bench_similar.py [--claims 100000] [--rounds 2] [--explain]

It uses a PostgreSQL database of its own, `DATABASE_URL` if set, else
postgres://postgres@127.0.0.1:5432/bench_similar; it creates the database when it does not
exist and migrates it. The claims stay, so that a second run skips the load and VACUUM
ANALYZE has real statistics (the first load of 100,000 claims takes minutes).

The corpus is the evaluation corpus (labelled claims, their changed-number hard negatives)
topped up with claim-like filler to `--claims` published claims. Every evaluation query
(paraphrases, reorderings, changed figures: 268) is sent `--rounds` times through Django's test
client (the whole view: parsing, the selector's queries, serialisation), as an editor and as an
anonymous client, after one warm-up pass that also counts recall@1/@5 at this size; then the
ranking alone (`claims.search.ranked_ids`: the database queries and the scoring, without
Django's request cycle and the serializer). It prints p50/p95/max in milliseconds, the load
average (the machine is shared), and with --explain the EXPLAIN ANALYZE of each query of one
request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from database import ensure_database, production_settings

ensure_database("bench_similar")
production_settings()

import setup  # noqa: E402 - Django set-up (after the database exists)
from corpus import change_numbers, load_claims, noise_claims  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from factcheck.articles.models import Article  # noqa: E402
from factcheck.claims.models import Claim  # noqa: E402
from factcheck.claims.search import ranked_ids  # noqa: E402


def load(total: int) -> None:
    existing = Claim.objects.filter(article__title__startswith="Similar-claims benchmark").count()
    if existing >= total:
        print(f"{existing:,} benchmark claims already loaded")
        return
    user = setup.staff_user()
    articles = list(
        Article.objects.filter(title__startswith="Similar-claims benchmark").select_related(
            "current_revision"
        )
    ) or setup.make_articles(user)
    labelled = load_claims()
    texts = [c.claim for c in labelled]
    texts += [change_numbers(c.claim) for c in labelled if change_numbers(c.claim) != c.claim]
    if existing:
        texts = []
    texts += noise_claims(total - existing - len(texts), seed=existing + 12)
    started = time.perf_counter()
    setup.insert_claims(texts, articles, user)
    print(f"loaded {len(texts):,} claims in {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE claims_claim")


def queries() -> list[tuple[str, str]]:
    """(query, the claim text it should find first)."""
    result = []
    for item in load_claims():
        result += [(item.paraphrase, item.claim), (item.reordered, item.claim)]
        if change_numbers(item.paraphrase) != item.paraphrase:
            result.append((change_numbers(item.paraphrase), change_numbers(item.claim)))
    return result


def timings(
    client: Client, pairs: list[tuple[str, str]], rounds: int, extra: dict | None = None
) -> list[tuple[float, float]]:
    """(wall, CPU) milliseconds per request (CPU: this process's, not PostgreSQL's); the
    warm-up pass also prints recall@1/@5 at this corpus size."""
    url = reverse("api-claims-similar")
    first = top5 = 0
    for text, expected in pairs:  # warm-up: connection, caches, query plans
        response = client.get(url, {"text": text, "limit": 5, **(extra or {})})
        assert response.status_code == 200
        found = [r["claim_text"] for r in response.json()["results"]]
        first += found[:1] == [expected]
        top5 += expected in found
    print(f"  (recall@1 {first / len(pairs):.3f}, recall@5 {top5 / len(pairs):.3f})")
    samples = []
    for _ in range(rounds):
        for text, _expected in pairs:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url, {"text": text, "limit": 5, **(extra or {})})
            samples.append(
                ((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)
            )
            assert response.status_code == 200, response.content
    return samples


def _p95(ordered: list[float]) -> float:
    return ordered[int(0.95 * (len(ordered) - 1))]


def report(label: str, samples: list[tuple[float, float]]) -> None:
    wall, cpu = sorted(s[0] for s in samples), sorted(s[1] for s in samples)
    print(f"{label:<18}{len(samples):>6}{statistics.median(wall):>8.1f}{_p95(wall):>8.1f}"
          f"{wall[-1]:>8.1f}{statistics.median(cpu):>10.1f}{_p95(cpu):>8.1f}")  # fmt: skip


def explain(client: Client, text: str) -> None:
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("api-claims-similar"), {"text": text})
    for query in captured.captured_queries:
        sql = query["sql"].split("; ", 1)[-1].strip()  # without a leading SET LOCAL
        if not sql.lstrip("(").startswith(("SELECT", "WITH")):
            continue
        print(f"\n-- {sql[:160]}...")
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF) {sql}")
            print("\n".join(row[0] for row in cursor.fetchall()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--explain", action="store_true", help="print the query plans")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    load(args.claims)
    total = Claim.objects.count()
    texts = queries()
    editor = Client(HTTP_HOST="localhost")
    editor.force_login(setup.staff_user())
    # The claim form asks with the article being checked (its exact duplicates are flagged).
    article = Article.objects.filter(title__startswith="Similar-claims benchmark").first()
    print(f"{total:,} claims; {len(texts)} queries x {args.rounds} rounds; milliseconds")
    print(f"{'':<24}{'wall':>8}{'':>16}{'CPU':>10}")
    print(f"{'client':<18}{'n':>6}{'p50':>8}{'p95':>8}{'max':>8}{'p50':>10}{'p95':>8}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        load_average = os.getloadavg()[0]
    print(f"load average before: {load_average:.1f} (2 cores shared with other work)")
    report("editor", timings(editor, texts, args.rounds, {"article": article.pk}))
    report("anonymous", timings(Client(HTTP_HOST="localhost"), texts, args.rounds))
    user = setup.staff_user()
    samples = []
    for _ in range(args.rounds):
        for text, _expected in texts:
            started, cpu = time.perf_counter(), time.process_time()
            ranked_ids(user=user, text=text, limit=5)
            samples.append(
                ((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)
            )
    report("ranking only", samples)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.explain:
        explain(editor, texts[0][0])


if __name__ == "__main__":
    main()
