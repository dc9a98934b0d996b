"""Reads for "Checked before?": claims that say the same thing as a text, and claim search.

PostgreSQL, in three steps of one statement (`_RANKING`; bench/README.md has the plans):

1. candidates: for each content word of the query, up to `PER_WORD` claims whose stored,
   GIN-indexed `search_document` holds it (a UNION ALL of one lookup per word); how many a word
   finds is its rarity weight (like IDF), and the `CANDIDATES` claims holding the most weight
   go on; for short queries the best matches by trigram similarity of the claim text (`%`,
   GIN trigram index) join them, for short and reworded claims whose words stem differently;
2. the candidates' lexemes (claim text and quote: weights A and B) and trigram similarity are
   read and then scored in Python by `matching.blend` (lexical, trigram, numbers);
3. for "Checked before?" the same statement reads what the results show (flat columns, tags
   and evidence aggregated) with the candidates: no model instances, no second statement.

The statement is raw SQL with the scope's filters as its WHERE (`scope_sql`): building a
dozen querysets per request cost more than the database's work.

Newsroom staff match every claim on its working copy; anyone else only published, unretracted
claims, and only on their latest published version (`PublishedVersion.search_document`, its
claim text and quote, joined as `pv`): never on the working claim.
SQLite has no tsvector or pg_trgm: it scans the visible claims in Python (same API, rougher
lexemes, slower).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import connection
from django.db.models import Case, FloatField, QuerySet, Value, When

from factcheck.accounts.models import Viewer
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
from factcheck.claims.selectors import (
    PUBLIC_RESULT_ROW_FIELDS,
    RESULT_ROW_FIELDS,
    public_result_columns,
    public_result_row,
    result_columns,
    result_row,
    visible_claims,
    with_children,
)
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
    """Which copy of a claim is matched: the working copy (staff) or its published version
    (`version`: the columns of claims_publishedversion, joined as `pv`)."""

    document: str
    text: str
    quote: str = "quote"
    version: bool = False

    def sql(self, name: str, claim: str) -> str:
        """The column `name` of the matched copy, the claim being aliased `claim`."""
        return f'pv."{name}"' if self.version else f'{claim}."{name}"'

    def join(self, claim: str) -> str:
        if not self.version:
            return ""
        return f'JOIN "claims_publishedversion" pv ON pv."id" = {claim}."public_version_id"'

    def orm(self, name: str) -> str:
        """The ORM path of the column `name` of the matched copy, from a claim."""
        return f"public_version__{name}" if self.version else name


WORKING = Fields("search_document", "claim_text")
PUBLISHED = Fields("search_document", "claim_text", version=True)


def fields_for(user: Viewer) -> Fields:
    return WORKING if is_newsroom_staff(user) else PUBLISHED


def scope_sql(queryset: QuerySet[Claim]) -> tuple[str, list[Any]] | None:
    """`queryset`'s filters as a condition on "claims_claim" (None: it matches nothing).

    Its WHERE clause when it filters the claims table alone (what the ORM writes, used as a
    fragment of the raw statements below); `id IN (its SELECT)` when it joins other tables.
    """
    query = queryset.query
    joined = [a for a, refs in query.alias_refcount.items() if refs and a != query.base_table]
    if joined:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
        return f'"claims_claim"."id" IN ({sql})', list(params)
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except EmptyResultSet:
        return None
    except FullResultSet:
        return "TRUE", []
    return (sql or "TRUE"), list(params)


# The ranking's one statement. `words`: each content word of the query that is not an english
# stop word, with its lexemes (english, simple); `hits`: per word, up to PER_WORD claims in
# scope whose document holds one of its lexemes (`_WORD_HITS`, one arm per word); a word's
# weight is the IDF of its hit count (`_idf`); `candidates`: the CANDIDATES claims holding the
# most weight (ties: newest first), plus for short queries the best trigram matches of the
# claim text (`_TRIGRAM`). It returns the words (kind 0: position, hit count, lexemes) and the
# candidates (kind 1: id, their claim-text and quote lexemes, the trigram similarity of their
# text to the query, their texts for the figures, their language), which Python scores; for
# `claim_similar` also what its results show (`selectors.result_columns`): no second statement.
_RANKING = """
WITH words AS (
    SELECT t.ord, tsvector_to_array(to_tsvector('english', t.word)) AS english,
           tsvector_to_array(to_tsvector('simple', t.word)) AS simple
    FROM unnest(%s::text[]) WITH ORDINALITY AS t(word, ord)
    WHERE length(to_tsvector('english', t.word)) > 0
), hits AS (
    {hits}
), counts AS (
    SELECT w.ord, w.english, w.simple, (SELECT count(*) FROM hits WHERE hits.ord = w.ord) AS n
    FROM words w
), candidates AS (
    (SELECT hits.id FROM hits JOIN counts USING (ord) GROUP BY hits.id
     ORDER BY round(sum({idf})::numeric, 9) DESC, hits.id DESC
     LIMIT {candidates})
    {trigram}
)
SELECT 0, c.ord, c.n, c.english, c.simple, NULL::real, NULL::text, NULL::text, NULL::text
       {nulls}
FROM counts c
UNION ALL
SELECT 1, c."id", NULL, tsvector_to_array(ts_filter({c_document}, '{{a,b}}')),
       NULL, COALESCE(similarity({c_text}, %s), 0.0), {c_text}, {c_quote}, c."language"
       {columns}
FROM "claims_claim" c {c_join} WHERE c."id" IN (SELECT id FROM candidates)
"""
# One word's hits. Its OR-query of its english and simple lexemes (as they are) is an immutable
# expression of the word, so PostgreSQL plans each arm with the real query: the GIN index for a
# rare word, the first PER_WORD rows of a scan for a common one.
_WORD_HITS = """(
    SELECT {ord}::bigint AS ord, "claims_claim"."id" FROM "claims_claim" {join}
    WHERE length(to_tsvector('english', %s)) > 0 AND {document} @@ replace(
        strip(to_tsvector('english', %s) || to_tsvector('simple', %s))::text, ' ', ' | '
    )::tsquery AND ({scope})
    LIMIT {per_word}
)"""
_NO_HITS = "SELECT NULL::bigint AS ord, NULL::bigint AS id WHERE FALSE"
# A common word's first PER_WORD rows of a scan are the first of the table, not wherever another
# scan of the table is (PostgreSQL synchronizes the scans of large tables): the same text finds
# the same claims. LOCAL: this statement only (one query string is one transaction).
_SAME_SCAN_START = "SET LOCAL synchronize_seqscans = off; "
_TRIGRAM = """UNION (
    SELECT "claims_claim"."id" FROM "claims_claim" {join}
    WHERE {text} %% %s AND ({scope})
    ORDER BY similarity({text}, %s) DESC, "claims_claim"."id" DESC
    LIMIT {limit}
)"""


def _idf(hits: int) -> float:
    """Rarer words weigh more: `hits` is how many claims hold the word, counted up to PER_WORD
    (a word in PER_WORD claims or more is "common" and weighs 1). `_RANKING` says it in SQL."""
    return 1.0 + math.log((PER_WORD + 1) / (hits + 0.5))


def _candidates_postgres(
    base: QuerySet[Claim], text: str, fields: Fields, *, rows: bool = False
) -> list[dict]:
    """The candidates of `_RANKING`, scored (with `rows`: each with its `result_columns`
    values). One raw statement: building querysets per request cost more than the database's
    work (bench/README.md, "Checked before?")."""
    scope = scope_sql(base)
    if scope is None:
        return []
    where, where_params = scope
    words = [w for w in query_words(text, limit=MAX_WORDS) if w not in STOP_WORDS]
    params: list[Any] = [words]  # in the order of their placeholders
    arms = []
    table = '"claims_claim"'
    join, document, matched = (
        fields.join(table),
        fields.sql(fields.document, table),
        fields.sql(fields.text, table),
    )
    for ord_, word in enumerate(words, start=1):
        arms.append(
            _WORD_HITS.format(
                ord=ord_, document=document, scope=where, join=join, per_word=PER_WORD
            )
        )
        params += [word, word, word, *where_params]
    trigram = ""
    if len(words) <= SHORT_QUERY_WORDS:
        trigram = _TRIGRAM.format(text=matched, scope=where, join=join, limit=TRIGRAM_CANDIDATES)
        params += [text, *where_params, text]
    params.append(text)
    columns = (
        (public_result_columns("c") if fields.version else result_columns("c")) if rows else ()
    )
    sql = _RANKING.format(
        hits=" UNION ALL ".join(arms) or _NO_HITS,
        c_document=fields.sql(fields.document, "c"),
        c_text=fields.sql(fields.text, "c"),
        c_quote=fields.sql(fields.quote, "c"),
        c_join=fields.join("c"),
        idf=f"1 + ln({PER_WORD} + 1.0::float8) - ln(counts.n + 0.5::float8)",
        candidates=CANDIDATES,
        trigram=trigram,
        nulls=", NULL" * len(columns),
        columns="".join(f", {column}" for column in columns),
    )
    with connection.cursor() as cursor:
        cursor.execute(_SAME_SCAN_START + sql, params)
        cursor.nextset()  # the SELECT's rows
        found = cursor.fetchall()
    words_rows = sorted(row[1:5] for row in found if row[0] == 0)  # in query order
    weight_of: dict[str, dict[str, float]] = {"english": {}, "simple": {}}
    for _, hits, english, simple in words_rows:
        for lexeme in english:
            weight_of["english"][lexeme] = _idf(hits)
        for lexeme in simple:
            weight_of["simple"][lexeme] = _idf(hits)
    numbers = extract_numbers(text)
    scored = []
    for kind, pk, _, document, _, trigram, matched_text, quote, language, *values in found:
        if kind == 1:
            query = Query(text, weight_of[search_config(language)], numbers)
            score = score_candidate(
                query,
                lexemes=document or (),
                trigram=trigram,
                text=f"{matched_text or ''} {quote}",
            )
            scored.append({"pk": pk, "score": score, "values": values})
    return scored


def _candidates_scan(base: QuerySet[Claim], text: str, fields: Fields) -> list[dict]:
    query = Query(text, dict.fromkeys(simple_lexemes(text), 1.0), extract_numbers(text))
    text_key, quote_key = fields.orm(fields.text), fields.orm(fields.quote)
    rows = base.order_by("-id").values("pk", text_key, quote_key)[:SQLITE_SCAN_LIMIT]
    scored = []
    for row in rows:
        claim_text = row[text_key] or ""
        both = f"{claim_text} {row[quote_key]}"
        score = score_candidate(
            query,
            lexemes=simple_lexemes(both),
            trigram=trigram_similarity(claim_text, text),
            text=both,
        )
        scored.append({"pk": row["pk"], "score": score})
    return scored


def _ranking(
    *,
    user: Viewer,
    text: str,
    base: QuerySet[Claim] | None,
    limit: int,
    exclude: int | None,
    rows: bool = False,
) -> list[dict[str, Any]]:
    """The best `limit` scored candidates ({pk, score[, values]}), best first."""
    fields = fields_for(user)
    queryset = visible_claims(user) if base is None else base
    queryset = queryset.order_by()
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude)
    if not query_words(text):
        return []
    if connection.vendor == "postgresql":
        scored = _candidates_postgres(queryset, text, fields, rows=rows)
    else:
        scored = _candidates_scan(queryset, text, fields)
    scored = [row for row in scored if row["score"] >= MIN_SCORE]
    scored.sort(key=lambda row: (-row["score"], -row["pk"]))
    return scored[:limit]


def ranked_ids(
    *,
    user: Viewer,
    text: str,
    base: QuerySet[Claim] | None = None,
    limit: int = 5,
    exclude: int | None = None,
) -> list[tuple[int, float]]:
    """[(claim id, score)] best first: the claims `user` may see that match `text`."""
    ranking = _ranking(user=user, text=text, base=base, limit=limit, exclude=exclude)
    return [(row["pk"], row["score"]) for row in ranking]


def claim_similar(
    *, user: Viewer, text: str, limit: int = 5, exclude: int | None = None
) -> list[dict[str, Any]]:
    """Up to `limit` earlier claims that say the same thing as `text`, best first: flat rows
    (`selectors.RESULT_ROW_NAMES`) each with its `score`. No model instances; on PostgreSQL
    the rows come with the ranking, in its one statement (bench/similar/bench_similar.py)."""
    ranking = _ranking(user=user, text=text, base=None, limit=limit, exclude=exclude, rows=True)
    public = fields_for(user).version
    if connection.vendor == "postgresql":
        as_row = public_result_row if public else result_row
        return [as_row(row["values"]) | {"score": row["score"]} for row in ranking]
    queryset = Claim.objects.filter(pk__in=[row["pk"] for row in ranking])
    if public:
        found = {row["id"]: row for row in queryset.values(*PUBLIC_RESULT_ROW_FIELDS)}
        return [found[row["pk"]] | {"score": row["score"]} for row in ranking]
    found = {row["id"]: row for row in with_children(list(queryset.values(*RESULT_ROW_FIELDS)))}
    return [found[row["pk"]] | {"score": row["score"]} for row in ranking]


def with_ranking(queryset: QuerySet[Claim], *, user: Viewer, q: str) -> QuerySet[Claim]:
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


def duplicates_among(
    rows: list[dict[str, Any]], *, user: Viewer, article: int, text: str
) -> set[int]:
    """The `claim_similar` rows of `article` that say exactly `text` (same words, any case or
    punctuation) in their claim text (the copy `user` matches) or quote: a reviewer about to
    check it again is warned before saving. No query: the rows hold both texts."""
    wanted = _normal(text)
    if not wanted:
        return set()
    fields = fields_for(user)
    text_key, quote_key = fields.orm(fields.text), fields.orm(fields.quote)
    return {
        row["id"]
        for row in rows
        if row["article_id"] == article
        and wanted in (_normal(row[text_key] or ""), _normal(row[quote_key]))
    }
