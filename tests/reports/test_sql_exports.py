"""On PostgreSQL the CSV and JSONL exports are built by the database and streamed through COPY
(reports.sql_exports): their bytes must be those of the Python exporters, which remain the
path on SQLite."""

import csv

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict

from factcheck.claims.filters import ExportFilterSet
from factcheck.claims.services import evidence_add
from factcheck.reports import selectors, sql_exports
from factcheck.reports.exporters import csv_export, jsonl_export
from tests.tools import require


@pytest.fixture(autouse=True)
def _postgresql():
    require(connection.vendor == "postgresql", "PostgreSQL: COPY exports are PostgreSQL only")


def _scope(user, **filters):
    """The export scope of these query parameters, parsed as the API parses them."""
    query = QueryDict(mutable=True)
    for name, value in filters.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    filterset = ExportFilterSet(query)
    assert filterset.is_valid(), filterset.errors
    return selectors.export_scope(user=user, filters=filterset)


def _python(scope, exporter) -> bytes:
    lines = exporter(selectors.export_rows(scope), public=scope.public)
    return "".join(lines).encode()


@pytest.fixture
def rich(report_article, editor, reviewer):
    """The report article, plus evidence with every field set and one hidden link."""
    draft = report_article.claims_by_name["draft"]
    evidence_add(actor=reviewer, claim=draft, url="https://e.example/é?q=\"x\"",
                 title="Tab\there, new\nline, \u2028 and \\ backslash", publisher="P",
                 excerpt="=1+1", accessed_on="2025-01-02",
                 archived_url="https://archive.example/1")  # fmt: skip
    return report_article


@pytest.mark.parametrize("status", [[], ["draft", "approved", "published"]])
def test_sql_jsonl_is_the_python_jsonl_byte_for_byte(rich, editor, status):
    scope = _scope(editor, status=status)
    expected = _python(scope, jsonl_export.jsonl_lines)
    assert expected.count(b"\n") == (2 if not status else 4)
    assert (
        b"".join(sql_exports.copy_lines(scope, sql_exports.jsonl_line(public=scope.public)))
        == expected
    )


@pytest.mark.parametrize("status", [[], ["draft", "approved", "published"]])
def test_sql_csv_is_the_python_csv_byte_for_byte(rich, editor, status):
    scope = _scope(editor, status=status)
    _header, *rows = list(csv_export.csv_lines(selectors.export_rows(scope), public=scope.public))
    produced = b"".join(sql_exports.copy_lines(scope, sql_exports.csv_line(public=scope.public)))
    assert produced == "".join(rows).encode()
    assert produced.count(b"\r\n") >= len(rows)


def test_the_public_scope_shows_only_published_claims_for_anyone(rich):
    scope = _scope(AnonymousUser(), status=["draft"])
    produced = b"".join(
        sql_exports.copy_lines(scope, sql_exports.jsonl_line(public=scope.public))
    ).decode()
    assert produced.count("\n") == 0  # a status filter only narrows the published set
    scope = _scope(AnonymousUser())
    produced = b"".join(
        sql_exports.copy_lines(scope, sql_exports.jsonl_line(public=scope.public))
    ).decode()
    assert produced.count("\n") == 2 and "Not yet published" not in produced
    assert produced.encode() == _python(scope, jsonl_export.jsonl_lines)


def test_a_hostile_filter_value_is_a_bound_parameter(rich, editor):
    scope = _scope(editor, status=["draft"], claimant="'; DROP TABLE claims_claim; --")
    assert b"".join(sql_exports.copy_lines(scope, sql_exports.csv_line(public=scope.public))) == b""
    scope = _scope(editor, status=["draft"])
    assert b"".join(sql_exports.copy_lines(scope, sql_exports.csv_line(public=scope.public)))


# Every branch of a CSV text cell: each formula trigger first, each character csv.writer
# quotes, both at once, neither, empty and NULL (the usual cell takes a shortcut in SQL).
CELLS = [
    "plain words", "", None, "=1+1", "+44 20", "-3 %", "@handle", "\ttab first", "\rcr first",
    "a, b", 'say "so"', "two\nlines", "cr\rinside", "=SUM(A1), then", '-"x"', "\n", ",",
    "trailing -", "mid = sign", "é ✓ \u2028 \\ back",
]  # fmt: skip


class _Echo:
    def write(self, value: str) -> str:
        return value


@pytest.mark.django_db
@pytest.mark.parametrize("value", CELLS)
def test_a_csv_text_cell_is_what_csv_writer_writes(value):
    sql = sql_exports._csv_cell("quote")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql} FROM (SELECT %s::text AS quote) s", [value])
        (produced,) = cursor.fetchone()
    # Between two cells: alone on its line, an empty cell would be written '""'.
    expected = csv_export.neutralise("" if value is None else value)
    assert f"a,{produced},b\r\n" == csv.writer(_Echo()).writerow(["a", expected, "b"])
