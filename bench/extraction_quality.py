"""Main-content extraction quality on the fixture news pages (tests/fixtures/news/pages).

For every page and extractor: the share of the article's words that the extraction keeps
("kept"), the share of the page's boilerplate words that it drops ("dropped"), and whether it
found the metadata (title without the site suffix, author, date, canonical URL, language).
Words are counted as a multiset of lower-cased \\w+ tokens; the page's visible text is what the
old full-text converter (importers.html_to_text) keeps, and boilerplate is that minus the
article's words.

    .venv/bin/python bench/extraction_quality.py            # summary per extractor
    .venv/bin/python bench/extraction_quality.py --pages    # one line per page as well
    .venv/bin/python bench/extraction_quality.py --pages-dir OTHER/DIR

The same clean-up (ad-slot labels and a repeated headline dropped) is applied to every
extractor but the baseline. Extractors compared: trafilatura as shipped
(`extraction.extract_html`, favor_precision), trafilatura with its default balance and
with favor_recall, readability-lxml + htmldate, and the old full-text converter (baseline).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DEBUG", "true")  # a development benchmark (DEBUG is off by default)

import django  # noqa: E402

django.setup()

from factcheck.articles.extraction import _paragraphs, _without_boilerplate, extract_html  # noqa: E402
from factcheck.articles.importers import html_to_text  # noqa: E402

WORD = re.compile(r"\w+")


def words(text: str) -> Counter:
    return Counter(w.lower() for w in WORD.findall(text))


def shipped(html: str) -> dict:
    found = extract_html(html)
    return {"title": found.title, "body": found.body, "author": found.author,
            "date": found.published_on.isoformat() if found.published_on else "",
            "url": found.url, "language": found.language}  # fmt: skip


def trafilatura_variant(**options):
    def run(html: str) -> dict:
        import trafilatura

        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          **options)  # fmt: skip
        if doc is None or doc.body is None:
            return {"body": ""}
        body = _without_boilerplate(_paragraphs(doc.body), doc.title or "")
        return {"title": doc.title or "", "body": "\n\n".join(body), "author": doc.author or "",
                "date": doc.date or "", "url": doc.url or ""}  # fmt: skip

    return run


def readability_htmldate(html: str) -> dict:
    from htmldate import find_date
    from readability import Document

    doc = Document(html)
    summary = html_to_text(doc.summary(html_partial=True)).body.split("\n\n")
    body = "\n\n".join(_without_boilerplate(summary, doc.short_title()))
    return {"title": doc.short_title(), "body": body,
            "date": find_date(html, original_date=True) or ""}  # fmt: skip


def full_text(html: str) -> dict:
    found = html_to_text(html)
    return {"title": found.title, "body": found.body}


EXTRACTORS = {
    "trafilatura precision (shipped)": shipped,
    "trafilatura default": trafilatura_variant(),
    "trafilatura recall": trafilatura_variant(favor_recall=True),
    "readability-lxml + htmldate": readability_htmldate,
    "full text (old converter)": full_text,
}


def score(truth: dict, html: str, found: dict) -> dict:
    main = words("\n".join(truth["main_text"]))
    visible = words(html_to_text(html).body)
    boilerplate = visible - main
    got = words(found.get("body", ""))
    kept = sum((got & main).values()) / max(1, sum(main.values()))
    leaked = sum(((got - main) & boilerplate).values())
    dropped = 1 - leaked / max(1, sum(boilerplate.values()))
    authors = found.get("author", "")
    return {
        "kept": kept, "dropped": dropped,
        "title": found.get("title", "") == truth["title"],
        "author": bool(authors) and all(a.replace(".", "") in authors.replace(".", "")
                                        for a in truth["authors"]),
        "date": found.get("date", "")[:10] == truth["date"],
        "url": found.get("url", "") == truth["url"],
        "language": found.get("language", "") == truth["language"],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", action="store_true", help="print one line per page")
    parser.add_argument("--pages-dir", type=Path,
                        default=ROOT / "tests" / "fixtures" / "news" / "pages")  # fmt: skip
    args = parser.parse_args()
    pages = sorted(args.pages_dir.glob("*.html"))
    print(f"{len(pages)} pages in {args.pages_dir}")
    print(
        "| extractor | words kept | boilerplate dropped | pages >=95% kept and >=95% dropped "
        "| title | author | date | canonical | language | ms/page |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, extract in EXTRACTORS.items():
        rows, elapsed = [], 0.0
        for page in pages:
            html = page.read_text(encoding="utf-8")
            truth = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
            started = time.perf_counter()
            found = extract(html)
            elapsed += time.perf_counter() - started
            rows.append(score(truth, html, found))
            if args.pages:
                r = rows[-1]
                print(f"    {name[:22]:22} {page.stem[:40]:40} kept {r['kept']:.3f} "
                      f"dropped {r['dropped']:.3f}", file=sys.stderr)  # fmt: skip
        n = len(rows)

        def share(key: str, rows: list = rows, n: int = n) -> str:
            return f"{sum(r[key] for r in rows)}/{n}"

        good = sum(r["kept"] >= 0.95 and r["dropped"] >= 0.95 for r in rows)
        print(f"| {name} | {sum(r['kept'] for r in rows) / n:.1%} "
              f"| {sum(r['dropped'] for r in rows) / n:.1%} | {good}/{n} | {share('title')} "
              f"| {share('author')} | {share('date')} | {share('url')} | {share('language')} "
              f"| {elapsed / n * 1000:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
