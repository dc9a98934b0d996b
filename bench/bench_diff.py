"""Benchmark the two timings the test suite used to assert (tests assert behaviour only).

- the word diff of an 8,000-paragraph article with one word inserted
  (`articles.text.diff.word_diff`, used by the revision diff page);
- parsing a 1.6 MB tag bomb (150,000 nested `<div>`s, no text) through the HTML importer
  (`articles.importers.html_to_text`), which must refuse it in linear time.

Run from the project root (no database needed)::

    .venv/bin/python bench/bench_diff.py [--repeat 5]

Prints the best and median wall time of each over ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "true")  # a development benchmark (DEBUG is off by default)

import django

django.setup()

from factcheck.articles.importers import html_to_text  # noqa: E402
from factcheck.articles.text.diff import word_diff  # noqa: E402


def long_article_diff() -> None:
    paragraphs = [f"Paragraph {i} says something about topic {i % 97}." for i in range(8000)]
    old = "\n\n".join(paragraphs)
    word_diff(old, old.replace("Paragraph 4000 says", "Paragraph 4000 now says"))


NESTED = "<div>" * 150_000 + "</div>" * 150_000


def tag_bomb() -> None:
    html_to_text(NESTED)


def measure(function: Callable[[], None], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'case':<34} {'best s':>8} {'median s':>9}")
    for name, function in (("diff, 8,000 paragraphs", long_article_diff),
                           ("tag bomb, 150,000 nested divs", tag_bomb)):  # fmt: skip
        best, median = measure(function, args.repeat)
        print(f"{name:<34} {best:>8.3f} {median:>9.3f}")


if __name__ == "__main__":
    main()
