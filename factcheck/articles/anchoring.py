"""Text anchoring for claims: quote selectors and re-anchoring across article revisions.

A claim is anchored to an article body by ``start``/``end`` offsets in Unicode code points
(Python ``str`` indexing), the exact ``quote`` and up to :data:`CONTEXT_CHARS` code points of
``prefix``/``suffix`` context (a W3C TextQuoteSelector plus a TextPositionSelector). This module
is pure Python (no Django) so it can be tested and benchmarked on its own.

Re-anchoring strategy (:func:`reanchor`), cheapest first:

1. **Canonical views.** Both bodies are viewed through :class:`_Canonical`: every whitespace run
   becomes one space and every combining sequence is NFC-composed, with a piecewise map back to
   raw offsets. Whitespace-only and normalisation-only edits therefore vanish from the diff, and
   claims that only differ in such ways come out ``exact`` with the equivalent raw span.
2. **One diff per revision** (:func:`diff_texts`), in diff-match-patch's "line mode" spirit
   but with prose units: the common prefix and suffix are stripped at C speed, the middle is
   diffed sentence by sentence (difflib, fast however many sentences changed), replaced
   sentence blocks word by word (diff-match-patch on one character per word) and replaced word
   blocks character by character (diff-match-patch, bounded by :data:`DIFF_TIMEOUT`). An
   :class:`OffsetMap` keeps the equal segments; each claim is mapped through it with two
   bisects, and if the mapped span holds the same canonical text the claim is ``exact``. So a
   5,000-claim article costs one diff rather than 5,000 searches, and the right copy of a
   sentence that occurs twice is kept.
3. **Search fallback** (only for claims whose mapped span changed):

   * ``moved``: exact occurrences of the quote in the new text; several are ranked by how much
     of the old prefix/suffix they keep, then by closeness to where the diff put the claim.
   * ``fuzzy``: candidate spans, nearest first: the span the diff maps the claim to, the best
     rapidfuzz alignment around it, then alignments around the occurrences of the quote's rarest
     word pairs in the text the revision inserted (moved *and* edited). Each has its boundaries
     refined to maximise similarity; the first reaching :data:`FUZZY_THRESHOLD` wins.
   * ``orphaned`` otherwise; the result carries no new anchor (the caller keeps the old one).

   Candidates that are mostly the image of *other, unchanged* old text are rejected: that text
   is another copy which was already there (and which its own claims keep). Thus deleting one of
   two identical sentences orphans its claim instead of stealing the other sentence.

diff-match-patch's Python package works on ``str``, so its indices are code points: emoji outside
the BMP (``"👍🏽"``, ``"🇺🇦"``) count as Python counts them, matching the stored offsets.
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

import re
import sys
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from enum import StrEnum
from functools import partial
from typing import Final

from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

CONTEXT_CHARS: Final = 32
"""Code points of prefix/suffix context kept around a quote (W3C TextQuoteSelector)."""

FUZZY_THRESHOLD: Final = 0.75
"""Minimum similarity (0..1) for a ``fuzzy`` re-anchoring.

Similarity is rapidfuzz's normalised Indel similarity (``fuzz.ratio / 100``): twice the longest
common subsequence over the sum of both lengths. On sentence-long claims, changing one word
scores 0.86-0.99 and changing two words 0.75-0.97, while unrelated sentences of similar length
still share letters and score 0.23-0.47 (measured on 2,000 generated pairs). 0.75 thus accepts
"about a quarter of the claim edited", still recognisably the same claim for a reviewer (who
sees the new quote), and orphans anything further gone, well above chance matches.
"""

DIFF_TIMEOUT: Final = 1.0
"""Seconds diff-match-patch may spend on the word and character levels of one revision.

Ordinary edits take milliseconds; the limit only bounds pathological revisions (a rewrite of
most sentences). When it is hit the diff is still correct but coarser, so more claims fall back
to searching, which is bounded per claim.
"""

MAX_FOREIGN_FRACTION: Final = 0.5
"""A search hit may be at most this fraction made of unchanged text from elsewhere.

Such text is the image of another part of the old body, typically the other copy of a repeated
sentence, which still has its own claims; it is not where this claim went.
"""

_SEARCH_PADDING: Final = CONTEXT_CHARS
_ALIGN_CUTOFF: Final = 50.0  # rapidfuzz partial_ratio (0..100) below which nothing is refined
_MAX_SEEDS: Final = 3  # rarest word pairs of a quote used to find where it may have moved
_MAX_SEED_HITS: Final = 4  # occurrences of each such pair tried
_MAX_REFINED: Final = 3  # best seeded alignments refined
_SEED_WORD = re.compile(r"\w+")
_IRREGULAR_SPACE = re.compile(r"[^\S ]\s*| \s+")
_NON_SPACE = re.compile(r"\S+")
_SENTENCE_END = ".!?;\u3002\uff01\uff1f"  # ASCII and CJK full stops, ! and ?
_SENTENCE_TOKEN = re.compile(f"[^{_SENTENCE_END}]*[{_SENTENCE_END}]+ ?|[^{_SENTENCE_END}]+")
_WORD_TOKEN = re.compile(r"[^ ]+ ?| ")
_MAX_TOKENS: Final = 0x10FFFF  # one code point per token

Span = tuple[int, int]
"""A ``[start, end)`` range of code points."""
Candidate = tuple[int, int, bool]
"""A span where a quote may now be, and whether its boundaries are settled (come from the diff)."""


class AnchorState(StrEnum):
    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHANED = "orphaned"


@dataclass(frozen=True)
class Anchor:
    """Where a claim sits in a body: ``body[start:end] == quote`` plus context."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""

    @classmethod
    def from_body(cls, body: str, start: int, end: int) -> Anchor:
        """Build the anchor of ``body[start:end]`` with its context."""
        prefix, suffix = quote_context(body, start, end)
        return cls(start, end, body[start:end], prefix, suffix)


@dataclass(frozen=True)
class AnchorResult:
    """Outcome of re-anchoring one claim.

    Offsets, quote and context are ``None`` when orphaned. ``similarity`` is 1.0 for exact and
    moved, the match's similarity for fuzzy, and the best (rejected) similarity seen, possibly
    0.0, for orphaned.
    """

    state: AnchorState
    start: int | None
    end: int | None
    quote: str | None
    prefix: str | None
    suffix: str | None
    similarity: float

    @classmethod
    def orphaned(cls, similarity: float = 0.0) -> AnchorResult:
        return cls(AnchorState.ORPHANED, None, None, None, None, None, similarity)

    def to_anchor(self) -> Anchor | None:
        """The new anchor, or ``None`` when orphaned."""
        if self.start is None or self.end is None or self.quote is None:
            return None
        return Anchor(self.start, self.end, self.quote, self.prefix or "", self.suffix or "")


# --------------------------------------------------------------------------- public helpers


def normalize_text(text: str) -> str:
    """NFC-normalise ``text`` and turn ``\\r\\n`` and ``\\r`` into ``\\n``; apply before storing."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def quote_context(body: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """``(prefix, suffix)``: up to ``size`` code points before ``start`` and after ``end``."""
    return body[max(0, start - size) : max(0, start)], body[end : end + size]


def quote_matches(body: str, start: int, end: int, quote: str) -> bool:
    """Whether ``0 <= start < end <= len(body)`` and ``body[start:end] == quote``."""
    return 0 <= start < end <= len(body) and body[start:end] == quote


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
    target = _Canonical(body)
    hint_c = None if hint is None else target.from_raw(min(max(hint, 0), len(body)), end=False)
    result = _find_in(target, anchor, hint_c, partial(_anywhere, target.text))
    if result.state is AnchorState.MOVED and (result.start, result.end) == (
        anchor.start,
        anchor.end,
    ):
        return replace(result, state=AnchorState.EXACT)
    return result


# --------------------------------------------------------------------------- canonical view


def _is_starter(char: str) -> bool:
    """Whether ``char`` starts a new combining sequence (a rough grapheme for NFC purposes)."""
    if unicodedata.combining(char) or "\u1160" <= char <= "\u11ff":  # Hangul V/T jamo compose
        return False
    return unicodedata.category(char)[0] != "M"


def _combining_sequences(word: str) -> Iterator[tuple[int, str]]:
    """Split ``word`` into ``(offset, sequence)`` pieces that NFC never composes across."""
    start = 0
    for index in range(1, len(word) + 1):
        if index == len(word) or _is_starter(word[index]):
            yield start, word[start:index]
            start = index


def _nfc_pieces(raw: str) -> Iterator[tuple[int, int, str]]:
    """``(raw_start, raw_length, replacement)`` for every sequence NFC changes."""
    if unicodedata.is_normalized("NFC", raw):
        return
    for match in _NON_SPACE.finditer(raw):
        if unicodedata.is_normalized("NFC", match.group()):
            continue
        for offset, sequence in _combining_sequences(match.group()):
            composed = unicodedata.normalize("NFC", sequence)
            if composed != sequence:
                yield match.start() + offset, len(sequence), composed


def _space_pieces(raw: str) -> Iterator[tuple[int, int, str]]:
    """``(raw_start, raw_length, " ")`` for every whitespace run other than one plain space."""
    for match in _IRREGULAR_SPACE.finditer(raw):
        yield match.start(), match.end() - match.start(), " "


def _map_pieces(
    pos: int, src: list[int], src_len: list[int], dst: list[int], dst_len: list[int], end: bool
) -> int:
    """Map ``pos`` between raw and canonical coordinates; inside a piece, round outwards."""
    index = bisect_right(src, pos) - 1
    if index < 0:
        return pos
    offset = pos - src[index]
    if offset == 0:
        return dst[index]
    if offset < src_len[index]:
        return dst[index] + (dst_len[index] if end else 0)
    return dst[index] + dst_len[index] + offset - src_len[index]


class _Canonical:
    """Whitespace-collapsed, NFC view of a text with a piecewise map to raw code points.

    Between irregular pieces the two coordinates differ by a constant, so only the pieces are
    stored (a handful per paragraph for ordinary text) and positions are mapped with bisect.
    """

    __slots__ = ("_c_len", "_c_start", "_r_len", "_r_start", "raw", "text")

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self._c_start: list[int] = []
        self._c_len: list[int] = []
        self._r_start: list[int] = []
        self._r_len: list[int] = []
        pieces = sorted([*_space_pieces(raw), *_nfc_pieces(raw)])
        parts: list[str] = []
        raw_pos = canon_pos = 0
        for start, length, replacement in pieces:
            parts.append(raw[raw_pos:start])
            canon_pos += start - raw_pos
            self._c_start.append(canon_pos)
            self._c_len.append(len(replacement))
            self._r_start.append(start)
            self._r_len.append(length)
            parts.append(replacement)
            canon_pos += len(replacement)
            raw_pos = start + length
        parts.append(raw[raw_pos:])
        self.text = "".join(parts)

    def from_raw(self, pos: int, *, end: bool) -> int:
        return _map_pieces(pos, self._r_start, self._r_len, self._c_start, self._c_len, end)

    def to_raw(self, pos: int, *, end: bool) -> int:
        return _map_pieces(pos, self._c_start, self._c_len, self._r_start, self._r_len, end)


# --------------------------------------------------------------------------- diff and offset map


Diff = list[tuple[int, str]]
"""A diff-match-patch diff: ``(op, text)`` pairs, op -1 delete, 0 equal, 1 insert."""


def _sentence_diff(old: str, new: str) -> Diff:
    """Diff two texts sentence by sentence with difflib.

    Sentences are nearly all distinct, so ``SequenceMatcher`` stays fast however many of them
    changed, where diff-match-patch's O(N*D) bisection would run into its timeout.
    """
    old_tokens = _SENTENCE_TOKEN.findall(old)
    new_tokens = _SENTENCE_TOKEN.findall(new)
    diffs: Diff = []
    matcher = SequenceMatcher(None, old_tokens, new_tokens)  # autojunk: repeated boilerplate
    for tag, old_low, old_high, new_low, new_high in matcher.get_opcodes():
        if tag == "equal":
            diffs.append((0, "".join(old_tokens[old_low:old_high])))
            continue
        diffs.append((-1, "".join(old_tokens[old_low:old_high])))
        diffs.append((1, "".join(new_tokens[new_low:new_high])))
    return [item for item in diffs if item[1]]


def _word_diff(differ: diff_match_patch, old: str, new: str, deadline: float) -> Diff:
    """diff-match-patch on one word per character, then character by character per block."""
    old_words, new_words = _WORD_TOKEN.findall(old), _WORD_TOKEN.findall(new)
    words = ["", *dict.fromkeys(old_words + new_words)]  # chr(0) avoided, as dmp does
    if len(words) >= _MAX_TOKENS:
        return list(differ.diff_main(old, new, False, deadline))
    code = {word: chr(index) for index, word in enumerate(words)}
    encoded_old = "".join(code[word] for word in old_words)
    encoded_new = "".join(code[word] for word in new_words)
    diffs = differ.diff_main(encoded_old, encoded_new, False, deadline)
    differ.diff_charsToLines(diffs, words)
    differ.diff_cleanupSemantic(diffs)  # fold chance matches of short words into the blocks
    return _rediff_blocks(diffs, lambda a, b: differ.diff_main(a, b, False, deadline))


def _rediff_blocks(diffs: Diff, rediff: Callable[[str, str], Diff]) -> Diff:
    """Replace every delete+insert block of ``diffs`` by ``rediff`` of its two sides."""
    result: Diff = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op, text in [*diffs, (0, "")]:
        if op:
            (deleted if op < 0 else inserted).append(text)
            continue
        old, new = "".join(deleted), "".join(inserted)
        if old and new:
            result.extend(rediff(old, new))
        else:
            result.extend(item for item in ((-1, old), (1, new)) if item[1])
        result.append((0, text))
        deleted, inserted = [], []
    return result


def diff_texts(old: str, new: str, timeout: float = DIFF_TIMEOUT) -> Diff:
    """Diff two texts by sentences, then words, then characters, each inside the last's blocks.

    This is diff-match-patch's line-mode speed-up applied to prose. Equalities are finally slid
    to sentence and word boundaries (``diff_cleanupSemanticLossless``), so an inserted sentence
    is reported as ``"New sentence. "``, not as ``". New sentence"`` after the previous word.
    """
    differ = diff_match_patch()
    differ.Diff_Timeout = timeout
    deadline = time.time() + timeout if timeout > 0 else float(sys.maxsize)
    head = differ.diff_commonPrefix(old, new)
    tail = differ.diff_commonSuffix(old[head:], new[head:])
    middle = _sentence_diff(old[head : len(old) - tail], new[head : len(new) - tail])
    middle = _rediff_blocks(middle, lambda a, b: _word_diff(differ, a, b, deadline))
    diffs = [(0, old[:head]), *middle, (0, old[len(old) - tail :])]
    differ.diff_cleanupMerge(diffs)
    differ.diff_cleanupSemanticLossless(diffs)
    return [item for item in diffs if item[1]]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Equal segments of a diff: ``old[o:o+n] == new[m:m+n]`` for each ``(o, m, n)``.

    Use :meth:`map_start` / :meth:`map_end` for span boundaries: at an insertion point a start
    goes after the inserted text and an end before it; inside a changed block a start goes to
    the block's start and an end to its end in the new text.
    """

    old_starts: tuple[int, ...]
    new_starts: tuple[int, ...]
    lengths: tuple[int, ...]
    old_length: int
    new_length: int

    @classmethod
    def from_texts(cls, old: str, new: str, timeout: float = DIFF_TIMEOUT) -> OffsetMap:
        if old == new:
            return cls((0,), (0,), (len(old),), len(old), len(new))
        return cls.from_diff(diff_texts(old, new, timeout))

    @classmethod
    def from_diff(cls, diffs: Iterable[tuple[int, str]]) -> OffsetMap:
        old_starts: list[int] = []
        new_starts: list[int] = []
        lengths: list[int] = []
        old_pos = new_pos = 0
        for op, text in diffs:
            if op == 0 and text:
                old_starts.append(old_pos)
                new_starts.append(new_pos)
                lengths.append(len(text))
            old_pos += len(text) if op <= 0 else 0
            new_pos += len(text) if op >= 0 else 0
        return cls(tuple(old_starts), tuple(new_starts), tuple(lengths), old_pos, new_pos)

    def map_start(self, pos: int) -> int:
        """New position of a span start at old ``pos``."""
        index = bisect_right(self.old_starts, pos) - 1
        if index < 0:
            return 0
        offset = min(pos - self.old_starts[index], self.lengths[index])
        return self.new_starts[index] + offset

    def map_end(self, pos: int) -> int:
        """New position of a span end at old ``pos``."""
        index = bisect_left(self.old_starts, pos) - 1
        if index >= 0 and pos <= self.old_starts[index] + self.lengths[index]:
            return self.new_starts[index] + pos - self.old_starts[index]
        if index + 1 < len(self.new_starts):
            return self.new_starts[index + 1]
        return self.new_length

    def foreign(self, start: int, end: int, own_start: int, own_end: int) -> int:
        """Code points of new ``[start, end)`` that are unchanged old text outside ``[own_*)``."""
        count = 0
        index = max(bisect_right(self.new_starts, start) - 1, 0)
        while index < len(self.new_starts) and self.new_starts[index] < end:
            low = max(start, self.new_starts[index])
            high = min(end, self.new_starts[index] + self.lengths[index])
            if low < high:
                old_low = self.old_starts[index] + low - self.new_starts[index]
                old_high = old_low + high - low
                own = max(0, min(old_high, own_end) - max(old_low, own_start))
                count += high - low - own
            index += 1
        return count

    def inserted(self) -> list[Span]:
        """New-text ranges not covered by equal segments (what the revision added)."""
        ranges = []
        pos = 0
        for start, length in zip(self.new_starts, self.lengths, strict=True):
            if start > pos:
                ranges.append((pos, start))
            pos = start + length
        if pos < self.new_length:
            ranges.append((pos, self.new_length))
        return ranges


# --------------------------------------------------------------------------- searching


@dataclass(frozen=True, slots=True)
class _Query:
    """A quote to look for, in canonical coordinates of the searched text."""

    quote: str
    prefix: str
    suffix: str
    hint: int


def _alignment(text: str, quote: str, low: int, high: int) -> tuple[float, Span] | None:
    """rapidfuzz's best alignment of ``quote`` inside ``text[low:high]``: (score, span)."""
    low, high = max(0, low), min(len(text), high)
    if high - low <= len(quote):
        return (0.0, (low, high)) if low < high else None
    found = fuzz.partial_ratio_alignment(quote, text[low:high], score_cutoff=_ALIGN_CUTOFF)
    if found is None:
        return None
    return found.score, (low + found.dest_start, low + found.dest_end)


def _unsettled(span: Span | None) -> Candidate | None:
    return None if span is None else (span[0], span[1], False)


def _near(text: str, quote: str, start: int, end: int) -> Span | None:
    """Best alignment of ``quote`` around ``[start, end)``, a quote's length either side."""
    size = len(quote) + _SEARCH_PADDING
    high = min(max(end, start + len(quote)), start + 2 * len(quote)) + size
    found = _alignment(text, quote, min(start, end) - size, high)
    return None if found is None else found[1]


def _anywhere(text: str, quote: str) -> list[Span]:
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


class _SeedIndex:
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
        slack = len(quote) // 4 + _SEARCH_PADDING
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


def _context_score(text: str, start: int, end: int, query: _Query) -> int:
    """How many code points of the query's prefix and suffix surround ``text[start:end]``."""
    before = text[max(0, start - len(query.prefix)) : start]
    after = text[end : end + len(query.suffix)]
    return _common_prefix_length(query.prefix[::-1], before[::-1]) + _common_prefix_length(
        query.suffix, after
    )


Acceptor = Callable[[int, int], bool]


def _accept_all(start: int, end: int) -> bool:
    return True


def _find_exact(text: str, query: _Query, accept: Acceptor) -> int | None:
    """Start of the best acceptable exact occurrence: most context kept, then nearest hint."""
    best: int | None = None
    best_key = (-1, 0)
    size = len(query.quote)
    for start in _occurrences(text, query.quote):
        if not accept(start, start + size):
            continue
        key = (_context_score(text, start, start + size, query), -abs(start - query.hint))
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


def _refine(text: str, query: _Query, start: int, end: int) -> tuple[int, int, float]:
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
    text: str, query: _Query, accept: Acceptor, candidates: Iterable[Candidate | None]
) -> tuple[float, int, int]:
    """First good enough acceptable candidate, else the best, as ``(sim, start, end)``.

    Candidates come nearest first, so a match where the claim was beats a copy elsewhere. Their
    boundaries are refined unless they are ``settled`` (the span the diff maps the claim to)
    and already similar enough: the diff knows better than similarity what replaced what.
    """
    best = (0.0, -1, -1)
    longest = 3 * len(query.quote) + _SEARCH_PADDING  # longer spans cannot reach the threshold
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


def _result(
    target: _Canonical, state: AnchorState, start: int, end: int, sim: float
) -> AnchorResult:
    """An :class:`AnchorResult` for canonical ``[start, end)`` of ``target``, in raw offsets."""
    raw_start, raw_end = target.to_raw(start, end=False), target.to_raw(end, end=True)
    prefix, suffix = quote_context(target.raw, raw_start, raw_end)
    return AnchorResult(
        state, raw_start, raw_end, target.raw[raw_start:raw_end], prefix, suffix, sim
    )


def _search(
    target: _Canonical,
    query: _Query,
    accept: Acceptor,
    candidates: Callable[[], Iterable[Candidate | None]],
) -> AnchorResult:
    """Moved, else fuzzy, else orphaned: the fallback when the diff does not settle a claim."""
    start = _find_exact(target.text, query, accept)
    if start is not None:
        return _result(target, AnchorState.MOVED, start, start + len(query.quote), 1.0)
    similarity, start, end = _find_fuzzy(target.text, query, accept, candidates())
    if similarity >= FUZZY_THRESHOLD:
        return _result(target, AnchorState.FUZZY, start, end, similarity)
    return AnchorResult.orphaned(similarity)


def _find_in(
    target: _Canonical, anchor: Anchor, hint: int | None, anywhere: Callable[[str], list[Span]]
) -> AnchorResult:
    """Search ``anchor`` in ``target`` with no diff: ``hint`` is canonical, or ``None``."""
    quote = _Canonical(anchor.quote).text
    if not quote:
        return AnchorResult.orphaned()
    prefix, suffix = _Canonical(anchor.prefix).text, _Canonical(anchor.suffix).text
    query = _Query(quote, prefix, suffix, 0 if hint is None else hint)

    def candidates() -> Iterator[Candidate | None]:
        if hint is not None:
            yield _unsettled(_near(target.text, quote, hint, hint))
        yield from map(_unsettled, anywhere(quote))

    return _search(target, query, _accept_all, candidates)


# --------------------------------------------------------------------------- one revision


class _Revision:
    """Everything computed once per revision: canonical views and the offset map."""

    def __init__(self, old_body: str, new_body: str) -> None:
        self.old = _Canonical(old_body)
        self.new = self.old if new_body == old_body else _Canonical(new_body)
        self.offsets = OffsetMap.from_texts(self.old.text, self.new.text)
        self._seeds: dict[bool, _SeedIndex] = {}

    def seeds(self, *, inserted_only: bool) -> _SeedIndex:
        """Word index of the new text (or of what the revision inserted), built on first use."""
        if inserted_only not in self._seeds:
            pad = _SEARCH_PADDING
            ranges = self.offsets.inserted() if inserted_only else [(0, len(self.new.text))]
            padded = [(low - pad, high + pad) for low, high in ranges]
            self._seeds[inserted_only] = _SeedIndex(self.new.text, padded)
        return self._seeds[inserted_only]

    def reanchor(self, anchor: Anchor) -> AnchorResult:
        if not quote_matches(self.old.raw, anchor.start, anchor.end, anchor.quote):
            return self._stale(anchor)
        old_start = self.old.from_raw(anchor.start, end=False)
        old_end = self.old.from_raw(anchor.end, end=True)
        start = self.offsets.map_start(old_start)
        end = self.offsets.map_end(old_end)
        if self.new.text[start:end] == self.old.text[old_start:old_end]:
            return _result(self.new, AnchorState.EXACT, start, end, 1.0)
        result = self._search(old_start, old_end, start, end)
        if result.state is AnchorState.MOVED and (
            result.start == self.new.to_raw(start, end=False)
            or result.end == self.new.to_raw(end, end=True)
        ):  # one boundary maps through the diff: an ambiguous diff, not a move
            return replace(result, state=AnchorState.EXACT)
        return result

    def _search(self, old_start: int, old_end: int, start: int, end: int) -> AnchorResult:
        """Fallback for a claim whose mapped span ``[start, end)`` no longer holds its text."""
        quote = self.old.text[old_start:old_end]
        prefix, suffix = quote_context(self.old.text, old_start, old_end)
        query = _Query(quote, prefix, suffix, start)
        accept = partial(self._is_own, old_start, old_end)

        def candidates() -> Iterator[Candidate | None]:
            yield start, end, True
            yield _unsettled(_near(self.new.text, quote, start, end))
            yield from map(_unsettled, self.seeds(inserted_only=True).candidates(quote))

        return _search(self.new, query, accept, candidates)

    def _is_own(self, old_start: int, old_end: int, start: int, end: int) -> bool:
        """Whether new ``[start, end)`` is not mostly unchanged text from outside the claim."""
        foreign = self.offsets.foreign(start, end, old_start, old_end)
        return foreign <= MAX_FOREIGN_FRACTION * (end - start)

    def _stale(self, anchor: Anchor) -> AnchorResult:
        """An anchor that does not match the old body: search its quote near its old place."""
        start = min(max(anchor.start, 0), len(self.old.raw))
        hint = self.offsets.map_start(self.old.from_raw(start, end=False))
        return _find_in(self.new, anchor, hint, self.seeds(inserted_only=False).candidates)
