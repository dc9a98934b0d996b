"""A revision diff as HTML: removed words in <del>, added words in <ins>, long unchanged stretches
folded into a <details> element so the changes stand out. Every piece of text is escaped.

The diff itself is articles.text.diff.word_diff (pure, no HTML).
"""

from __future__ import annotations

import re
from typing import Final

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from factcheck.articles.text.diff import EQUAL, INSERT, Diff

FOLD_OVER: Final = 1200  # an unchanged stretch longer than this (code points) is folded
KEEP: Final = 300  # code points of context kept visible on each side of a fold


def _cut(text: str, at: int, forward: bool) -> int:
    """A position near `at` on a whitespace boundary (so a fold never splits a word)."""
    if forward:
        found = text.find(" ", at)
        return at if found == -1 or found - at > 80 else found + 1
    found = text.rfind(" ", 0, at)
    return at if found == -1 or at - found > 80 else found + 1


def _equal_html(text: str, first: bool, last: bool) -> str:
    """Unchanged text; a long stretch keeps context next to the changes and folds the rest."""
    if len(text) <= FOLD_OVER:
        return escape(text)
    head = 0 if first else _cut(text, KEEP, forward=True)
    tail = len(text) if last else _cut(text, len(text) - KEEP, forward=False)
    if tail - head < KEEP:
        return escape(text)
    hidden = text[head:tail]
    words = len(re.findall(r"\w+", hidden))
    return (
        f'{escape(text[:head])}<details class="diff-fold"><summary>{words:,} unchanged '
        f"word{'s' if words != 1 else ''}</summary>{escape(hidden)}</details>"
        f"{escape(text[tail:])}"
    )


def diff_html(diffs: Diff) -> SafeString:
    """Inline HTML: <del> for removed text, <ins> for added text, folds for long equal runs."""
    parts = []
    for index, (op, text) in enumerate(diffs):
        if op == EQUAL:
            parts.append(_equal_html(text, first=index == 0, last=index == len(diffs) - 1))
        else:
            tag = "ins" if op == INSERT else "del"
            parts.append(f"<{tag}>{escape(text)}</{tag}>")
    return mark_safe("".join(parts))  # noqa: S308 - every text piece is escaped above
