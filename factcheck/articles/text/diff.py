"""Diffs of article text, on diff-match-patch with one character per token (its "line mode"
speed-up applied to prose), so a 100,000-word body diffs in well under a second.

- `word_diff`: the readable diff shown between two revisions; a changed word is shown whole.
- `diff_texts`: the diff re-anchoring maps claims through: sentences (difflib), then words, then
  characters, each inside the blocks of the level above.
Both rest on `token_diff`. Indices are code points (diff-match-patch works on Python `str`).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Final

from diff_match_patch import diff_match_patch

DELETE, EQUAL, INSERT = -1, 0, 1
Diff = list[tuple[int, str]]
"""A diff-match-patch diff: ``(op, text)`` pairs, op -1 delete, 0 equal, 1 insert."""

DISPLAY_DIFF_TIMEOUT: Final = 2.0  # seconds; past it diff-match-patch returns a coarser diff
REANCHOR_DIFF_TIMEOUT: Final = 1.0
"""Seconds diff-match-patch may spend on the word and character levels of one revision.

Ordinary edits take milliseconds; the limit only bounds pathological revisions (a rewrite of
most sentences). When it is hit the diff is still correct but coarser, so more claims fall back
to searching, which is bounded per claim.
"""
_MAX_TOKENS: Final = 0x10FFFF  # one code point per token
# Display tokens: a word with its trailing spaces, a run of newlines, or one other character.
_DISPLAY_TOKEN = re.compile(r"\w+[^\S\n]*|\n+|[^\w\n][^\S\n]*")
# Re-anchoring works on canonical text (single spaces): a word with its space, or a space.
_WORD_TOKEN = re.compile(r"[^ ]+ ?| ")
_SENTENCE_END = ".!?;\u3002\uff01\uff1f"  # ASCII and CJK full stops, ! and ?
_SENTENCE_TOKEN = re.compile(f"[^{_SENTENCE_END}]*[{_SENTENCE_END}]+ ?|[^{_SENTENCE_END}]+")


def token_diff(
    differ: diff_match_patch, old: list[str], new: list[str], deadline: float | None = None
) -> Diff | None:
    """Diff two token lists as text, one character per distinct token (None: too many tokens).

    The semantic clean-up runs while one character is one token, so nothing is cut inside a
    token (on the expanded text it would factor out e.g. the "T" of "The"/"Tech").
    """
    vocabulary = ["", *dict.fromkeys(old + new)]  # chr(0) unused, as diff-match-patch does
    if len(vocabulary) >= _MAX_TOKENS:
        return None
    code = {token: chr(index) for index, token in enumerate(vocabulary)}
    diffs = differ.diff_main(
        "".join(code[t] for t in old), "".join(code[t] for t in new), False, deadline
    )
    differ.diff_cleanupSemantic(diffs)
    differ.diff_charsToLines(diffs, vocabulary)
    return [(op, text) for op, text in diffs if text]


# --------------------------------------------------------------------------- the readable diff


@dataclass(frozen=True)
class DiffStats:
    words_added: int
    words_removed: int

    @property
    def unchanged(self) -> bool:
        return not (self.words_added or self.words_removed)


def word_diff(old: str, new: str, timeout: float = DISPLAY_DIFF_TIMEOUT) -> Diff:
    """(op, text) pairs whose EQUAL+DELETE texts rebuild `old` and EQUAL+INSERT rebuild `new`."""
    differ = diff_match_patch()
    differ.Diff_Timeout = timeout
    diffs = token_diff(differ, _DISPLAY_TOKEN.findall(old), _DISPLAY_TOKEN.findall(new))
    if diffs is None:  # more distinct words than code points: diff characters
        diffs = differ.diff_main(old, new, False)
        differ.diff_cleanupSemantic(diffs)
    return [(op, text) for op, text in diffs if text]


def diff_stats(diffs: Diff) -> DiffStats:
    def words(op: int) -> int:
        return sum(len(re.findall(r"\w+", text)) for o, text in diffs if o == op)

    return DiffStats(words_added=words(INSERT), words_removed=words(DELETE))


# --------------------------------------------------------------------------- the anchoring diff


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
    """Word by word (one character per word), then character by character inside each block."""
    diffs = token_diff(differ, _WORD_TOKEN.findall(old), _WORD_TOKEN.findall(new), deadline)
    if diffs is None:
        return list(differ.diff_main(old, new, False, deadline))
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


def diff_texts(old: str, new: str, timeout: float = REANCHOR_DIFF_TIMEOUT) -> Diff:
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
