"""Finding a quote in a text when the diff does not settle it: moved (exact elsewhere), fuzzy
(a similar span nearby or where its rarest word pairs now stand), or orphaned.

Positions here are canonical (text/normalise.Canonical); results come back in raw offsets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Final

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from factcheck.articles.text.anchors import (
    CONTEXT_CHARS,
    Anchor,
    AnchorResult,
    AnchorState,
    quote_context,
)
from factcheck.articles.text.normalise import Canonical
from factcheck.articles.text.offsets import Span

FUZZY_THRESHOLD: Final = 0.75
"""Minimum similarity (0..1) for a ``fuzzy`` re-anchoring.

Similarity is rapidfuzz's normalised Indel similarity (``fuzz.ratio / 100``): twice the longest
common subsequence over the sum of both lengths. On sentence-long claims, changing one word
scores 0.86-0.99 and changing two words 0.75-0.97, while unrelated sentences of similar length
still share letters and score 0.23-0.47 (measured on 2,000 generated pairs). 0.75 thus accepts
"about a quarter of the claim edited", still recognisably the same claim for a reviewer (who
sees the new quote), and orphans anything further gone, well above chance matches.
"""

SEARCH_PADDING: Final = CONTEXT_CHARS
_ALIGN_CUTOFF: Final = 50.0  # rapidfuzz partial_ratio (0..100) below which nothing is refined
_MAX_SEEDS: Final = 3  # rarest word pairs of a quote used to find where it may have moved
_MAX_SEED_HITS: Final = 4  # occurrences of each such pair tried
_MAX_REFINED: Final = 3  # best seeded alignments refined
_SEED_WORD = re.compile(r"\w+")

Candidate = tuple[int, int, bool]
"""A span where a quote may now be, and whether its boundaries are settled (come from the diff)."""


@dataclass(frozen=True, slots=True)
class Query:
    """A quote to look for, in canonical coordinates of the searched text."""

    quote: str
    prefix: str
    suffix: str
    hint: int
    raw: str = ""  # the quote as it was written (spacing, composition): it wins context ties


def _alignment(text: str, quote: str, low: int, high: int) -> tuple[float, Span] | None:
    """rapidfuzz's best alignment of ``quote`` inside ``text[low:high]``: (score, span)."""
    low, high = max(0, low), min(len(text), high)
    if high - low <= len(quote):
        return (0.0, (low, high)) if low < high else None
    found = fuzz.partial_ratio_alignment(quote, text[low:high], score_cutoff=_ALIGN_CUTOFF)
    if found is None:
        return None
    return found.score, (low + found.dest_start, low + found.dest_end)


def unsettled(span: Span | None) -> Candidate | None:
    return None if span is None else (span[0], span[1], False)


def near(text: str, quote: str, start: int, end: int) -> Span | None:
    """Best alignment of ``quote`` around ``[start, end)``, a quote's length either side."""
    size = len(quote) + SEARCH_PADDING
    high = min(max(end, start + len(quote)), start + 2 * len(quote)) + size
    found = _alignment(text, quote, min(start, end) - size, high)
    return None if found is None else found[1]


def anywhere(text: str, quote: str) -> list[Span]:
    """Best alignment of ``quote`` in the whole text (one rapidfuzz scan, milliseconds)."""
    found = _alignment(text, quote, 0, len(text))
    return [] if found is None else [found[1]]


def _word_pairs(text: str, low: int = 0, high: int | None = None) -> Iterator[tuple[int, str]]:
    """``(position, "word1 word2")`` for each pair of consecutive words in ``text[low:high]``."""
    words = _SEED_WORD.finditer(text, low, len(text) if high is None else high)
    previous = next(words, None)
    for word in words:
        if previous is not None:
            yield previous.start(), f"{previous.group()} {word.group()}"
        previous = word


class SeedIndex:
    """Where each pair of consecutive words occurs in some ranges of a text.

    Scanning a whole article with rapidfuzz costs milliseconds per claim; aligning the quote only
    around the occurrences of its rarest word pairs costs microseconds, which matters when a large
    rewrite sends thousands of claims to the search. Pairs rather than words: even a small or
    repetitive vocabulary makes pairs rare.
    """

    def __init__(self, text: str, ranges: Iterable[Span]) -> None:
        self.text = text
        self.positions: dict[str, list[int]] = {}
        for low, high in _merge_ranges(ranges, len(text)):
            for position, pair in _word_pairs(text, low, high):
                self.positions.setdefault(pair, []).append(position)

    def _starts(self, quote: str) -> list[int]:
        """Where ``quote`` would start if its rarest word pairs stand where they occur."""
        seeds = sorted(
            (len(self.positions[pair]), offset, pair)
            for offset, pair in _word_pairs(quote)
            if pair in self.positions
        )
        starts: list[int] = []
        for _, offset, pair in seeds[:_MAX_SEEDS]:
            starts.extend(pos - offset for pos in self.positions[pair][:_MAX_SEED_HITS])
        return list(dict.fromkeys(starts))

    def candidates(self, quote: str) -> list[Span]:
        """The best few alignments of ``quote`` around its seeds, best first."""
        slack = len(quote) // 4 + SEARCH_PADDING
        found = []
        for start in self._starts(quote):
            alignment = _alignment(self.text, quote, start - slack, start + len(quote) + slack)
            if alignment is not None:
                found.append(alignment)
        found.sort(key=lambda item: -item[0])
        return [span for _, span in found[:_MAX_REFINED]]


def _merge_ranges(ranges: Iterable[Span], limit: int) -> list[Span]:
    merged: list[Span] = []
    for start, end in sorted((max(0, s), min(limit, e)) for s, e in ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif start < end:
            merged.append((start, end))
    return merged


def _occurrences(text: str, quote: str) -> Iterator[int]:
    pos = text.find(quote)
    while pos >= 0:
        yield pos
        pos = text.find(quote, pos + 1)


def _common_prefix_length(a: str, b: str) -> int:
    length = 0
    for char_a, char_b in zip(a, b, strict=False):
        if char_a != char_b:
            break
        length += 1
    return length


def _context_score(text: str, start: int, end: int, query: Query) -> int:
    """How many code points of the query's prefix and suffix surround ``text[start:end]``."""
    before = text[max(0, start - len(query.prefix)) : start]
    after = text[end : end + len(query.suffix)]
    return _common_prefix_length(query.prefix[::-1], before[::-1]) + _common_prefix_length(
        query.suffix, after
    )


Acceptor = Callable[[int, int], bool]


def accept_all(start: int, end: int) -> bool:
    return True


def find_exact(target: Canonical, query: Query, accept: Acceptor) -> int | None:
    """Start of the best acceptable exact occurrence: most context kept, then the quote as it
    was written (not only the same words differently spaced), then nearest the hint."""
    best: int | None = None
    best_key = (-1, False, 0)
    size = len(query.quote)
    for start in _occurrences(target.text, query.quote):
        if not accept(start, start + size):
            continue
        written = (
            bool(query.raw)
            and query.raw
            == target.raw[target.to_raw(start, end=False) : target.to_raw(start + size, end=True)]
        )
        context = _context_score(target.text, start, start + size, query)
        key = (context, written, -abs(start - query.hint))
        if key > best_key:
            best, best_key = start, key
    return best


def _similarity(a: str, b: str) -> float:
    """rapidfuzz's normalised Indel similarity, ``fuzz.ratio / 100``."""
    return fuzz.ratio(a, b) / 100.0


def _closeness(a: str, b: str) -> float:
    """Levenshtein similarity, used to place boundaries.

    A substituted character costs one, like a dropped one, so a replaced word at the edge of a
    quote is kept in the span rather than cut off (Indel would rather drop it).
    """
    return Levenshtein.normalized_similarity(a, b)


def _joins_word(before: str, after: str) -> bool:
    """Whether a boundary between these two characters would cut a word."""
    return before.isalnum() and after.isalnum()


def _kind(char: str) -> int:
    """0 for a letter or digit, 1 for whitespace, 2 for anything else (or no character)."""
    return 0 if char.isalnum() else 1 if char.isspace() else 2


def _fits(text: str, pos: int, *, edge: str, at_end: bool, snap: bool) -> bool:
    """Whether a boundary at ``pos`` is shaped like the quote's: the same kind of character as
    ``edge`` just inside it and, if ``snap``, no word cut in two."""
    before, after = text[pos - 1 : pos] if pos else "", text[pos : pos + 1]
    inside = before if at_end else after
    return _kind(inside) == _kind(edge) and not (snap and _joins_word(before, after))


def _window(center: int, reach: int, low: int, high: int) -> tuple[range, range]:
    """Positions within ``reach`` of ``center``, and within four times that, inside [low, high]."""
    near = range(max(low, center - reach), min(high, center + reach) + 1)
    return near, range(max(low, center - 4 * reach), min(high, center + 4 * reach) + 1)


def _cuts(near: range, far: range, fits: Callable[[int], bool]) -> list[int]:
    """Fitting positions of ``near``; else the nearest fitting one of ``far`` on each side."""
    fitting = [pos for pos in near if fits(pos)]
    if fitting:
        return fitting
    below = next((pos for pos in range(near.start - 1, far.start - 1, -1) if fits(pos)), None)
    above = next((pos for pos in range(near.stop, far.stop) if fits(pos)), None)
    return [pos for pos in (below, above) if pos is not None] or list(near)


def _refine(text: str, query: Query, start: int, end: int) -> tuple[int, int, float]:
    """Move the boundaries of ``text[start:end]`` to make it as close as possible to the quote.

    Boundaries keep the quote's shape (a quote starting with a letter does not become one
    starting with a space) and stay between words when the quote's own boundaries were.
    """
    quote = query.quote
    reach = min(len(quote) // 4 + 2, 256)
    fits_start = partial(
        _fits, text, edge=quote[0], at_end=False, snap=not _joins_word(query.prefix[-1:], quote[0])
    )
    fits_end = partial(
        _fits, text, edge=quote[-1], at_end=True, snap=not _joins_word(quote[-1], query.suffix[:1])
    )
    for _ in range(2):
        ends = _cuts(*_window(end, reach, start + 1, len(text)), fits_end)
        end = max(ends, key=lambda e: (_closeness(quote, text[start:e]), -abs(e - end)))
        starts = _cuts(*_window(start, reach, 0, end - 1), fits_start)
        start = max(starts, key=lambda s: (_closeness(quote, text[s:end]), -abs(s - start)))
    return start, end, _similarity(quote, text[start:end])


def _find_fuzzy(
    text: str, query: Query, accept: Acceptor, candidates: Iterable[Candidate | None]
) -> tuple[float, int, int]:
    """First good enough acceptable candidate, else the best, as ``(sim, start, end)``.

    Candidates come nearest first, so a match where the claim was beats a copy elsewhere. Their
    boundaries are refined unless they are ``settled`` (the span the diff maps the claim to)
    and already similar enough: the diff knows better than similarity what replaced what.
    """
    best = (0.0, -1, -1)
    longest = 3 * len(query.quote) + SEARCH_PADDING  # longer spans cannot reach the threshold
    for candidate in candidates:
        if candidate is None or not 0 < candidate[1] - candidate[0] <= longest:
            continue
        start, end, settled = candidate
        similarity = _similarity(query.quote, text[start:end])
        if not (settled and similarity >= FUZZY_THRESHOLD):
            start, end, similarity = _refine(text, query, start, end)
        if similarity > best[0] and accept(start, end):
            best = (similarity, start, end)
            if similarity >= FUZZY_THRESHOLD:
                break
    return best


def anchor_result(
    target: Canonical, state: AnchorState, start: int, end: int, sim: float
) -> AnchorResult:
    """An :class:`AnchorResult` for canonical ``[start, end)`` of ``target``, in raw offsets."""
    raw_start, raw_end = target.to_raw(start, end=False), target.to_raw(end, end=True)
    prefix, suffix = quote_context(target.raw, raw_start, raw_end)
    return AnchorResult(
        state, raw_start, raw_end, target.raw[raw_start:raw_end], prefix, suffix, sim
    )


def search(
    target: Canonical,
    query: Query,
    accept: Acceptor,
    candidates: Callable[[], Iterable[Candidate | None]],
) -> AnchorResult:
    """Moved, else fuzzy, else orphaned: the fallback when the diff does not settle a claim."""
    start = find_exact(target, query, accept)
    if start is not None:
        return anchor_result(target, AnchorState.MOVED, start, start + len(query.quote), 1.0)
    similarity, start, end = _find_fuzzy(target.text, query, accept, candidates())
    if similarity >= FUZZY_THRESHOLD:
        return anchor_result(target, AnchorState.FUZZY, start, end, similarity)
    return AnchorResult.orphaned(similarity)


def find_in(
    target: Canonical, anchor: Anchor, hint: int | None, anywhere: Callable[[str], list[Span]]
) -> AnchorResult:
    """Search ``anchor`` in ``target`` with no diff: ``hint`` is canonical, or ``None``."""
    quote = Canonical(anchor.quote).text
    if not quote:
        return AnchorResult.orphaned()
    prefix, suffix = Canonical(anchor.prefix).text, Canonical(anchor.suffix).text
    query = Query(quote, prefix, suffix, 0 if hint is None else hint, anchor.quote)

    def candidates() -> Iterator[Candidate | None]:
        if hint is not None:
            yield unsettled(near(target.text, quote, hint, hint))
        yield from map(unsettled, anywhere(quote))

    return search(target, query, accept_all, candidates)
