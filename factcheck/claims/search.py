"""Reads for "Checked before?": claims that say the same thing as a text, and claim search.

PostgreSQL, in three steps (each an indexed query, see bench/README.md for the plans):

1. candidates: the best `CANDIDATES` claims by full-text rank (an OR of the query's words
   against the stored, GIN-indexed `search_document`) plus the best by trigram similarity of
   the claim text (`%`, GIN trigram index): the second finds short and reworded claims whose
   words stem differently;
2. the candidates' lexemes (claim text and quote: weights A and B) and trigram similarity are
   read in one query and scored in Python by `matching.blend` (lexical, trigram, numbers);
3. the best `limit` are loaded with everything the serializers read (prefetched).

Newsroom staff match every claim on its working copy; anyone else only published, unretracted
claims, and only on their published copy (`published_document`, `published_claim_text`).
SQLite has no tsvector or pg_trgm: it scans the visible claims in Python (same API, rougher
lexemes, slower).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramSimilarity
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
from factcheck.claims.selectors import claim_base_queryset, visible_claims
from factcheck.core.search import search_config

CANDIDATES = 40  # per source (full text, trigram)
MIN_SCORE = 0.12  # below this a "match" shares a stray word or two: not worth a reviewer's look
SEARCH_LIMIT = 200  # ?q= and the search page rank at most this many claims
SQLITE_SCAN_LIMIT = 20_000  # the fallback reads at most the newest this many claims


@dataclass(frozen=True)
class Fields:
    """Which copy of a claim is matched: the working copy (staff) or the published one."""

    document: str
    text: str


WORKING = Fields("search_document", "claim_text")
PUBLISHED = Fields("published_document", "published_claim_text")


def fields_for(user: Any) -> Fields:
    return WORKING if is_newsroom_staff(user) else PUBLISHED


class ToArray(Func):
    """The lexemes of the claim text and quote (weights A, B) of a stored document."""

    template = "tsvector_to_array(ts_filter(%(expressions)s, '{a,b}'))"
    output_field = TextField()


def _tsquery(words: list[str]) -> SearchQuery | None:
    """An OR of the words in both configurations (english stems; simple for other languages)."""
    english = " | ".join(f"'{w}'" for w in words)
    others = " | ".join(f"'{w}'" for w in words if w not in STOP_WORDS)
    if not english:
        return None
    query = SearchQuery(english, search_type="raw", config="english")
    if others:
        query = query | SearchQuery(others, search_type="raw", config="simple")
    return query


def _query_lexemes(text: str) -> dict[str, frozenset[str]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tsvector_to_array(to_tsvector('english', %s)), "
            "tsvector_to_array(to_tsvector('simple', %s))",
            [text, text],
        )
        english, simple = cursor.fetchone()
    return {"english": frozenset(english), "simple": frozenset(simple)}


def _candidates_postgres(base: QuerySet[Claim], text: str, fields: Fields) -> list[dict]:
    words = query_words(text)
    tsquery = _tsquery(words)
    if tsquery is None:
        return []
    by_rank = list(
        base.filter(**{fields.document: tsquery})
        .annotate(rank=SearchRank(F(fields.document), tsquery))
        .order_by("-rank", "-id")
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    by_trigram = list(
        base.filter(**{f"{fields.text}__trigram_similar": text})
        .annotate(similarity=TrigramSimilarity(fields.text, text))
        .order_by("-similarity", "-id")
        .values_list("pk", flat=True)[:CANDIDATES]
    )
    ids = set(by_rank) | set(by_trigram)
    if not ids:
        return []
    rows = (
        Claim.objects.filter(pk__in=ids)
        .annotate(
            lexemes=ToArray(F(fields.document)),
            trigram=Coalesce(
                TrigramSimilarity(fields.text, text), Value(0.0), output_field=FloatField()
            ),
            matched_text=F(fields.text),
        )
        .values("pk", "lexemes", "trigram", "matched_text", "quote", "language")
    )
    lexemes = _query_lexemes(text)
    numbers = extract_numbers(text)
    scored = []
    for row in rows:
        query = Query(text, lexemes[search_config(row["language"])], numbers)
        score = score_candidate(
            query, lexemes=row["lexemes"] or (), trigram=row["trigram"],
            text=f"{row['matched_text']} {row['quote']}",
        )  # fmt: skip
        scored.append({"pk": row["pk"], "score": score})
    return scored


def _candidates_scan(base: QuerySet[Claim], text: str, fields: Fields) -> list[dict]:
    query = Query(text, simple_lexemes(text), extract_numbers(text))
    rows = base.order_by("-id").values("pk", fields.text, "quote")[:SQLITE_SCAN_LIMIT]
    scored = []
    for row in rows:
        claim_text = row[fields.text] or ""
        both = f"{claim_text} {row['quote']}"
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
    claims = claim_base_queryset().in_bulk([pk for pk, _ in ranking])
    result = []
    for pk, score in ranking:
        claim = claims[pk]
        claim.score = score
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
    rows = visible_claims(user).filter(article_id=article).values_list("pk", fields.text, "quote")
    return {pk for pk, claim_text, quote in rows if wanted in (_normal(claim_text), _normal(quote))}
