"""The context shown around a quote in reports: whole words only, an ellipsis where text was
left out.

A claim stores up to CONTEXT_CHARS code points on each side of its quote (for re-anchoring), cut
wherever the count ends, often inside a word. A reader sees the words around the quote instead:
the partial word at the outer edge is dropped, a paragraph break ends the context (the other
paragraph is not shown), and "…" marks only a real cut, never the start or end of the article.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.articles.anchoring import CONTEXT_CHARS

ELLIPSIS = "…"


@dataclass(frozen=True)
class Snippet:
    before: str  # the words before the quote, with "…" in front when the text went on
    after: str  # the words after the quote, with "…" behind when the text went on


def _lead(prefix: str, size: int) -> str:
    if "\n" in prefix:  # the quote's paragraph starts inside the context
        return prefix.rsplit("\n", 1)[1].lstrip()
    if len(prefix) < size:  # shorter than stored: it reaches the start of the article
        return prefix.lstrip()
    space = next((i for i, ch in enumerate(prefix) if ch.isspace()), None)
    words = "" if space is None else prefix[space:].lstrip()
    return ELLIPSIS + words


def _tail(suffix: str, size: int) -> str:
    if "\n" in suffix:
        return suffix.split("\n", 1)[0].rstrip()
    if len(suffix) < size:
        return suffix.rstrip()
    space = next((i for i in range(len(suffix) - 1, -1, -1) if suffix[i].isspace()), None)
    words = "" if space is None else suffix[:space].rstrip()
    return words + ELLIPSIS


def context_snippet(prefix: str, suffix: str, size: int = CONTEXT_CHARS) -> Snippet:
    """The context around a quote cut at word boundaries: `prefix`/`suffix` as stored."""
    return Snippet(before=_lead(prefix, size), after=_tail(suffix, size))
