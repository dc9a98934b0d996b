"""Article file import: .txt, .md and .html files become plain text (never stored as markup).

`read_article_file(uploaded_file)` is shared by the browser upload form and the API (through
articles.sources, which extracts the article from HTML). It refuses, with a ValidationError
keyed by "file": unknown extensions, files over
settings.ARTICLE_UPLOAD_MAX_BYTES, compressed or binary content (zip-bomb-like uploads are
refused before anything is decoded), text that is not UTF-8, and files with no text.
`html_to_text` reduces a whole HTML document to its visible text with the stdlib parser
(script/style and similar dropped, block elements as paragraphs separated by a blank line,
<br> as a line break): the fallback of main-content extraction (articles.extraction).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

WRONG_TYPE = "Upload a .txt, .md or .html file (this one is {ext!r})."
FILE_TOO_LARGE = "The file is {size}; the largest accepted is {limit}."
NOT_UTF8 = "The file is not valid UTF-8 text: save it as UTF-8 and upload it again."
BINARY_CONTENT = "The file is compressed or binary, not text: upload a .txt, .md or .html file."
FILE_EMPTY = "The file contains no article text."

TITLE_MAX = 300
TEXT_EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_EXTENSIONS = {".html": "html", ".htm": "html"}
EXTENSIONS = TEXT_EXTENSIONS | HTML_EXTENSIONS

# Magic numbers of archives and compressed streams: refused outright, never inflated.
COMPRESSED_MAGIC = (
    b"PK\x03\x04",
    b"PK\x05\x06",
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x28\xb5\x2f\xfd",
    b"%PDF",
)

SKIP_TAGS = {"script", "style", "template", "noscript", "svg", "math", "iframe", "object"}
BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "figure",
    "figcaption",
    "hr",
    "address",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "body",
    "caption",
}
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class ImportedText:
    title: str
    body: str


class _TextExtractor(HTMLParser):
    """Collects an HTML document's visible text as paragraphs, and its <title> or first <h1>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.lines: list[str] = [""]
        self.skip_depth = 0
        self.pre_depth = 0
        self.title_parts: list[str] | None = None
        self.title = ""
        self.h1 = ""
        self.h1_parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth += 1
        elif tag == "title":
            self.title_parts = []
        elif tag == "br":
            self.lines.append("")
        elif tag in BLOCK_TAGS:
            self.flush()
            self.pre_depth += tag == "pre"
            if tag == "h1" and not self.h1:
                self.h1_parts = []

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif tag == "title" and self.title_parts is not None:
            self.title = self.title or _SPACES.sub(" ", "".join(self.title_parts)).strip()
            self.title_parts = None
        elif tag in BLOCK_TAGS:
            if tag == "h1" and self.h1_parts is not None:
                self.h1 = _SPACES.sub(" ", "".join(self.h1_parts)).strip()
                self.h1_parts = None
            self.flush()
            self.pre_depth = max(0, self.pre_depth - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if self.skip_depth:
            return
        if self.title_parts is not None:
            self.title_parts.append(data)
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        if self.pre_depth:
            first, *rest = data.split("\n")
            self.lines[-1] += first
            self.lines.extend(rest)
        else:
            self.lines[-1] += data

    def flush(self) -> None:
        if self.pre_depth:
            lines = [line.rstrip() for line in self.lines]
        else:
            lines = [_SPACES.sub(" ", line).strip() for line in self.lines]
        text = "\n".join(lines).strip("\n")
        if text.strip():
            self.paragraphs.append(text)
        self.lines = [""]

    def text(self) -> str:
        self.close()
        self.flush()
        return "\n\n".join(self.paragraphs)


def html_to_text(html: str) -> ImportedText:
    parser = _TextExtractor()
    parser.feed(html)
    body = parser.text()
    return ImportedText(title=parser.title or parser.h1, body=body)


def _plain_title(text: str, kind: str) -> str:
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if kind == "markdown":
            line = line.lstrip("#").strip()
        return line
    return ""


def _read_limited(uploaded_file: Any, limit: int) -> bytes:
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > limit:
        raise ValidationError({"file": _too_large(size, limit)})
    if hasattr(uploaded_file, "seek"):
        uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if len(data) > limit:  # a declared size can lie (or be absent): trust only what was read
        raise ValidationError({"file": _too_large(len(data), limit)})
    return data


def _too_large(size: int, limit: int) -> str:
    return FILE_TOO_LARGE.format(size=filesizeformat(size), limit=filesizeformat(limit))


def _decode(data: bytes) -> str:
    if data.startswith(COMPRESSED_MAGIC) or b"\x00" in data:
        raise ValidationError({"file": BINARY_CONTENT})
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError({"file": NOT_UTF8}) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def read_article_file(uploaded_file: Any) -> tuple[str, str]:
    """(kind, text) of an uploaded .txt, .md or .html file; refusals name the field "file"."""
    name = getattr(uploaded_file, "name", "") or ""
    ext = PurePath(name).suffix.lower()
    kind = EXTENSIONS.get(ext)
    if kind is None:
        raise ValidationError({"file": WRONG_TYPE.format(ext=ext or name or "no extension")})
    return kind, _decode(_read_limited(uploaded_file, settings.ARTICLE_UPLOAD_MAX_BYTES))


def plain_text_article(text: str, kind: str) -> ImportedText:
    """A .txt or .md text: the text itself, and its first line as the title."""
    body = text.strip()
    return ImportedText(title=_plain_title(body, kind), body=body)
