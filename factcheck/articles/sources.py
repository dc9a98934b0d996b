"""Where an imported article comes from: a file, a web address, or HTML sent by a client.

Each returns an ExtractedArticle (text + metadata) that the caller shows for editing or
passes to `articles.services.article_create`; nothing here writes. HTML always goes through
main-content extraction (articles.extraction), so navigation, ads and footers stay out.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError

from factcheck.articles.extraction import ExtractedArticle, extract_html
from factcheck.articles.fetching import fetch_page
from factcheck.articles.importers import (
    FILE_EMPTY,
    TITLE_MAX,
    plain_text_article,
    read_article_file,
)

PAGE_EMPTY = "No article text was found at this address."
HTML_EMPTY = "The HTML contains no article text."


def article_from_html(html: str, *, url: str = "", field: str = "html") -> ExtractedArticle:
    found = extract_html(html, url=url or None)
    if not found.body.strip():
        raise ValidationError({field: HTML_EMPTY if field == "html" else FILE_EMPTY})
    return found


def article_from_file(uploaded_file: Any) -> ExtractedArticle:
    """The article in an uploaded .txt, .md or .html file (refusals name the field "file")."""
    kind, text = read_article_file(uploaded_file)
    if kind == "html":
        found = article_from_html(text, field="file")
    else:
        plain = plain_text_article(text, kind)
        found = ExtractedArticle(title=plain.title, body=plain.body)
    if not found.body.strip():
        raise ValidationError({"file": FILE_EMPTY})
    title = found.title or PurePath(getattr(uploaded_file, "name", "") or "").stem
    return replace(found, title=title.strip()[:TITLE_MAX])


def article_from_url(url: str) -> tuple[ExtractedArticle, list[str]]:
    """Fetch `url` (see articles.fetching) and extract its article.

    Returns the article, whose `url` is the page's canonical URL (or where the redirects
    ended), and every URL that names this page (asked for, redirected to, canonical): the
    duplicate check looks at all of them."""
    page = fetch_page(url)
    if page.content_type == "text/plain":
        plain = plain_text_article(page.text, "text")
        found = ExtractedArticle(title=plain.title[:TITLE_MAX], body=plain.body)
    else:
        found = extract_html(page.text, url=page.final_url)
    if not found.body.strip():
        raise ValidationError({"url": PAGE_EMPTY})
    canonical = found.url or page.final_url
    aliases = list(dict.fromkeys([canonical, page.final_url, page.url.strip()]))
    return replace(found, url=canonical), aliases
