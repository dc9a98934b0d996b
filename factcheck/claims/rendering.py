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


def segment(body: str, spans: Iterable[Span]) -> list[Paragraph]:
    """Paragraphs of pieces covering the whole body except the paragraph separators.

    Spans outside the body are clipped; empty ones are ignored. A sweep over the claims'
    boundaries, paragraph by paragraph: each piece's covering claims are the ones open at its
    start, updated at each boundary (5,000 claims: ~10,000 pieces in tens of milliseconds).
    A claim is carried as its innermost-first sort key, (length, -start, id) once clipped, so
    that ordering the claims open at a boundary compares plain tuples.
    """
    length = len(body)
    clipped = sorted(
        (start, end, s.id)
        for s in spans
        if (start := max(0, s.start)) < (end := min(length, s.end))
    )  # by start, end, id
    paragraphs = []
    cursor = 0  # index into clipped: spans starting before the current paragraph's end
    active: list[tuple[int, int, int]] = []
    for p_start, p_end in paragraph_bounds(body):
        paragraph = Paragraph(p_start, p_end)
        while cursor < len(clipped) and clipped[cursor][0] < p_end:
            active.append(clipped[cursor])
            cursor += 1
        active = [span for span in active if span[1] > p_start]
        opening: dict[int, list[tuple[int, int, int]]] = {}
        closing: dict[int, list[tuple[int, int, int]]] = {}
        covering: dict[int, tuple[int, int, int]] = {}  # the claims open at the sweep, by id
        for start, end, pk in active:
            key = (end - start, -start, pk)
            if start <= p_start:
                covering[pk] = key
            else:  # inside this paragraph (active spans start before its end)
                opening.setdefault(start, []).append(key)
            if end < p_end:
                closing.setdefault(end, []).append(key)
        points = sorted({p_start, p_end, *opening, *closing})
        ids = tuple([key[2] for key in sorted(covering.values())])
        pieces = paragraph.pieces
        for a, b in pairwise(points):
            if a in closing or a in opening:
                for key in closing.get(a, ()):
                    del covering[key[2]]
                for key in opening.get(a, ()):
                    covering[key[2]] = key
                ids = tuple([key[2] for key in sorted(covering.values())])
            pieces.append(Piece(a, b, body[a:b], ids))
        paragraphs.append(paragraph)
    return paragraphs
