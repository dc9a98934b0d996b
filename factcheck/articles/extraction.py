"""Main-content extraction: a news page's article text and metadata, without its boilerplate.

`extract_html(html, url=...)` keeps the article and drops navigation, ads, bylines, captions,
"Related" lists, newsletter boxes, comments and footers, using trafilatura (chosen over
readability-lxml + htmldate by measurement: bench/extraction_quality.py, figures in
bench/README.md). Its structure becomes plain-text paragraphs separated by a blank line:
headings and block quotes are paragraphs of their own, a list is one paragraph with one item
per line ("• item", or "1. item" for a numbered list), a table one line per row. Nothing of
the markup survives: the result is text, stored and rendered as text.

Metadata comes from the page: title (without the " | Site name" suffix), authors, publication
date, publisher (site name), canonical URL and language. When trafilatura finds no article
(a fragment, a page of links) the whole visible text is used instead (importers.html_to_text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import lxml.html
from lxml import etree

from factcheck.articles.importers import TITLE_MAX, html_to_text

_SPACES = re.compile(r"[^\S\n]+")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
BULLET = "\u2022 "
# Paragraphs that are only an ad slot's label, in the languages of our newsrooms.
AD_LABELS = frozenset(
    {
        "advertisement",
        "advertising",
        "ad",
        "sponsored",
        "sponsored content",
        "anzeige",
        "werbung",
        "publicité",
        "publicidad",
        "pubblicità",
        "story continues below advertisement",
        "article continues below advertisement",
        "continue reading below",
    }
)


@dataclass(frozen=True)
class ExtractedArticle:
    title: str
    body: str
    author: str = ""
    published_on: date | None = None
    publisher: str = ""
    url: str = ""  # the page's canonical URL, when it declares one
    language: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def fields(self) -> dict[str, Any]:
        """The article fields this page fills (empty ones left out)."""
        found = {
            "title": self.title,
            "body": self.body,
            "author": self.author,
            "published_on": self.published_on,
            "publisher": self.publisher,
            "url": self.url,
            "language": self.language,
        }
        return {name: value for name, value in found.items() if value}


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _inline_text(element: etree._Element) -> str:
    """An element's text with <lb/> as a line break, spaces collapsed on each line."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag == "lb":
            parts.append("\n")
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (_clean(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _list_lines(element: etree._Element, depth: int = 0) -> list[str]:
    numbered = (element.get("rend") or "").lower() == "ol"
    lines: list[str] = []
    number = 0
    for item in element:
        if item.tag != "item":
            continue
        number += 1
        nested = [child for child in item if child.tag == "list"]
        for child in nested:
            item.remove(child)  # its items follow on their own lines, indented
        marker = f"{number}. " if numbered else BULLET
        if text := _inline_text(item).replace("\n", " "):
            lines.append("  " * depth + marker + text)
        for child in nested:
            lines.extend(_list_lines(child, depth + 1))
    return lines


def _table_lines(element: etree._Element) -> list[str]:
    rows = []
    for row in element.iter("row"):
        cells = [_inline_text(cell).replace("\n", " ") for cell in row if cell.tag == "cell"]
        if any(cells):
            rows.append(" | ".join(cells))
    return rows


def _paragraphs(body: etree._Element) -> list[str]:
    paragraphs: list[str] = []
    for element in body:
        if element.tag == "list":
            lines = _list_lines(element)
            text = "\n".join(lines)
        elif element.tag == "table":
            text = "\n".join(_table_lines(element))
        elif element.tag == "quote" and len(element) and all(c.tag == "p" for c in element):
            paragraphs.extend(p for child in element if (p := _inline_text(child)))
            continue
        elif element.tag == "code":
            text = "".join(element.itertext()).strip("\n")
        elif element.tag == "graphic":
            continue
        else:
            text = _inline_text(element)
        if text.strip():
            paragraphs.append(text)
    return paragraphs


def _without_boilerplate(paragraphs: list[str], title: str) -> list[str]:
    """Drop ad-slot labels, and the headline when the text repeats it first (it is the title)."""
    kept = [p for p in paragraphs if p.strip(" .:-\u2013\u2014").casefold() not in AD_LABELS]
    if kept and title and kept[0].casefold() == title.casefold():
        kept = kept[1:]
    return kept


def _page_language(tree: Any) -> str:
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    for xpath in (
        '//meta[@property="og:locale"]/@content',
        '//meta[@http-equiv="content-language" or @http-equiv="Content-Language"]/@content',
        '//meta[@name="language"]/@content',
    ):
        candidates.extend(tree.xpath(xpath)[:1])
    for script in tree.xpath('//script[@type="application/ld+json"]/text()')[:5]:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        if isinstance(data, dict) and isinstance(data.get("inLanguage"), str):
            candidates.append(data["inLanguage"])
    for value in candidates:
        value = (value or "").strip()
        if _LANGUAGE.match(value):
            return value.replace("_", "-").split("-")[0].lower()
    return ""


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _authors(value: str | None) -> str:
    names = [_clean(name) for name in (value or "").split(";")]
    return ", ".join(name for name in names if name)[:300]


def _http_url(value: str | None) -> str:
    value = (value or "").strip()
    return value if value.startswith(("http://", "https://")) and len(value) <= 2000 else ""


def extract_html(html: str, *, url: str | None = None) -> ExtractedArticle:
    """The article in `html` (plain-text paragraphs) and its metadata."""
    import trafilatura  # deferred: lxml and its language data load on the first import only

    html = unicodedata.normalize("NFC", html.replace("\r\n", "\n").replace("\r", "\n"))
    fallback = html_to_text(html)
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ExtractedArticle(title=fallback.title[:TITLE_MAX], body=fallback.body)
    document = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    language = _page_language(tree)
    if document is None or isinstance(document, dict) or document.body is None:
        return ExtractedArticle(
            title=fallback.title[:TITLE_MAX], body=fallback.body, language=language
        )
    title = _clean(document.title or "") or fallback.title
    paragraphs = _without_boilerplate(_paragraphs(document.body), title)
    body = "\n\n".join(paragraphs) if paragraphs else fallback.body
    return ExtractedArticle(
        title=title[:TITLE_MAX],
        body=body,
        author=_authors(document.author),
        published_on=_parse_date(document.date),
        publisher=_clean(document.sitename or "")[:200],
        url=_http_url(document.url),
        language=language,
        metadata={"hostname": document.hostname or "", "description": document.description or ""},
    )
