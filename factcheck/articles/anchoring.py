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
2. **One diff per revision.** The two canonical texts are diffed once with diff-match-patch
   (:class:`OffsetMap`). Its "line mode" speed-up is fed *words* instead of lines, as its
   documentation suggests for prose: common prefix/suffix are stripped at C speed, the middle is
   diffed word by word and only replaced blocks are rediffed character by character. An
   :class:`OffsetMap` keeps the equal segments; each claim is mapped through it with two bisects.
   If the mapped span holds the same canonical text, the claim is ``exact``. This is what makes a
   5,000-claim article cost one diff rather than 5,000 searches, and it keeps the right copy of a
   sentence that occurs twice.
3. **Search fallback** (only for claims whose mapped span changed):

   * ``moved``: exact occurrences of the quote in the new text; several are ranked by how much
     of the old prefix/suffix they keep, then by closeness to where the diff put the claim.
   * ``fuzzy``: the span the diff maps the claim to, the best rapidfuzz alignment near it and
     the best alignment inside the text the revision inserted, each with boundaries refined; the
     most similar one at or above :data:`FUZZY_THRESHOLD` wins.
   * ``orphaned`` otherwise; the result carries no new anchor (the caller keeps the old one).

   Candidates that are mostly the image of *other, unchanged* old text are rejected: that text
   is another copy which was already there (and which its own claims keep). Thus deleting one of
   two identical sentences orphans its claim instead of stealing the other sentence.

diff-match-patch's Python package works on ``str``, so its indices are code points: emoji outside
the BMP (``"👍🏽"``, ``"🇺🇦"``) count as Python counts them, matching the stored offsets.
"""

from __future__ import annotations

import re
import sys
import time
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import partial
from typing import Final

from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz

CONTEXT_CHARS: Final = 32
"""Code points of prefix/suffix context kept around a quote (W3C TextQuoteSelector)."""

FUZZY_THRESHOLD: Final = 0.75
"""Minimum similarity (0..1) for a ``fuzzy`` re-anchoring.

Similarity is rapidfuzz's normalised Indel similarity, ``2 * LCS / (len(a) + len(b))``.
Rewording one or two words of a sentence-long claim keeps it around 0.85-0.95; unrelated
sentences of similar length still share letters and score about 0.4-0.6. 0.75 lets through
"a quarter of the text changed", which is still recognisably the same claim for a reviewer
(a fuzzy claim is sent back to review anyway), while anything less is better orphaned.
"""

DIFF_TIMEOUT: Final = 2.0
"""Seconds diff-match-patch may spend on one revision.

Word-mode diffs of ordinary edits take milliseconds; the limit only bounds pathological
revisions. When it is hit the diff is still correct but coarser, so more claims fall back to
searching, which is bounded per claim.
"""

MAX_FOREIGN_FRACTION: Final = 0.5
"""A search hit may be at most this fraction made of unchanged text from elsewhere."""

_SEARCH_PADDING: Final = CONTEXT_CHARS
_SEPARATOR: Final = "\x00"
_IRREGULAR_SPACE = re.compile(r"[^\S ]\s*| \s+")
_NON_SPACE = re.compile(r"\S+")
_SENTENCE_END = ".!?;\u3002\uff01\uff1f"  # ASCII and CJK full stops, ! and ?
_SENTENCE_TOKEN = re.compile(f"[^{_SENTENCE_END}]*[{_SENTENCE_END}]+ ?|[^{_SENTENCE_END}]+")
_WORD_TOKEN = re.compile(r"[^ ]+ ?| ")
_MAX_TOKENS: Final = 0x10FFFF  # one code point per token
_DIFF_LEVELS: Final = (_SENTENCE_TOKEN, _WORD_TOKEN)


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
    result = _find_in(target, anchor, hint_c)
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


def _tokens_to_chars(
    pattern: re.Pattern[str], old: str, new: str
) -> tuple[str, str, list[str]] | None:
    """Encode both texts as one character per token (diff-match-patch's line-mode trick).

    ``None`` if there are more distinct tokens than code points.
    """
    tokens = [""]  # chr(0) is avoided, as diff-match-patch does
    index: dict[str, int] = {}

    def encode(text: str) -> str:
        chars = []
        for token in pattern.findall(text):
            code = index.get(token)
            if code is None:
                code = index[token] = len(tokens)
                tokens.append(token)
            chars.append(chr(code))
        return "".join(chars)

    if len(pattern.findall(old)) + len(pattern.findall(new)) >= _MAX_TOKENS:
        return None
    return encode(old), encode(new), tokens


def _diff_levels(
    differ: diff_match_patch, old: str, new: str, levels: Sequence[re.Pattern[str]], deadline: float
) -> Diff:
    """Diff by the first level's tokens, then rediff each replaced block at the next level."""
    encoded = _tokens_to_chars(levels[0], old, new) if levels else None
    if encoded is None:
        return list(differ.diff_main(old, new, False, deadline))
    diffs = differ.diff_main(encoded[0], encoded[1], False, deadline)
    differ.diff_charsToLines(diffs, encoded[2])
    differ.diff_cleanupSemantic(diffs)  # fold tiny equal tokens into the blocks around them
    return _rediff_blocks(differ, diffs, levels[1:], deadline)


def _rediff_blocks(
    differ: diff_match_patch, diffs: Diff, levels: Sequence[re.Pattern[str]], deadline: float
) -> Diff:
    """Replace every delete+insert block of ``diffs`` by a finer diff of the two sides."""
    result: Diff = []
    deleted: list[str] = []
    inserted: list[str] = []
    for op, text in [*diffs, (0, "")]:
        if op:
            (deleted if op < 0 else inserted).append(text)
            continue
        old, new = "".join(deleted), "".join(inserted)
        if old and new:
            result.extend(_diff_levels(differ, old, new, levels, deadline))
        else:
            result.extend(item for item in ((-1, old), (1, new)) if item[1])
        result.append((0, text))
        deleted, inserted = [], []
    return result


def diff_texts(old: str, new: str, timeout: float = DIFF_TIMEOUT) -> Diff:
    """Diff two texts sentence by sentence, then word by word, then character by character.

    Equalities are slid to sentence and word boundaries (``diff_cleanupSemanticLossless``), so
    an inserted sentence is not reported as ``". New sentence"`` after the previous word.
    """
    differ = diff_match_patch()
    differ.Diff_Timeout = timeout
    deadline = time.time() + timeout if timeout > 0 else float(sys.maxsize)
    head = differ.diff_commonPrefix(old, new)
    tail = differ.diff_commonSuffix(old[head:], new[head:])
    middle = _diff_levels(
        differ, old[head : len(old) - tail], new[head : len(new) - tail], _DIFF_LEVELS, deadline
    )
    diffs = [(0, old[:head]), *middle, (0, old[len(old) - tail :])]
    differ.diff_cleanupMerge(diffs)
    differ.diff_cleanupSemanticLossless(diffs)
    return diffs


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

    def inserted(self) -> list[tuple[int, int]]:
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


class _Haystack:
    """Ranges of a text joined by separators, for one rapidfuzz call over all of them."""

    def __init__(self, text: str, ranges: Iterable[tuple[int, int]]) -> None:
        self.ranges = _merge_ranges(ranges, len(text))
        self.offsets: list[int] = []
        parts: list[str] = []
        pos = 0
        for start, end in self.ranges:
            self.offsets.append(pos)
            parts.append(text[start:end])
            pos += end - start + len(_SEPARATOR)
        self.text = _SEPARATOR.join(parts)

    def align(self, quote: str) -> tuple[int, int] | None:
        """Best approximate position of ``quote`` as a text span, if any looks plausible."""
        if not self.text:
            return None
        if len(self.text) <= len(quote):
            return self.ranges[0][0], self.ranges[-1][1]
        found = fuzz.partial_ratio_alignment(quote, self.text, score_cutoff=50)
        if found is None:
            return None
        index = max(bisect_right(self.offsets, found.dest_start) - 1, 0)
        start, stop = self.ranges[index]  # an alignment across a separator is cut there
        shift = start - self.offsets[index]
        return min(found.dest_start + shift, stop), min(found.dest_end + shift, stop)


def _merge_ranges(ranges: Iterable[tuple[int, int]], limit: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
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
    return fuzz.ratio(a, b, processor=None) / 100.0


def _best_end(text: str, quote: str, start: int, end: int, reach: int) -> int:
    """The end near ``end`` whose span from ``start`` is most similar to ``quote``."""
    ends = range(max(start + 1, end - reach), min(len(text), end + reach) + 1)
    if not ends:
        return end
    return max(ends, key=lambda e: (_similarity(quote, text[start:e]), -abs(e - end)))


def _best_start(text: str, quote: str, start: int, end: int, reach: int) -> int:
    """The start near ``start`` whose span to ``end`` is most similar to ``quote``."""
    starts = range(max(0, start - reach), min(end - 1, start + reach) + 1)
    if not starts:
        return start
    return max(starts, key=lambda s: (_similarity(quote, text[s:end]), -abs(s - start)))


def _refine(text: str, quote: str, start: int, end: int) -> tuple[int, int, float]:
    """Move the boundaries of ``text[start:end]`` to maximise similarity with ``quote``."""
    reach = min(len(quote) // 4 + 2, 256)
    for _ in range(2):
        end = _best_end(text, quote, start, end, reach)
        start = _best_start(text, quote, start, end, reach)
    return start, end, _similarity(quote, text[start:end])


def _find_fuzzy(
    text: str, query: _Query, accept: Acceptor, candidates: Iterable[tuple[int, int] | None]
) -> tuple[float, int, int]:
    """First good enough acceptable refined candidate, else the best, as ``(sim, start, end)``.

    Candidates come nearest first, so a match where the claim was beats a copy elsewhere.
    """
    best = (0.0, -1, -1)
    longest = 3 * len(query.quote) + _SEARCH_PADDING  # longer spans cannot reach the threshold
    for candidate in candidates:
        if candidate is None or not 0 < candidate[1] - candidate[0] <= longest:
            continue
        start, end, similarity = _refine(text, query.quote, *candidate)
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
    candidates: Callable[[], Iterable[tuple[int, int] | None]],
) -> AnchorResult:
    """Moved, else fuzzy, else orphaned: the fallback when the diff does not settle a claim."""
    start = _find_exact(target.text, query, accept)
    if start is not None:
        return _result(target, AnchorState.MOVED, start, start + len(query.quote), 1.0)
    similarity, start, end = _find_fuzzy(target.text, query, accept, candidates())
    if similarity >= FUZZY_THRESHOLD:
        return _result(target, AnchorState.FUZZY, start, end, similarity)
    return AnchorResult.orphaned(similarity)


def _near(text: str, start: int, end: int, size: int) -> _Haystack:
    """A haystack around ``[start, end)`` reaching ``size`` code points further each way."""
    return _Haystack(text, [(min(start, end) - size, max(end, start + size) + size)])


def _find_in(target: _Canonical, anchor: Anchor, hint: int | None) -> AnchorResult:
    """Search ``anchor`` in ``target`` with no diff: ``hint`` is canonical, or ``None``."""
    quote = _Canonical(anchor.quote).text
    if not quote:
        return AnchorResult.orphaned()
    prefix, suffix = _Canonical(anchor.prefix).text, _Canonical(anchor.suffix).text
    query = _Query(quote, prefix, suffix, 0 if hint is None else hint)
    text = target.text

    def candidates() -> Iterator[tuple[int, int] | None]:
        if hint is not None:
            yield _near(text, hint, hint, 2 * len(quote) + _SEARCH_PADDING).align(quote)
        yield _Haystack(text, [(0, len(text))]).align(quote)

    return _search(target, query, _accept_all, candidates)


# --------------------------------------------------------------------------- one revision


class _Revision:
    """Everything computed once per revision: canonical views and the offset map."""

    def __init__(self, old_body: str, new_body: str) -> None:
        self.old = _Canonical(old_body)
        self.new = self.old if new_body == old_body else _Canonical(new_body)
        self.offsets = OffsetMap.from_texts(self.old.text, self.new.text)
        self._inserted: _Haystack | None = None

    @property
    def inserted(self) -> _Haystack:
        """The text the revision inserted, padded, built on first use."""
        if self._inserted is None:
            pad = _SEARCH_PADDING
            ranges = [(s - pad, e + pad) for s, e in self.offsets.inserted()]
            self._inserted = _Haystack(self.new.text, ranges)
        return self._inserted

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

        def candidates() -> Iterator[tuple[int, int] | None]:
            yield start, end
            yield _near(self.new.text, start, end, len(quote)).align(quote)
            yield self.inserted.align(quote)

        return _search(self.new, query, accept, candidates)

    def _is_own(self, old_start: int, old_end: int, start: int, end: int) -> bool:
        """Whether new ``[start, end)`` is not mostly unchanged text from outside the claim."""
        foreign = self.offsets.foreign(start, end, old_start, old_end)
        return foreign <= MAX_FOREIGN_FRACTION * (end - start)

    def _stale(self, anchor: Anchor) -> AnchorResult:
        """An anchor that does not match the old body: search its quote near its old place."""
        start = min(max(anchor.start, 0), len(self.old.raw))
        hint = self.offsets.map_start(self.old.from_raw(start, end=False))
        return _find_in(self.new, anchor, hint)
