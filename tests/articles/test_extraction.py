"""Main-content extraction on the fixture news pages (12 CMS layouts, 4 languages): the article
text is kept with its structure, the boilerplate around it is dropped, metadata is found."""

import json
import re
from pathlib import Path

import pytest

from factcheck.articles.extraction import BULLET, extract_html
from tests.fixtures.news.build import CAPTION, COMMENTS, COOKIE, FOOTER, MOST_READ, RELATED

PAGES = sorted((Path(__file__).resolve().parent.parent / "fixtures/news/pages").glob("*.html"))
WORD = re.compile(r"\w+")


def load(page):
    return page.read_text(encoding="utf-8"), json.loads(page.with_suffix(".json").read_text())


def test_there_are_at_least_20_pages_from_at_least_10_layouts():
    layouts = {load(page)[1]["layout"] for page in PAGES}
    assert len(PAGES) >= 20 and len(layouts) >= 10


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_the_article_text_is_kept_and_the_boilerplate_dropped(page):
    html, truth = load(page)
    found = extract_html(html)
    paragraphs = found.body.split("\n\n")
    lines = found.body.split("\n")
    for text in truth["main_text"]:
        assert any(text == line.removeprefix(BULLET).split(". ", 1)[-1] or text == line
                   for line in lines), text  # fmt: skip
    for boilerplate in (CAPTION, COOKIE, FOOTER.format(site=truth["publisher"]), *RELATED,
                        *MOST_READ, *(text for _, text in COMMENTS)):  # fmt: skip
        assert boilerplate not in found.body
    assert not {"advertisement", "sponsored content"} & {p.casefold() for p in paragraphs}
    assert paragraphs[0] != truth["title"], "the headline is the title, not the first paragraph"
    assert "<" not in found.body


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_metadata_is_read_from_the_page(page):
    html, truth = load(page)
    found = extract_html(html)
    assert found.title == truth["title"]  # without " | Site name"
    for name in truth["authors"]:
        assert name.replace(".", "") in found.author.replace(".", "")
    assert found.published_on.isoformat() == truth["date"]
    assert found.url == truth["url"]
    assert found.language == truth["language"]
    assert found.publisher


def test_headings_lists_and_quotes_become_plain_text_paragraphs():
    html, _ = load(next(p for p in PAGES if "council-budget" in p.name))
    body = extract_html(html).body
    assert "\n\nWhere the money goes\n\n" in body
    assert ("\n\n• $2.4 million for road resurfacing on Highway 9 and Mill Creek Road\n"
            "• a 3 percent cost-of-living raise for city employees\n") in body  # fmt: skip
    assert "\n\n\u201cNobody up here wanted to touch the libraries" in body
    html, _ = load(next(p for p in PAGES if "hospital-study" in p.name))
    assert (
        "\n1. Patients were not randomly assigned.\n2. Only readmissions" in extract_html(html).body
    )


def test_markup_never_survives_even_when_escaped_in_the_page():
    html = ("<html><head><title>Story | Site</title></head><body><article>"
            + "<p>Officials said <b>bold</b> and <a href='javascript:x'>linked</a> words.</p>"
            + "<p>The sign read &lt;script&gt;alert(1)&lt;/script&gt; in big letters.</p>" * 6
            + "<script>steal()</script><style>p{}</style></article></body></html>")  # fmt: skip
    found = extract_html(html)
    assert "Officials said bold and linked words." in found.body
    assert "steal()" not in found.body and "<b>" not in found.body and "href" not in found.body
    assert "<script>alert(1)</script>" in found.body  # the page's own text, kept as text


def test_a_fragment_without_an_article_falls_back_to_its_visible_text():
    found = extract_html("<html><title>Story</title><body><p>Hello <b>world</b></p></body>")
    assert (found.title, found.body) == ("Story", "Hello world")
