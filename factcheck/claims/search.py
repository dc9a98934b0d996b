"""Reads for "Checked before?": claims that say the same thing as a text, and claim search.

PostgreSQL, in three steps (each an indexed query, see bench/README.md for the plans):

1. candidates: for each content word of the query, up to `PER_WORD` claims whose stored,
   GIN-indexed `search_document` holds it (one UNION ALL of indexed lookups); how many a word
   finds is its rarity weight (like IDF), and the `CANDIDATES` claims holding the most weight
   go on; for short queries the best matches by trigram similarity of the claim text (`%`,
   GIN trigram index) join them, for short and reworded claims whose words stem differently;
2. the candidates' lexemes (claim text and quote: weights A and B) and trigram similarity are
   read in one query and scored in Python by `matching.blend` (lexical, trigram, numbers);
3. the best `limit` are loaded with everything the serializers read (prefetched).

Newsroom staff match every claim on its working copy; anyone else only published, unretracted
claims, and only on their published version (`PublishedVersion.search_document`, its text).
SQLite has no tsvector or pg_trgm: it scans the visible claims in Python (same API, rougher
lexemes, slower).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, TrigramSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Func, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce

from factcheck.accounts.roles import is_newsroom_staff
from factcheck.claims.matching import (
    STOP_WORDS,
    Query,
    extract_numbers,
    query_words,
    score_candidate,
    simple_lexemes,
    trigram_similarity,
)
from factcheck.claims.models import Claim
from factcheck.claims.selectors import visible_claims
from factcheck.core.search import search_config

MAX_WORDS = 24  # content words of a query that are looked up
PER_WORD = 40  # claims fetched per word (and the count at which a word is "common")
CANDIDATES = 100  # claims scored in full
SHORT_QUERY_WORDS = 3  # up to this many content words, trigram matches are candidates too
TRIGRAM_CANDIDATES = 20
MIN_SCORE = 0.12  # below this a "match" shares a stray word or two: not worth a reviewer's look
SEARCH_LIMIT = 200  # ?q= and the search page rank at most this many claims
SQLITE_SCAN_LIMIT = 20_000  # the fallback reads at most the newest this many claims


@dataclass(frozen=True)
class Fields:
    """Which copy of a claim is matched: the working copy (staff) or the published one."""

    document: str
    text: str
    quote: str = "quote"


WORKING = Fields("search_document", "claim_text")
# The published version's own stored document and text (claims.PublishedVersion, GIN-indexed).
PUBLISHED = Fields(
    "public_version__search_document", "public_version__claim_text", "public_version__quote"
)


def fields_for(user: Any) -> Fields:
    return WORKING if is_newsroom_staff(user) else PUBLISHED


class ToArray(Func):
    """The lexemes of the claim text and quote (weights A, B) of a stored document."""

    template = "tsvector_to_array(ts_filter(%(expressions)s, '{a,b}'))"
    output_field = TextField()


def _word_lexemes(words: list[str]) -> list[tuple[frozenset[str], frozenset[str]]]:
    """Each word's lexemes in the english configuration (empty for a stop word) and in simple."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector('english', w)), "
            "tsvector_to_array(to_tsvector('simple', w)) FROM unnest(%s::text[]) AS w",
            [words],
        )
        return [(frozenset(english), frozenset(simple)) for english, simple in cursor.fetchall()]


def _idf(hits: int) -> float:
    """Rarer words weigh more: `hits` is how many claims hold the word, counted up to PER_WORD
    (a word in PER_WORD claims or more is "common" and weighs 1)."""
    return 1.0 + math.log((PER_WORD + 1) / (hits + 0.5))


def _candidates_postgres(base: QuerySet[Claim], text: str, fields: Fields) -> list[dict]:
    """Per content word, up to PER_WORD claims holding it (one indexed query, UNION ALL): the
    hits give each word a weight (rare words count more, like IDF) and the claims that hold the
    most weight are the candidates; short queries add the best trigram matches."""
    words = [w for w in query_words(text, limit=MAX_WORDS) if w not in STOP_WORDS]
    lexemes = [pair for pair in _word_lexemes(words) if pair[0]] if words else []
    parts = []
    for index, (english, simple) in enumerate(lexemes):
        raw = " | ".join(f"'{lexeme}'" for lexeme in sorted(english | simple) if "'" not in lexeme)
        tsquery = SearchQuery(raw, search_type="raw", config="simple")  # lexemes: as they are
        parts.append(
            base.filter(**{fields.document: tsquery})
            .annotate(word=Value(index))
            .order_by()
            .values_list("word", "pk")[:PER_WORD]
        )
    holders: dict[int, list[int]] = {}
    if parts:
        hits_rows = parts[0].union(*parts[1:], all=True).order_by() if len(parts) > 1 else parts[0]
        for index, pk in hits_rows:
            holders.setdefault(pk, []).append(index)
    hits = [0] * len(lexemes)
    for indexes in holders.values():
        for index in indexes:
            hits[index] += 1
    weights = [_idf(n) for n in hits]
    ranked = sorted(holders, key=lambda pk: (-sum(weights[i] for i in holders[pk]), -pk))
    ids = set(ranked[:CANDIDATES])
    if len(words) <= SHORT_QUERY_WORDS:
        ids.update(
            base.filter(**{f"{fields.text}__trigram_similar": text})
            .annotate(similarity=TrigramSimilarity(fields.text, text))
            .order_by("-similarity", "-id")
            .values_list("pk", flat=True)[:TRIGRAM_CANDIDATES]
        )
    if not ids:
        return []
    rows: Any = (
        Claim.objects.filter(pk__in=ids)
        .annotate(
            lexemes=ToArray(F(fields.document)),
            trigram=Coalesce(
                TrigramSimilarity(fields.text, text), Value(0.0), output_field=FloatField()
            ),
            matched_text=F(fields.text),
            matched_quote=F(fields.quote),
        )
        .order_by()
        .values("pk", "lexemes", "trigram", "matched_text", "matched_quote", "language")
    )
    weight_of: dict[str, dict[str, float]] = {"english": {}, "simple": {}}
    for (english, simple), weight in zip(lexemes, weights, strict=True):
        for lexeme in english:
            weight_of["english"][lexeme] = weight
        for lexeme in simple:
            weight_of["simple"][lexeme] = weight
    numbers = extract_numbers(text)
    scored = []
    for row in rows:
        query = Query(text, weight_of[search_config(row["language"])], numbers)
        score = score_candidate(
            query, lexemes=row["lexemes"] or (), trigram=row["trigram"],
            text=f"{row['matched_text']} {row['matched_quote']}",
        )  # fmt: skip
        scored.append({"pk": row["pk"], "score": score})
    return scored


def _candidates_scan(base: QuerySet[Claim], text: str, fields: Fields) -> list[dict]:
    query = Query(text, dict.fromkeys(simple_lexemes(text), 1.0), extract_numbers(text))
    rows = base.order_by("-id").values("pk", fields.text, fields.quote)[:SQLITE_SCAN_LIMIT]
    scored = []
    for row in rows:
        claim_text = row[fields.text] or ""
        both = f"{claim_text} {row[fields.quote]}"
        score = score_candidate(
            query, lexemes=simple_lexemes(both), trigram=trigram_similarity(claim_text, text),
            text=both,
        )  # fmt: skip
        scored.append({"pk": row["pk"], "score": score})
    return scored


def ranked_ids(
    *, user: Any, text: str, base: QuerySet[Claim] | None = None, limit: int = 5,
    exclude: int | None = None,
) -> list[tuple[int, float]]:  # fmt: skip
    """[(claim id, score)] best first: the claims `user` may see that match `text`."""
    fields = fields_for(user)
    queryset = visible_claims(user) if base is None else base
    queryset = queryset.order_by()
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    if not query_words(text):
        return []
    if connection.vendor == "postgresql":
        scored = _candidates_postgres(queryset, text, fields)
    else:
        scored = _candidates_scan(queryset, text, fields)
    scored = [row for row in scored if row["score"] >= MIN_SCORE]
    scored.sort(key=lambda row: (-row["score"], -row["pk"]))
    return [(row["pk"], row["score"]) for row in scored[:limit]]


def claim_similar(
    *, user: Any, text: str, limit: int = 5, exclude: int | None = None
) -> list[Claim]:
    """Up to `limit` earlier claims that say the same thing as `text`, best first, each with
    its `score`; fully prefetched for the serializers and cards."""
    ranking = ranked_ids(user=user, text=text, limit=limit, exclude=exclude)
    claims = visible_claims(user).in_bulk([pk for pk, _ in ranking])
    result = []
    for pk, score in ranking:
        claim = claims[pk]
        claim.score = score  # type: ignore[attr-defined]
        result.append(claim)
    return result


def with_ranking(queryset: QuerySet[Claim], *, user: Any, q: str) -> QuerySet[Claim]:
    """`queryset` narrowed to its best `SEARCH_LIMIT` matches for `q`, best first, each
    annotated with its `score` (a plain queryset: it paginates and filters like any other)."""
    ranking = ranked_ids(user=user, text=q, base=queryset, limit=SEARCH_LIMIT)
    if not ranking:
        return queryset.none().annotate(score=Value(0.0, output_field=FloatField()))
    scores = Case(
        *(When(pk=pk, then=Value(score)) for pk, score in ranking), output_field=FloatField()
    )
    return (
        queryset.filter(pk__in=[pk for pk, _ in ranking])
        .annotate(score=scores)
        .order_by("-score", "-id")
    )


def _normal(text: str) -> str:
    return " ".join(query_words(text, limit=10_000))


def duplicates_in_article(*, user: Any, article: int, text: str) -> set[int]:
    """Claims of `article` that say exactly `text` (same words, any case or punctuation) in
    their claim text or quote: a reviewer about to check it again is warned before saving."""
    wanted = _normal(text)
    if not wanted:
        return set()
    fields = fields_for(user)
    rows = (
        visible_claims(user).filter(article_id=article).values_list("pk", fields.text, fields.quote)
    )
    return {pk for pk, claim_text, quote in rows if wanted in (_normal(claim_text), _normal(quote))}
