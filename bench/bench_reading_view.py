"""Benchmark the reading view of a long article: server time, queries and page size.

Run from the project root::

    .venv/bin/python bench/bench_reading_view.py [--words 100000] [--claims 300 2000 5000]

On `DATABASE_URL` if set, else postgres://postgres@127.0.0.1:5432/bench_reading (created and
migrated when missing), with Django as deployed (DEBUG off). Everything happens inside one
transaction that is rolled back. The article has ``--words``
words in paragraphs of 120 words; claims are bulk-inserted as drafts on random sentence spans,
a third of them overlapping another. For each claim count the script renders the reading view
(GET /articles/<id>/) through Django's test client as an editor, three times, and prints the
best wall time, the number of SQL queries and the HTML size; for a long list of cards, whose
page leaves the cards past the first ones to a second request, that request's figures too.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

from database import ensure_database, plain_static_files, production_settings

if __name__ == "__main__":  # bench_reading_browser imports this module after its own set-up
    ensure_database("bench_reading")
    production_settings()

import django

django.setup()
plain_static_files()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from factcheck.articles.services import article_create  # noqa: E402
from factcheck.claims.models import Claim, Rating  # noqa: E402


class Rollback(Exception):
    pass


def make_body(words: int, rng: random.Random) -> str:
    vocabulary = ["market", "billion", "chips", "model", "said", "the", "of", "in", "cost",
                  "Nvidia", "DeepSeek", "training", "3%", "$600", "🇺🇦", "café"]  # fmt: skip
    tokens = [rng.choice(vocabulary) for _ in range(words)]
    sentences = [" ".join(tokens[i : i + 15]).capitalize() + "." for i in range(0, words, 15)]
    return "\n\n".join(" ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8))


# A rationale of typical length (the cards carry its start for hover cards)
RATIONALE = (
    "The **company's filing** for the quarter shows a different figure: see [the 10-Q]"
    "(https://example.org/10q) and the analysts' notes. " * 3
)


def add_claims(article, user, n: int, rng: random.Random) -> None:
    body = article.current_revision.body
    ratings = list(Rating.objects.filter(scale__is_active=True))
    claims = []
    for _ in range(n):
        start = rng.randrange(0, len(body) - 200)
        end = start + rng.randrange(10, 180)
        claims.append(Claim(
            article=article, revision=article.current_revision, start=start, end=end,
            quote=body[start:end], claim_text=body[start:end], verdict=rng.choice(ratings),
            author=user, rationale=RATIONALE,
        ))  # fmt: skip
    Claim.objects.bulk_create(claims, batch_size=2000)


def measure(client: Client, url: str) -> tuple[float, int, int]:
    best = float("inf")
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url)
            best = min(best, time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    return best, len(queries), len(response.content)


def rest_url(page: bytes) -> str | None:
    """The request for the cards a long article's page leaves out (web.fragments.
    DEFER_CARDS_FROM), which the browser makes once the page shows."""
    found = re.search(rb'data-cards-rest="([^"]+)"', page)
    return html.unescape(found.group(1).decode()) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--claims", type=int, nargs="+", default=[300, 2000, 5000])
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    rng = random.Random(20250127)
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores shared with other work)")
    print(f"database: {connection.vendor}; article of {args.words:,} words")
    print(f"{'claims':>7} {'seconds':>8} {'queries':>8} {'HTML MB':>8}   (rest of the cards)")
    try:
        with transaction.atomic():
            editor = get_user_model().objects.create_user("bench-editor", password="x")
            editor.groups.add(Group.objects.get(name="Editor"))
            article = article_create(actor=editor, title="Bench", body=make_body(args.words, rng))
            client = Client(SERVER_NAME="localhost")
            client.force_login(editor)
            url = reverse("articles:detail", args=[article.pk])
            done = 0
            for total in sorted(args.claims):
                add_claims(article, editor, total - done, rng)
                done = total
                seconds, queries, size = measure(client, url)
                line = f"{total:>7,} {seconds:>8.2f} {queries:>8} {size / 1e6:>8.2f}"
                rest = rest_url(client.get(url).content)
                if rest:
                    seconds, queries, size = measure(client, rest)
                    line += f"   {seconds:.2f} s, {queries} queries, {size / 1e6:.2f} MB"
                print(line)
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
