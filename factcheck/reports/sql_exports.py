"""CSV and JSON Lines exports at the speed of the database (PostgreSQL).

Each export line is built inside PostgreSQL (quoting, escaping, timestamps, evidence and tags
aggregated per claim) and streamed through psycopg's COPY API in the binary format: Python
only joins the lines into chunks, so 100,000 claims stream in about the time of a plain COPY of
the same rows, in flat memory. The bytes are those of the Python exporters
(`csv_export`, `jsonl_export`), which stay the path on SQLite; tests compare the two.

`export_source` is the one place that says where an export's columns come from (today: the
claim, its published snapshot for the public; the rows chosen by the export's queryset).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from typing import Any

from django.db import connection
from django.db.models import F, Func, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce, Concat, NullIf

from factcheck.claims.models import Claim, EvidenceLink, Tag
from factcheck.claims.sql_json import (
    CLAIM_JSON_FIELDS,
    CLAIM_JSON_SOURCE,
    claim_json_columns,
    object_sql,
)
from factcheck.reports.exporters.common import report_url_parts
from factcheck.reports.selectors import ExportScope

LINES_PER_CHUNK = 1000
_TRIGGERS = "('=', '+', '-', '@', E'\\t', E'\\r')"  # csv_export.FORMULA_TRIGGERS
# A cell that csv_export changes: it starts with a trigger, or holds what csv.writer quotes.
_NEEDS_CARE = r'^[=+@\t\r-]|[",\r\n]'


def supported() -> bool:
    return connection.vendor == "postgresql"


def _raw(sql: str) -> RawSQL:
    """A correlated subquery: fixed SQL and model table names, never a request's value."""
    return RawSQL(sql, [])  # noqa: S611


class _JsonbUrls(Func):
    """The `url` of each object of a JSON array, space-separated, in array order."""

    template = (
        "(SELECT string_agg(e.v->>'url', ' ' ORDER BY e.n)"
        " FROM jsonb_array_elements(%(expressions)s) WITH ORDINALITY AS e(v, n))"
    )
    output_field = TextField()


class _JsonbWords(Func):
    """The strings of a JSON array, space-separated, in array order."""

    template = (
        "(SELECT string_agg(t.v, ' ' ORDER BY t.n)"
        " FROM jsonb_array_elements_text(%(expressions)s) WITH ORDINALITY AS t(v, n))"
    )
    output_field = TextField()


def _article_url() -> Coalesce:
    before, after = report_url_parts()
    text = TextField()
    return Coalesce(
        NullIf(F("article__url"), Value(""), output_field=text),
        Concat(Value(before), Cast("article_id", text), Value(after), output_field=text),
        output_field=text,
    )


# The public columns, every one from the claim's published version (p_: not a Claim field).
_VERSION_COLUMNS = {
    "p_start": "start",
    "p_end": "end",
    "p_quote": "quote",
    "p_prefix": "prefix",
    "p_suffix": "suffix",
    "p_text": "claim_text",
    "p_claimant": "claimant",
    "p_claimant_kind": "claimant_kind",
    "p_verdict_slug": "verdict_slug",
    "p_verdict_label": "verdict_label",
    "p_rationale": "rationale",
    "p_author": "author_name",
    "p_approver": "approver_name",
    "p_number": "number",
    "p_kind": "kind",
    "p_note": "note",
    "p_approved_at": "approved_at",
    "p_first_published_at": "first_published_at",
    "p_published_at": "published_at",
}


def _public_source(scope: ExportScope) -> tuple[str, list[Any]]:
    """`export_source` of the public: the published version's columns only."""
    evidence, tags = F("public_version__evidence"), F("public_version__tags")
    columns: dict[str, Any] = {
        "article_title": F("article__title"),
        "article_url": _article_url(),
        **{alias: F(f"public_version__{name}") for alias, name in _VERSION_COLUMNS.items()},
        "p_evidence_urls": _JsonbUrls(evidence),
        "p_tag_names": _JsonbWords(tags),
        "p_evidence_json": Cast(evidence, TextField()),
        "p_tags_json": Cast(tags, TextField()),
    }
    queryset = (
        scope.claims.select_related(None)
        .prefetch_related(None)
        .annotate(**columns)
        .values("id", "article_id", *columns)
        .order_by("article_id", "start", "end", "id")
    )
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


def export_source(scope: ExportScope) -> tuple[str, list[Any]]:
    """SELECT of one flat row per claim of `scope`, in export order, with every column an
    export writes. The public view reads the published version only (`_public_source`).

    Built by the ORM from the scope's own queryset, so its filters are the WHERE clause of
    this query (no `IN (subquery)`, which PostgreSQL may join quadratically on fresh tables).
    """
    if scope.public:
        return _public_source(scope)
    evidence, tags = EvidenceLink._meta.db_table, Tag._meta.db_table
    claim_tags = Claim.tags.through._meta.db_table
    claim_id = f'"{Claim._meta.db_table}"."id"'
    live = f"FROM {evidence} e WHERE e.claim_id = {claim_id} AND NOT e.is_removed"
    tagged = (
        f"FROM {claim_tags} ct JOIN {tags} t ON t.id = ct.tag_id WHERE ct.claim_id = {claim_id}"
    )
    columns: dict[str, Any] = {
        **claim_json_columns(),
        "article_title": F("article__title"),
        "article_url": _article_url(),
        "verdict_label": F("verdict__label"),
        "evidence_urls": _raw(f"(SELECT string_agg(e.url, ' ' ORDER BY e.id) {live})"),
        "tag_names": _raw(f"(SELECT string_agg(t.name, ' ' ORDER BY t.name) {tagged})"),
    }
    queryset = (
        scope.claims.select_related(None)
        .prefetch_related(None)
        .annotate(**columns)
        .values(*CLAIM_JSON_SOURCE, "submitted_at", "approved_at", *columns)
        .order_by("article_id", "start", "end", "id")
    )
    sql, params = queryset.query.sql_with_params()
    return sql, list(params)


# --- one line per row -----------------------------------------------------------------------


JSONL_FIELDS = (  # `jsonl_export.claim_record`: the API's claim and where it is
    *CLAIM_JSON_FIELDS,
    ("article_title", "article_title", "text"),
    ("article_url", "article_url", "text"),
)


# `jsonl_export.public_record`, from `_public_source` columns.
PUBLIC_JSONL_FIELDS = (
    ("id", "id", "raw"),
    ("article", "article_id", "raw"),
    ("start", "p_start", "raw"),
    ("end", "p_end", "raw"),
    ("quote", "p_quote", "text"),
    ("prefix", "p_prefix", "text"),
    ("suffix", "p_suffix", "text"),
    ("claim_text", "p_text", "text"),
    ("claimant", "p_claimant", "text"),
    ("claimant_kind", "p_claimant_kind", "text_or_null"),
    ("verdict", "p_verdict_slug", "text_or_null"),
    ("verdict_label", "p_verdict_label", "text_or_null"),
    ("rationale", "p_rationale", "text"),
    ("tags", "p_tags_json", "raw"),
    ("evidence", "p_evidence_json", "raw"),
    ("author", "p_author", "text"),
    ("approver", "p_approver", "text_or_null"),
    ("version", "p_number", "raw"),
    ("version_kind", "p_kind", "text"),
    ("version_note", "p_note", "text"),
    ("approved_at", "p_approved_at", "time"),
    ("published_at", "p_first_published_at", "time"),
    ("updated_at", "p_published_at", "time"),
    ("article_title", "article_title", "text"),
    ("article_url", "article_url", "text"),
)


def jsonl_line(*, public: bool = False) -> str:
    """The JSONL line of a source row `s`: `jsonl_export.claim_record` (or `public_record`) as
    json.dumps writes it."""
    return object_sql(PUBLIC_JSONL_FIELDS if public else JSONL_FIELDS) + " || E'\\n'"


CSV_FIELDS = (  # csv_export.COLUMNS, as source columns
    "id",
    "article_id",
    "article_title",
    "article_url",
    "revision_number",
    "start",
    '"end"',
    "quote",
    "prefix",
    "suffix",
    "anchor_state",
    "text",
    "claimant",
    "verdict_slug",
    "verdict_label",
    "why",
    "evidence_urls",
    "tag_names",
    "author_name",
    "approver_name",
    "status",
    "created_at",
    "updated_at",
    "submitted_at",
    "approved_at",
    "published_at",
)
PUBLIC_CSV_FIELDS = (  # csv_export.PUBLIC_COLUMNS, as `_public_source` columns
    "id",
    "article_id",
    "article_title",
    "article_url",
    "p_start",
    "p_end",
    "p_quote",
    "p_prefix",
    "p_suffix",
    "p_text",
    "p_claimant",
    "p_claimant_kind",
    "p_verdict_slug",
    "p_verdict_label",
    "p_rationale",
    "p_evidence_urls",
    "p_tag_names",
    "p_author",
    "p_approver",
    "p_number",
    "p_kind",
    "p_note",
    "p_approved_at",
    "p_first_published_at",
    "p_published_at",
)
_CSV_TIMES = {
    "created_at",
    "updated_at",
    "submitted_at",
    "approved_at",
    "published_at",
    "p_approved_at",
    "p_first_published_at",
    "p_published_at",
}
_CSV_NUMBERS = {
    "id",
    "article_id",
    "revision_number",
    "start",
    '"end"',
    "p_start",
    "p_end",
    "p_number",
}


def _csv_cell(column: str) -> str:
    """csv.writer's QUOTE_MINIMAL of `csv_export.neutralise(value)`; NULL is empty."""
    if column in _CSV_NUMBERS:
        return f"s.{column}::text"
    if column in _CSV_TIMES:
        return (
            f"""COALESCE(to_char(s.{column} AT TIME ZONE 'UTC', """
            f"""'YYYY-MM-DD"T"HH24:MI:SS"Z"'), '')"""
        )
    text = f"COALESCE(s.{column}, '')"
    safe = f"CASE WHEN left({text}, 1) IN {_TRIGGERS} THEN '''' || {text} ELSE {text} END"
    quoted = (
        f"""CASE WHEN {safe} ~ '[",\\r\\n]' THEN '"' || replace({safe}, '"', '""') || '"'"""
        f" ELSE {safe} END"
    )
    # PostgreSQL evaluates a repeated expression each time it is written: one test first, so
    # that a cell needing neither change (most cells) costs that test and its value only.
    return f"CASE WHEN s.{column} ~ '{_NEEDS_CARE}' THEN {quoted} ELSE {text} END"


def csv_line(*, public: bool = False) -> str:
    """The CSV line of a source row `s` (CRLF ended, as csv.writer's default dialect)."""
    fields = PUBLIC_CSV_FIELDS if public else CSV_FIELDS
    return " || ',' || ".join(_csv_cell(column) for column in fields) + " || E'\\r\\n'"


# --- streaming ------------------------------------------------------------------------------


def copy_lines(scope: ExportScope, line_sql: str) -> Iterator[bytes]:
    """Stream `line_sql` over the scope's source rows through COPY, in chunks of lines.

    COPY (binary) hands psycopg one text value per row; the parameters are merged by psycopg
    (client-side, adapted as literals), never formatted into the text by us.
    """
    source, params = export_source(scope)
    statement = f"COPY (SELECT {line_sql} FROM ({source}) s) TO STDOUT (FORMAT BINARY)"  # noqa: S608
    django_cursor = connection.cursor()
    debug = getattr(django_cursor, "debug_sql", None)  # counted like any query in tests
    logged = debug(statement, params) if debug else nullcontext()
    with django_cursor, logged, django_cursor.cursor.copy(statement, params) as copy:
        copy.set_types(["text"])
        lines: list[str] = []
        for (line,) in copy.rows():
            lines.append(line)
            if len(lines) >= LINES_PER_CHUNK:
                yield "".join(lines).encode()
                lines.clear()
        if lines:
            yield "".join(lines).encode()
