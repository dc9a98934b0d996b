"""Small query helpers shared by the apps' selectors."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Collection, Iterator, Mapping
from typing import Any

import psycopg
from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.backends.postgresql.base import TIMESTAMPTZ_OID
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.db.models import BigIntegerField, BooleanField, F, Field, Func, Model, Q, Value
from psycopg.pq import Format


class _EqualsAny(Func):
    """`column = ANY(array)`: a condition, for filter()."""

    output_field = BooleanField()

    def as_sql(  # type: ignore[override]  # Func's signature takes more than this needs
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        column, array = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        array_sql, array_params = compiler.compile(array)
        return f"{column_sql} = ANY({array_sql})", [*column_params, *array_params]


def id_in(field: str, ids: Collection[int]) -> Q | _EqualsAny:
    """`field IN ids`, as `field = ANY(%s)` with one array parameter on PostgreSQL.

    A page of 1,000 claims fetches its tags and evidence by claim id: as `IN (%s, …)` Django
    prepares a thousand parameters and psycopg parses a thousand placeholders, twice a page,
    which took longer (~10 ms) than PostgreSQL took to run both queries.
    """
    if connection.vendor != "postgresql":
        return Q(**{f"{field}__in": ids})
    array = Value(list(ids), output_field=ArrayField(BigIntegerField()))
    return _EqualsAny(F(field), array)


@contextlib.contextmanager
def prepared_cursor() -> Iterator[Any]:
    """Django's cursor, whose statements PostgreSQL parses and plans once per connection.

    For the few statements every request runs (sign-in, a claim's create, the claim list): their
    planning took longer than their execution (0.3 ms of a 0.05 ms locked read, 2-3 ms of a
    page of 1,000 claims). The parameters go to the server beside the statement (psycopg's
    server-side binding), so each must have a type the statement can infer: compare or CAST it.
    Logging, error translation and the test suite's query counting are Django's as usual.
    Other databases: Django's cursor.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.cursor.close()
            cursor.cursor = _prepared_psycopg_cursor()
        yield cursor


class _PreparedCursor(psycopg.Cursor):
    """psycopg's cursor (server-side binding) that prepares every statement it runs."""

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        return super().execute(query, params, **kwargs, prepare=True)


def _prepared_psycopg_cursor() -> _PreparedCursor:
    raw = _PreparedCursor(connection.connection)
    # As Django's own cursors: timestamps in the connection's time zone.
    loader = connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
    if connection.timezone != loader.timezone:
        register_tzloader(connection.timezone, raw)
    return raw


def insert_select(
    model: type[Model], values: Mapping[str, Any], expressions: Mapping[str, str] | None = None
) -> tuple[str, list[Any]]:
    """`INSERT INTO <model's table> (<columns>) SELECT <values>`: one row, as SQL to put in a
    data-modifying CTE (PostgreSQL), so that rows that depend on each other (a claim, its
    history row and its audit row) are written in one statement.

    `values` maps field names (attnames) to Python values, prepared for the database as Django's
    save() would (`get_db_prep_save`); `expressions` maps field names to SQL (e.g. `claim.id`
    from an earlier CTE); the caller appends any FROM. Each parameter is cast to its column's
    type: in a SELECT list an untyped NULL is text, which no integer column accepts.
    """
    sql, fields = _insert_sql(model, tuple(values), tuple((expressions or {}).items()))
    return sql, [f.get_db_prep_save(values[f.attname], connection) for f in fields]


@functools.cache
def _insert_sql(
    model: type[Model], names: tuple[str, ...], expressions: tuple[tuple[str, str], ...]
) -> tuple[str, list[Field]]:
    # Cached: the column list and casts are the same for every claim (building them took longer
    # than the insert).
    qn = connection.ops.quote_name
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    fields = [by_name[name] for name in names]
    named = [*fields, *(by_name[name] for name, _ in expressions)]
    columns = [qn(str(f.column)) for f in named]
    selects = [f"CAST(%s AS {_cast_type(f)})" for f in fields] + [sql for _, sql in expressions]
    table = qn(model._meta.db_table)
    return f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(selects)}", fields


def insert_values(instance: Model) -> dict[str, Any]:
    """What Django's save() would insert for the unsaved `instance`: its fields but the
    generated columns and an unset automatic key, after `pre_save` (which fills `auto_now`
    fields on the instance too)."""
    meta = instance._meta
    return {
        field.attname: field.pre_save(instance, add=True)
        for field in meta.concrete_fields
        if not field.generated and not (field is meta.auto_field and instance.pk is None)
    }


def _cast_type(field: Field) -> str:
    # varchar(n) would truncate silently in a CAST; the column itself still refuses overlong text
    cast = field.cast_db_type(connection) or "text"
    return "varchar" if cast.startswith("varchar(") else cast
