"""core.queries.prepared_cursor: statements PostgreSQL plans once per connection, with Django's
logging, error translation and time zones kept."""

from datetime import UTC, datetime

import psycopg
import pytest
from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext

from factcheck.core.queries import prepared_cursor
from tests.tools import require

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %s::bigint + 1, CAST(%s AS timestamptz)"


@pytest.fixture(autouse=True)
def _postgresql():
    require(connection.vendor == "postgresql", "PostgreSQL: prepared statements")


def prepared_statements(text):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{text}%"]
        )
        return cursor.fetchone()[0]


def test_a_statement_is_prepared_once_and_reused_with_other_parameters():
    moment = datetime(2026, 12, 2, 7, 30, 15, 250000, tzinfo=UTC)
    rows = []
    for number in (1, 2, 3):
        with prepared_cursor() as cursor:
            cursor.execute(STATEMENT, [number, moment])
            rows.append(cursor.fetchone())
    assert rows == [(2, moment), (3, moment), (4, moment)]
    assert rows[0][1].utcoffset().total_seconds() == 0  # aware, in the connection's UTC
    assert prepared_statements("::bigint + 1") == 1


def test_its_statements_are_logged_like_any_other():
    with CaptureQueriesContext(connection) as queries, prepared_cursor() as cursor:
        cursor.execute(STATEMENT, [41, datetime(2026, 1, 1, tzinfo=UTC)])
    [logged] = queries.captured_queries
    assert "%s::bigint + 1" in logged["sql"] and "41" in logged["sql"]


def test_database_errors_come_back_as_djangos():
    with pytest.raises(DataError) as error, prepared_cursor() as cursor:
        cursor.execute("SELECT 1 / CAST(%s AS int)", [0])
    assert isinstance(error.value.__cause__, psycopg.errors.DivisionByZero)
