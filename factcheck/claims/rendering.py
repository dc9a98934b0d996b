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


@dataclass(frozen=True, slots=True)
class Span:
    """One claim's target: [start, end) in code points."""

    id: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
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


def segment(body: str, spans: Iterable[Span]) -> list[Paragraph]:
    """Paragraphs of pieces covering the whole body except the paragraph separators.

    Spans outside the body are clipped; empty ones are ignored. A sweep over the claims'
    boundaries, paragraph by paragraph: each piece's covering claims are the ones open at its
    start, updated at each boundary (5,000 claims: ~10,000 pieces in tens of milliseconds).
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
        opening: dict[int, list[Span]] = {}
        closing: dict[int, list[Span]] = {}
        covering: dict[int, Span] = {}  # the claims open at the sweep's position, by id
        for span in active:
            if span.start <= p_start:
                covering[span.id] = span
            else:  # inside this paragraph (active spans start before its end)
                opening.setdefault(span.start, []).append(span)
            if span.end < p_end:
                closing.setdefault(span.end, []).append(span)
        points = sorted({p_start, p_end, *opening, *closing})
        ids = _innermost_first(covering.values())
        for a, b in pairwise(points):
            if a in closing or a in opening:
                for span in closing.get(a, ()):
                    del covering[span.id]
                for span in opening.get(a, ()):
                    covering[span.id] = span
                ids = _innermost_first(covering.values())
            paragraph.pieces.append(Piece(a, b, body[a:b], ids))
        paragraphs.append(paragraph)
    return paragraphs
