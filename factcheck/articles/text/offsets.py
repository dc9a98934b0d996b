"""Mapping positions of an old text to a new one through the equal segments of their diff."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.articles.text.diff import REANCHOR_DIFF_TIMEOUT, diff_texts

Span = tuple[int, int]
"""A ``[start, end)`` range of code points."""


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
    new_length: int

    @classmethod
    def from_texts(cls, old: str, new: str, timeout: float = REANCHOR_DIFF_TIMEOUT) -> OffsetMap:
        if old == new:
            return cls((0,), (0,), (len(old),), len(new))
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
        return cls(tuple(old_starts), tuple(new_starts), tuple(lengths), new_pos)

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
