"""Anchoring claims to article text: the façade over `articles.text`.

A claim is anchored to an article body by ``start``/``end`` offsets in Unicode code points
(Python ``str`` indexing), the exact ``quote`` and up to :data:`CONTEXT_CHARS` code points of
``prefix``/``suffix`` context. Everything here is pure Python, tested and benchmarked alone.

Re-anchoring (:func:`reanchor`), cheapest first:

1. **Canonical views** (text/normalise.py): whitespace runs become one space and combining
   sequences are NFC-composed, with a map back to raw offsets, so whitespace-only and
   normalisation-only edits vanish and such claims come out ``exact``.
2. **One diff per revision** (text/diff.py ``diff_texts``: sentences, then words, then
   characters) and an :class:`OffsetMap` of its equal segments (text/offsets.py). Each claim is
   mapped with two bisects; if the mapped span holds the same canonical text it is ``exact``.
   A 5,000-claim article costs one diff, not 5,000 searches, and the right copy of a repeated
   sentence is kept.
3. **Search** (text/search.py), only for claims whose mapped span changed: ``moved`` (exact
   occurrences, ranked by kept context then closeness), ``fuzzy`` (the mapped span, the best
   alignment around it, then alignments where the quote's rarest word pairs stand in inserted
   text, each refined; the first reaching :data:`FUZZY_THRESHOLD` wins), else ``orphaned``.
   Candidates mostly made of *other, unchanged* old text are rejected (that text is another
   copy with its own claims): deleting one of two identical sentences orphans its claim instead
   of stealing the other sentence.
"""

from __future__ import annotations

__all__ = [
    "CONTEXT_CHARS",
    "DIFF_TIMEOUT",
    "FUZZY_THRESHOLD",
    "MAX_FOREIGN_FRACTION",
    "Anchor",
    "AnchorResult",
    "AnchorState",
    "OffsetMap",
    "diff_texts",
    "find_quote",
    "normalize_text",
    "quote_context",
    "quote_matches",
    "reanchor",
]

from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import partial
from typing import Final

from factcheck.articles.text.anchors import (
    CONTEXT_CHARS,
    Anchor,
    AnchorResult,
    AnchorState,
    quote_context,
    quote_matches,
)
from factcheck.articles.text.diff import REANCHOR_DIFF_TIMEOUT as DIFF_TIMEOUT
from factcheck.articles.text.diff import diff_texts
from factcheck.articles.text.normalise import Canonical, normalize_text
from factcheck.articles.text.offsets import OffsetMap
from factcheck.articles.text.search import (
    FUZZY_THRESHOLD,
    SEARCH_PADDING,
    Candidate,
    Query,
    SeedIndex,
    anchor_result,
    anywhere,
    find_exact,
    find_in,
    near,
    search,
    unsettled,
)

MAX_FOREIGN_FRACTION: Final = 0.5
"""A search hit may be at most this fraction made of unchanged text from elsewhere.

Such text is the image of another part of the old body, typically the other copy of a repeated
sentence, which still has its own claims; it is not where this claim went.
"""


def reanchor(old_body: str, new_body: str, anchors: Sequence[Anchor]) -> list[AnchorResult]:
    """Re-anchor every claim of ``old_body`` in ``new_body``; results are in ``anchors`` order."""
    revision = _Revision(old_body, new_body)
    return [revision.reanchor(anchor) for anchor in anchors]


def find_quote(body: str, anchor: Anchor, hint: int | None = None) -> AnchorResult:
    """Find ``anchor`` in ``body`` without a diff.

    Exact occurrences first (ranked by kept prefix/suffix, then closeness to ``hint``); the
    result is ``exact`` when it is the anchor's own span, ``moved`` otherwise. Then the best
    fuzzy match (near ``hint`` first, then anywhere), else ``orphaned``.
    """
    target = Canonical(body)
    hint_c = None if hint is None else target.from_raw(min(max(hint, 0), len(body)), end=False)
    result = find_in(target, anchor, hint_c, partial(anywhere, target.text))
    if result.state is AnchorState.MOVED and (result.start, result.end) == (
        anchor.start,
        anchor.end,
    ):
        return replace(result, state=AnchorState.EXACT)
    return result


class _Revision:
    """Everything computed once per revision: canonical views and the offset map."""

    def __init__(self, old_body: str, new_body: str) -> None:
        self.old = Canonical(old_body)
        self.new = self.old if new_body == old_body else Canonical(new_body)
        self.offsets = OffsetMap.from_texts(self.old.text, self.new.text)
        self._seeds: dict[bool, SeedIndex] = {}

    def seeds(self, *, inserted_only: bool) -> SeedIndex:
        """Word index of the new text (or of what the revision inserted), built on first use."""
        if inserted_only not in self._seeds:
            pad = SEARCH_PADDING
            ranges = self.offsets.inserted() if inserted_only else [(0, len(self.new.text))]
            padded = [(low - pad, high + pad) for low, high in ranges]
            self._seeds[inserted_only] = SeedIndex(self.new.text, padded)
        return self._seeds[inserted_only]

    def reanchor(self, anchor: Anchor) -> AnchorResult:
        if not quote_matches(self.old.raw, anchor.start, anchor.end, anchor.quote):
            return self._stale(anchor)
        old_start = self.old.from_raw(anchor.start, end=False)
        old_end = self.old.from_raw(anchor.end, end=True)
        start = self.offsets.map_start(old_start)
        end = self.offsets.map_end(old_end)
        if self.new.text[start:end] == self.old.text[old_start:old_end]:
            mapped = anchor_result(self.new, AnchorState.EXACT, start, end, 1.0)
            if mapped.quote == anchor.quote:
                return mapped
            # The same words written differently (spacing, composition): in repeated text the
            # diff may have aligned the claim with a new copy while its own words stand,
            # untouched, elsewhere. Those, as written, win a tie of context.
            return self._as_written(old_start, old_end, start) or mapped
        result = self._search(old_start, old_end, start, end)
        if result.state is AnchorState.MOVED and (
            result.start == self.new.to_raw(start, end=False)
            or result.end == self.new.to_raw(end, end=True)
        ):  # one boundary maps through the diff: an ambiguous diff, not a move
            return replace(result, state=AnchorState.EXACT)
        return result

    def _query(self, old_start: int, old_end: int, hint: int) -> Query:
        quote = self.old.text[old_start:old_end]
        prefix, suffix = quote_context(self.old.text, old_start, old_end)
        written = self.old.raw[
            self.old.to_raw(old_start, end=False) : self.old.to_raw(old_end, end=True)
        ]
        return Query(quote, prefix, suffix, hint, written)

    def _as_written(self, old_start: int, old_end: int, start: int) -> AnchorResult | None:
        """The claim's words exactly as written, where the best exact occurrence has them."""
        query = self._query(old_start, old_end, start)
        best = find_exact(self.new, query, partial(self._is_own, old_start, old_end))
        if best is None:
            return None
        found = anchor_result(self.new, AnchorState.EXACT, best, best + len(query.quote), 1.0)
        return found if found.quote == query.raw else None

    def _search(self, old_start: int, old_end: int, start: int, end: int) -> AnchorResult:
        """Fallback for a claim whose mapped span ``[start, end)`` no longer holds its text."""
        query = self._query(old_start, old_end, start)
        quote = query.quote
        accept = partial(self._is_own, old_start, old_end)

        def candidates() -> Iterator[Candidate | None]:
            yield start, end, True
            yield unsettled(near(self.new.text, quote, start, end))
            yield from map(unsettled, self.seeds(inserted_only=True).candidates(quote))

        return search(self.new, query, accept, candidates)

    def _is_own(self, old_start: int, old_end: int, start: int, end: int) -> bool:
        """Whether new ``[start, end)`` is not mostly unchanged text from outside the claim."""
        foreign = self.offsets.foreign(start, end, old_start, old_end)
        return foreign <= MAX_FOREIGN_FRACTION * (end - start)

    def _stale(self, anchor: Anchor) -> AnchorResult:
        """An anchor that does not match the old body: search its quote near its old place."""
        start = min(max(anchor.start, 0), len(self.old.raw))
        hint = self.offsets.map_start(self.old.from_raw(start, end=False))
        return find_in(self.new, anchor, hint, self.seeds(inserted_only=False).candidates)
