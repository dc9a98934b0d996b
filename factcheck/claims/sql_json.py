"""Claims as the API's JSON, built inside PostgreSQL.

A claim's JSON (`claims.serializers.claim_payload`) is written by PostgreSQL as text, one value
per claim: the API's lists pass those values through (`claim_json_lines`), and the JSON Lines
export (`reports.sql_exports`) adds two keys and streams them through COPY. Python builds no
row dictionaries and encodes nothing, so a page of 1,000 claims costs about what PostgreSQL
takes to read it. Text is JSON-encoded by `to_json` (the escapes of Python's `json`); times are
written as DRF writes them. Tests compare the bytes with the Python path
(tests/api/test_claim_list_sql.py, tests/reports/test_sql_exports.py).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.expressions import RawSQL

from factcheck.claims.models import Claim, EvidenceLink, Tag
from factcheck.core.queries import prepared_cursor

# (key, source column, kind): numbers and JSON are written as they are, text is JSON-encoded.
CLAIM_JSON_FIELDS = (
    ("id", "id", "raw"),
    ("article", "article_id", "raw"),
    ("revision", "revision_number", "raw"),
    ("start", "start", "raw"),
    ("end", '"end"', "raw"),
    ("quote", "quote", "text"),
    ("prefix", "prefix", "text"),
    ("suffix", "suffix", "text"),
    ("anchor_state", "anchor_state", "text"),
    ("claim_text", "text", "text"),
    ("claimant", "claimant", "text"),
    ("verdict", "verdict_slug", "text"),
    ("rationale", "why", "text"),
    ("tags", "tags_json", "raw"),
    ("status", "status", "text"),
    ("version", "version", "raw"),
    ("author", "author_name", "text"),
    ("approver", "approver_name", "text"),
    ("evidence", "evidence_json", "raw"),
    ("created_at", "created_at", "time"),
    ("updated_at", "updated_at", "time"),
    ("published_at", "published_at", "time"),
    ("original_creator", "original_creator", "text"),
    ("original_id", "original_id", "text"),
)
# The claim's own columns a JSON object reads, beside the `claim_json_columns` annotations.
CLAIM_JSON_SOURCE = (
    "id",
    "article_id",
    "start",
    "end",
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "claimant",
    "status",
    "version",
    "created_at",
    "updated_at",
    "published_at",
    "original_creator",
    "original_id",
)


def supported() -> bool:
    return connection.vendor == "postgresql"


def json_value(expr: str) -> str:
    """A JSON value as text, as Python's json.dumps writes it (null for NULL)."""
    return f"COALESCE(to_json({expr})::text, 'null')"


def drf_time(expr: str) -> str:
    """DRF's DateTimeField as a JSON string: ISO 8601 in UTC, microseconds only when not zero,
    "Z" (null for NULL). One to_char, and no escaping (digits and punctuation only): a third of
    the time of two to_char calls and a comparison, for three times a claim."""
    iso = """'YYYY-MM-DD"T"HH24:MI:SS.US'"""
    text = f"replace(to_char({expr} AT TIME ZONE 'UTC', {iso}), '.000000', '')"
    return f"""COALESCE('"' || {text} || 'Z"', 'null')"""


def _separators(compact: bool) -> tuple[str, str]:
    """Between items and after keys: DRF's compact JSON, or json.dumps's defaults."""
    return (",", ":") if compact else (", ", ": ")


# `claims.serializers.evidence_payload`, from an evidence link's columns.
EVIDENCE_JSON_FIELDS = (
    ("id", "id", "raw"),
    ("url", "url", "text"),
    ("title", "title", "text"),
    ("publisher", "publisher", "text"),
    ("excerpt", "excerpt", "text"),
    ("stance", "stance", "text"),
    ("accessed_on", "accessed_on", "date"),
    ("archived_url", "archived_url", "text_or_null"),
)


def evidence_json(e: str, *, compact: bool = False) -> str:
    """One evidence link (table alias `e`) as `claims.serializers.evidence_payload`."""
    return object_sql(EVIDENCE_JSON_FIELDS, compact=compact, alias=e)


def claim_json_columns(*, compact: bool = False) -> dict[str, Any]:
    """Annotations of a claim queryset that `object_sql` reads beside `CLAIM_JSON_SOURCE`:
    related names, and the tags and live evidence as JSON arrays (one subquery each)."""
    item, _ = _separators(compact)
    evidence, tags = EvidenceLink._meta.db_table, Tag._meta.db_table
    claim_tags = Claim.tags.through._meta.db_table
    claim_table = f'"{Claim._meta.db_table}"'
    claim_id = f"{claim_table}.id"
    live = f"FROM {evidence} e WHERE e.claim_id = {claim_id} AND NOT e.is_removed"
    tagged = (
        f"FROM {claim_tags} ct JOIN {tags} t ON t.id = ct.tag_id WHERE ct.claim_id = {claim_id}"
    )
    return {
        "revision_number": F("revision__number"),
        "text": F("claim_text"),
        "verdict_slug": F("verdict__slug"),
        "why": F("rationale"),
        "evidence_json": _subquery(
            f"COALESCE((SELECT '[' || string_agg({evidence_json('e', compact=compact)}, "
            f"'{item}' ORDER BY e.id) || ']' {live}), '[]')"
        ),
        # `search_tags` holds the claim's tag names (every writer sets it: it feeds the search
        # document), so an untagged claim, the usual one, skips the lookup: half the query.
        "tags_json": _subquery(
            f"CASE WHEN {claim_table}.search_tags = '' THEN '[]' ELSE COALESCE((SELECT '[' || "
            f"string_agg(to_json(t.name)::text, '{item}' ORDER BY t.name) || ']' {tagged}), "
            "'[]') END"
        ),
        "author_name": F("author__username"),
        "approver_name": F("approver__username"),
    }


def object_sql(
    fields: tuple[tuple[str, str, str], ...], *, compact: bool = False, alias: str = "s"
) -> str:
    """A JSON object of a row `alias`, key by key as `fields` say (see CLAIM_JSON_FIELDS;
    kind "text_or_null": empty text is null; "date": YYYY-MM-DD)."""
    item, key = _separators(compact)
    parts = []
    for index, (name, column, kind) in enumerate(fields):
        source = f"{alias}.{column}"
        if kind == "text_or_null":
            value = json_value(f"NULLIF({source}, '')")
        elif kind == "text":
            value = json_value(source)
        elif kind == "date":
            value = json_value(f"to_char({source}, 'YYYY-MM-DD')")
        elif kind == "time":
            value = drf_time(source)
        else:
            value = source
        parts.append(f"""'{item if index else "{"}"{name}"{key}' || {value}""")
    return " || ".join(parts) + " || '}'"


def claim_json_source(queryset: QuerySet[Claim]) -> QuerySet[Claim, dict[str, Any]]:
    """`queryset` as the source rows of `claim_json_lines` (slice it for a page first)."""
    columns = claim_json_columns(compact=True)
    return (
        queryset.select_related(None)
        .prefetch_related(None)
        .annotate(**columns)
        .values(*CLAIM_JSON_SOURCE, *columns)
    )


def claim_json_lines(source: QuerySet[Claim, dict[str, Any]]) -> list[str]:
    """Each claim of `source` (a `claim_json_source`, in its order) as the API's compact JSON
    object (`claim_payload`), in one query. PostgreSQL only."""
    try:
        sql, params = source.query.sql_with_params()
    except EmptyResultSet:  # filters that match nothing (e.g. a status staff cannot list)
        return []
    line = object_sql(CLAIM_JSON_FIELDS, compact=True)
    with prepared_cursor() as cursor:
        cursor.execute(f"SELECT {line} FROM ({sql}) s", params)  # noqa: S608
        return [text for (text,) in cursor.fetchall()]


def _subquery(sql: str) -> RawSQL:
    """A correlated subquery: fixed SQL and model table names, never a request's value."""
    return RawSQL(sql, [])  # noqa: S611
