"""How two claims are compared: pure functions, no database (see selectors_search.py for reads).

The score of an earlier claim for a query text is a documented blend (README "Checked
before?"), each part in [0, 1]:

    score = 0.55 * lexical + 0.30 * trigram + 0.15 * numbers      then times 0.6 on a number clash

- lexical: `lexical_overlap` of the query's words with the claim's claim-text and quote
  lexemes, each query word weighted by its rarity among the claims (PostgreSQL's stemmed
  lexemes and per-word hit counts on PostgreSQL; `simple_lexemes`, unweighted, on SQLite);
- trigram: pg_trgm `similarity()` of the two claim texts (`trigram_similarity` on SQLite);
- numbers: Jaccard overlap of the figures the two texts state ("$600 billion", "17%", "1957"),
  normalised so that "$600bn" = "600 billion" and "17 percent" = "17%"; 0.5 when either side
  states no figure (neither evidence for nor against);
- a clash (both texts state figures and share none) multiplies the score by 0.6: "unemployment
  fell to 3.5%" is not the claim "unemployment fell to 5.3%", however alike the words are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LEXICAL_WEIGHT = 0.55
TRIGRAM_WEIGHT = 0.30
NUMBER_WEIGHT = 0.15
NUMBER_CLASH_FACTOR = 0.6
NO_NUMBERS = 0.5

SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "t": 1e12,
}
# A figure: not part of a word ("5G", "COVID-19"), maybe with a scale word or a percent sign.
_NUMBER = re.compile(
    r"(?<![\w.])(?<![^\W\d_]-)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<pct>%|per\s?cent|percent)"
    r"|\s?(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b|t)\b)?"
    r"(?![^\W_])",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
_QUERY_WORD = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")  # keeps 99.97 and 1,500 whole
# Short list for the SQLite fallback only (PostgreSQL's english configuration has its own).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "he",
        "her",
        "his",
        "i",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "she",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "there",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "which",
        "who",
        "will",
        "with",
        "would",
        "you",
        "your",
        "said",
        "says",
        "say",
    ]
)


def extract_numbers(text: str) -> frozenset[str]:
    """The figures a text states, normalised: {"600000000000", "17%", "1957"}."""
    found = set()
    for match in _NUMBER.finditer(text or ""):
        value = float(match["num"].replace(",", ""))
        if match["pct"]:
            found.add(f"{_plain(value)}%")
            continue
        if match["scale"]:
            value *= SCALES[match["scale"].lower()]
        found.add(_plain(value))
    return frozenset(found)


def _plain(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.6g}"


def number_agreement(query: frozenset[str], candidate: frozenset[str]) -> tuple[float, bool]:
    """(agreement in [0, 1], clash?) of the figures of a query and of a candidate."""
    if not query or not candidate:
        return NO_NUMBERS, False
    shared = len(query & candidate)
    return shared / len(query | candidate), shared == 0


def lexical_overlap(query: Mapping[str, float], candidate: Iterable[str]) -> float:
    """F1 of (the share of the query's word weight the candidate holds) and (the share of the
    candidate's lexemes that are in the query): rare shared words count more, and a long
    claim that merely contains the query's words counts less."""
    document = set(candidate)
    total = sum(query.values())
    if not document or not total:
        return 0.0
    shared = document.intersection(query)
    covered = sum(query[lexeme] for lexeme in shared) / total
    precision = len(shared) / len(document)
    if not covered or not precision:
        return 0.0
    return 2 * covered * precision / (covered + precision)


def blend(*, lexical: float, trigram: float, numbers: float, clash: bool) -> float:
    score = LEXICAL_WEIGHT * lexical + TRIGRAM_WEIGHT * trigram + NUMBER_WEIGHT * numbers
    return round(score * (NUMBER_CLASH_FACTOR if clash else 1.0), 4)


@dataclass(frozen=True)
class Query:
    """What a query text is compared by: its lexemes and its figures."""

    text: str
    lexemes: Mapping[str, float]  # lexeme: weight (rarer words weigh more)
    numbers: frozenset[str]


def score_candidate(query: Query, *, lexemes: Iterable[str], trigram: float, text: str) -> float:
    numbers, clash = number_agreement(query.numbers, extract_numbers(text))
    return blend(
        lexical=lexical_overlap(query.lexemes, lexemes),
        trigram=trigram,
        numbers=numbers,
        clash=clash,
    )


# --- the SQLite fallback: a plain scan with rough lexemes and trigrams -------------------------


def _stem(word: str) -> str:
    for suffix in ("ing", "edly", "ed", "ies", "es", "ly", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def simple_lexemes(text: str) -> frozenset[str]:
    """Lower-cased words without stop words, crudely stemmed (SQLite only)."""
    words = (w.lower() for w in _WORD.findall(text or ""))
    return frozenset(_stem(w) for w in words if w not in STOP_WORDS)


def _trigrams(text: str) -> set[str]:
    grams: set[str] = set()
    for word in _WORD.findall((text or "").lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of both words lists."""
    first, second = _trigrams(a), _trigrams(b)
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


def query_words(text: str, limit: int = 40) -> list[str]:
    """The distinct words of a query (letters and digits only: safe inside a tsquery)."""
    seen: dict[str, None] = {}
    for word in _QUERY_WORD.findall(text or ""):
        word = word.lower()
        if word not in seen:
            seen[word] = None
    return list(seen)[:limit]


def is_blank_query(text: str) -> bool:
    return not query_words(text)


# --- highlighted snippets (search results) ------------------------------------------------------

_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|[^\W_]+")


def _key(word: str) -> str:
    return _stem(word.lower())


def _matches(word: str, keys: frozenset[str]) -> bool:
    key = _key(word)
    return key in keys or (len(key) >= 5 and any(k[:5] == key[:5] for k in keys if len(k) >= 5))


def snippet_spans(text: str, query: str, length: int = 220) -> tuple[str, list[tuple[int, int]]]:
    """A window of `text` (at most `length` characters, around the first word matching the
    query; "…" marks cut ends) and the (start, end) offsets of the matching words in it."""
    keys = frozenset(_key(w) for w in _TOKEN.findall(query or "") if w.lower() not in STOP_WORDS)
    hits = [m.span() for m in _TOKEN.finditer(text or "") if keys and _matches(m.group(), keys)]
    start = 0
    if len(text) > length and hits:
        start = max(0, min(hits[0][0] - length // 4, len(text) - length))
        while start > 0 and not text[start - 1].isspace():
            start -= 1  # do not cut a word
    end = min(len(text), start + length)
    while end < len(text) and end > start and not text[end].isspace():
        end -= 1
    end = end if end > start else min(len(text), start + length)
    window = text[start:end]
    spans = [(s - start, e - start) for s, e in hits if s >= start and e <= end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix)
    return prefix + window + suffix, [(s + shift, e + shift) for s, e in spans]
