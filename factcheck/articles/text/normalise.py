"""Normalising article text, and the canonical view the anchoring diffs and searches.

`normalize_text` is applied before a body is stored: NFC, and `\\n` for every line break.
`Canonical` views a stored text with every whitespace run as one space and every combining
sequence NFC-composed, with a piecewise map back to raw code points, so that whitespace-only
and normalisation-only edits vanish from a diff.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator

_IRREGULAR_SPACE = re.compile(r"[^\S ]\s*| \s+")
_NON_SPACE = re.compile(r"\S+")


def normalize_text(text: str) -> str:
    """NFC-normalise ``text`` and turn ``\\r\\n`` and ``\\r`` into ``\\n``; apply before storing."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


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


class Canonical:
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
