"""Highlight segmentation for the reading view: pure functions, no models, no HTML.

The body is cut into paragraphs at every run of two or more newlines (the stored paragraph
separator), and each paragraph into pieces at every claim boundary, so that inside one piece
the set of covering claims is constant. Each piece keeps its code-point offsets into the body:
the browser maps a DOM selection back to body offsets from them, whatever the characters
(emoji, combining marks) and whatever the separators between paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

PARAGRAPH_BREAK = re.compile(r"\n{2,}")


@dataclass(frozen=True)
class Span:
    """One claim's target: [start, end) in code points."""

    id: int
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    text: str
    ids: tuple[int, ...] = ()  # covering claims, innermost (shortest) first

    @property
    def innermost(self) -> int | None:
        return self.ids[0] if self.ids else None

    @property
    def depth(self) -> int:
        return len(self.ids)


@dataclass
class Paragraph:
    start: int
    end: int
    pieces: list[Piece] = field(default_factory=list)


def paragraph_bounds(body: str) -> list[tuple[int, int]]:
    """[(start, end)] of each paragraph: the text between separators, never empty."""
    bounds, pos = [], 0
    for match in PARAGRAPH_BREAK.finditer(body):
        if match.start() > pos:
            bounds.append((pos, match.start()))
        pos = match.end()
    if pos < len(body):
        bounds.append((pos, len(body)))
    return bounds


def _innermost_first(spans: Iterable[Span]) -> tuple[int, ...]:
    ordered = sorted(spans, key=lambda s: (s.end - s.start, -s.start, s.id))
    return tuple(s.id for s in ordered)


def _cut_points(spans: list[Span], start: int, end: int) -> list[int]:
    points = {start, end}
    for span in spans:
        for p in (span.start, span.end):
            if start < p < end:
                points.add(p)
    return sorted(points)


def segment(body: str, spans: Iterable[Span]) -> list[Paragraph]:
    """Paragraphs of pieces covering the whole body except the paragraph separators.

    Spans outside the body are clipped; empty ones are ignored. Linear in the number of
    pieces after sorting (a sweep over boundary events), so thousands of claims stay fast.
    """
    length = len(body)
    clipped = [
        Span(s.id, max(0, s.start), min(length, s.end))
        for s in spans
        if max(0, s.start) < min(length, s.end)
    ]
    clipped.sort(key=lambda s: (s.start, s.end, s.id))
    paragraphs = []
    cursor = 0  # index into clipped: spans starting before the current paragraph's end
    active: list[Span] = []
    for p_start, p_end in paragraph_bounds(body):
        paragraph = Paragraph(p_start, p_end)
        while cursor < len(clipped) and clipped[cursor].start < p_end:
            active.append(clipped[cursor])
            cursor += 1
        active = [s for s in active if s.end > p_start]
        local = [s for s in active if s.start < p_end]
        points = _cut_points(local, p_start, p_end)
        for a, b in pairwise(points):
            covering = [s for s in local if s.start <= a and s.end >= b]
            paragraph.pieces.append(Piece(a, b, body[a:b], _innermost_first(covering)))
        paragraphs.append(paragraph)
    return paragraphs
