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
from django.urls import reverse

from factcheck.accounts.models import User
from factcheck.articles.models import Article, ArticleRevision
from factcheck.claims.models import Claim, EvidenceLink, Rating, Tag
from factcheck.reports.exporters.common import absolute
from factcheck.reports.selectors import ExportScope

LINES_PER_CHUNK = 1000
_TRIGGERS = "('=', '+', '-', '@', E'\\t', E'\\r')"  # csv_export.FORMULA_TRIGGERS


def supported() -> bool:
    return connection.vendor == "postgresql"


def _report_url_parts() -> tuple[str, str]:
    """(before, after) the article id in the public report URL (`report_url`)."""
    marker = "987654321"
    before, after = absolute(reverse("reports:report", args=[int(marker)])).split(marker)
    return before, after


def export_source(scope: ExportScope) -> tuple[str, list[Any]]:
    """SELECT of one flat row per claim of `scope`, in export order, with every column an
    export writes. The public view reads the published snapshot (verdict, rationale, text)."""
    ids_sql, ids_params = scope.claims.order_by().values("id").query.sql_with_params()
    verdict = "published_verdict_id" if scope.public else "verdict_id"
    if scope.public:
        claim_text = "COALESCE(NULLIF(c.published_claim_text, ''), c.claim_text)"
        rationale = "c.published_rationale"
    else:
        claim_text, rationale = "c.claim_text", "c.rationale"
    before, after = _report_url_parts()
    tables = {
        "claim": Claim._meta.db_table, "article": Article._meta.db_table,
        "revision": ArticleRevision._meta.db_table, "user": User._meta.db_table,
        "rating": Rating._meta.db_table, "evidence": EvidenceLink._meta.db_table,
        "tag": Tag._meta.db_table, "claim_tags": Claim.tags.through._meta.db_table,
    }  # fmt: skip
    sql = f"""
        SELECT c.id, c.article_id, a.title AS article_title,
               COALESCE(NULLIF(a.url, ''), %s || a.id || %s) AS article_url,
               r.number AS revision, c.start, c."end", c.quote, c.prefix, c.suffix,
               c.anchor_state, {claim_text} AS claim_text, c.claimant, v.slug AS verdict,
               v.label AS verdict_label, {rationale} AS rationale, ev.urls AS evidence_urls,
               COALESCE(ev.json, '[]') AS evidence_json, tg.names AS tags,
               COALESCE(tg.json, '[]') AS tags_json, au.username AS author,
               ap.username AS approver, c.status, c.version, c.created_at, c.updated_at,
               c.submitted_at, c.approved_at, c.published_at
        FROM {tables["claim"]} c
        JOIN {tables["article"]} a ON a.id = c.article_id
        JOIN {tables["revision"]} r ON r.id = c.revision_id
        JOIN {tables["user"]} au ON au.id = c.author_id
        LEFT JOIN {tables["user"]} ap ON ap.id = c.approver_id
        LEFT JOIN {tables["rating"]} v ON v.id = c.{verdict}
        LEFT JOIN LATERAL (
            SELECT string_agg(e.url, ' ' ORDER BY e.id) AS urls,
                   '[' || string_agg({_evidence_json("e")}, ', ' ORDER BY e.id) || ']' AS json
            FROM {tables["evidence"]} e WHERE e.claim_id = c.id AND NOT e.is_removed
        ) ev ON true
        LEFT JOIN LATERAL (
            SELECT string_agg(t.name, ' ' ORDER BY t.name) AS names,
                   '[' || string_agg(to_json(t.name)::text, ', ' ORDER BY t.name) || ']' AS json
            FROM {tables["claim_tags"]} ct JOIN {tables["tag"]} t ON t.id = ct.tag_id
            WHERE ct.claim_id = c.id
        ) tg ON true
        WHERE c.id IN ({ids_sql})
        ORDER BY c.article_id, c.start, c."end", c.id
    """  # noqa: S608 - table names from the models; values are bound parameters
    return sql, [before, after, *ids_params]


# --- one line per row -----------------------------------------------------------------------


def _json(expr: str) -> str:
    """A JSON value as text, as Python's json.dumps writes it (null for NULL)."""
    return f"COALESCE(to_json({expr})::text, 'null')"


def _drf_time(expr: str) -> str:
    """DRF's DateTimeField text: ISO 8601 in UTC, microseconds only when not zero, "Z"."""
    utc = f"({expr} AT TIME ZONE 'UTC')"
    return (
        f"""to_char({utc}, 'YYYY-MM-DD"T"HH24:MI:SS') || CASE WHEN date_trunc('second', {utc})"""
        f""" = {utc} THEN '' ELSE to_char({utc}, '.US') END || 'Z'"""
    )


def _evidence_json(e: str) -> str:
    """One evidence link as `claims.serializers.evidence_payload` (json.dumps separators)."""
    return (
        f"""'{{"id": ' || {e}.id || ', "url": ' || {_json(f"{e}.url")}"""
        f""" || ', "title": ' || {_json(f"{e}.title")}"""
        f""" || ', "publisher": ' || {_json(f"{e}.publisher")}"""
        f""" || ', "excerpt": ' || {_json(f"{e}.excerpt")}"""
        f""" || ', "stance": ' || {_json(f"{e}.stance")}"""
        f""" || ', "accessed_on": ' || {_json(f"to_char({e}.accessed_on, 'YYYY-MM-DD')")}"""
        f""" || ', "archived_url": ' || {_json(f"NULLIF({e}.archived_url, '')")} || '}}'"""
    )


JSONL_FIELDS = (
    ("id", "s.id"), ("article", "s.article_id"), ("revision", "s.revision"),
    ("start", "s.start"), ("end", 's."end"'), ("quote", None), ("prefix", None),
    ("suffix", None), ("anchor_state", None), ("claim_text", None), ("claimant", None),
    ("verdict", None), ("rationale", None), ("tags", "s.tags_json"), ("status", None),
    ("version", "s.version"), ("author", None), ("approver", None),
    ("evidence", "s.evidence_json"), ("created_at", "time"), ("updated_at", "time"),
    ("published_at", "time"), ("article_title", None), ("article_url", None),
)  # fmt: skip


def jsonl_line() -> str:
    """The JSONL line of a source row `s`: `jsonl_export.claim_record` as json.dumps writes it."""
    parts = []
    for index, (key, raw) in enumerate(JSONL_FIELDS):
        if raw is None:
            value = _json(f"s.{key}")
        elif raw == "time":
            value = f"COALESCE(to_json({_drf_time(f's.{key}')})::text, 'null')"
        else:
            value = raw
        parts.append(f"""'{", " if index else "{"}"{key}": ' || {value}""")
    return " || ".join(parts) + " || '}' || E'\\n'"


CSV_FIELDS = (
    "id", "article_id", "article_title", "article_url", "revision", "start", '"end"', "quote",
    "prefix", "suffix", "anchor_state", "claim_text", "claimant", "verdict", "verdict_label",
    "rationale", "evidence_urls", "tags", "author", "approver", "status", "created_at",
    "updated_at", "submitted_at", "approved_at", "published_at",
)  # fmt: skip
_CSV_TIMES = {"created_at", "updated_at", "submitted_at", "approved_at", "published_at"}
_CSV_NUMBERS = {"id", "article_id", "revision", "start", '"end"'}


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
    return (
        f"""CASE WHEN {safe} ~ '[",\\r\\n]' THEN '"' || replace({safe}, '"', '""') || '"'"""
        f" ELSE {safe} END"
    )


def csv_line() -> str:
    """The CSV line of a source row `s` (CRLF ended, as csv.writer's default dialect)."""
    return " || ',' || ".join(_csv_cell(column) for column in CSV_FIELDS) + " || E'\\r\\n'"


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
