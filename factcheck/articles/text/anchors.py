"""Where a claim sits in a text (a W3C TextQuoteSelector plus a TextPositionSelector), and
what re-anchoring it in a new revision found. Offsets are Unicode code points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.db.models import TextChoices

CONTEXT_CHARS: Final = 32
"""Code points of prefix/suffix context kept around a quote (W3C TextQuoteSelector)."""


class AnchorState(TextChoices):
    """How a claim was last anchored: the one enumeration, also Claim.anchor_state's choices."""

    EXACT = "exact", "Exact"
    MOVED = "moved", "Moved"
    FUZZY = "fuzzy", "Fuzzy"
    ORPHANED = "orphaned", "Orphaned"


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


def quote_context(body: str, start: int, end: int, size: int = CONTEXT_CHARS) -> tuple[str, str]:
    """``(prefix, suffix)``: up to ``size`` code points before ``start`` and after ``end``."""
    return body[max(0, start - size) : max(0, start)], body[end : end + size]


def quote_matches(body: str, start: int, end: int, quote: str) -> bool:
    """Whether ``0 <= start < end <= len(body)`` and ``body[start:end] == quote``."""
    return 0 <= start < end <= len(body) and body[start:end] == quote
