"""Full-text search plumbing shared by articles and claims (PostgreSQL; SQLite degrades).

`WeightedDocument` is the expression of a stored generated `tsvector` column: each text column
gets a weight (A..D) and the text search configuration is chosen per row from a language
column: `english` for languages starting with "en" (the default), `simple` for the others
(no stemming, no stop words: safe for any language). On SQLite the column holds NULL and the
selectors fall back to a scan in Python.

`PostgresOnlyAddIndex` creates an index only on PostgreSQL (GIN indexes and trigram operator
classes do not exist elsewhere), so the same migrations run on the SQLite laptop default.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVectorField
from django.db.migrations.operations import AddIndex
from django.db.models import F, Func

CONFIGS = ("english", "simple")


def search_config(language: str) -> str:
    """The PostgreSQL text search configuration for an article language code."""
    return "english" if (language or "en").lower().startswith("en") else "simple"


class WeightedDocument(Func):
    """setweight(to_tsvector(cfg, coalesce(col, '')), weight) || ... for each (column, weight),
    with cfg picked by a CASE on `language_field` (constant configs: the expression is
    immutable, as a generated column requires)."""

    output_field = SearchVectorField()

    def __init__(
        self,
        language_field: str,
        *weighted: tuple[str, str],
        stripped: bool = False,
        max_chars: int | None = None,
        **extra: Any,
    ) -> None:
        # stripped: no positions or weights (a whole article body stays far under the 1 MB
        # tsvector limit); max_chars: only the first characters of each column are indexed.
        self.language_field, self.weighted = language_field, weighted
        self.weights = [weight for _, weight in weighted]
        self.stripped, self.max_chars = stripped, max_chars
        super().__init__(F(language_field), *(F(column) for column, _ in weighted), **extra)

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list]:
        if connection.vendor != "postgresql":
            return "NULL", []
        language_sql, params = compiler.compile(self.source_expressions[0])
        columns = []
        for expression in self.source_expressions[1:]:
            sql, column_params = compiler.compile(expression)
            if column_params:  # columns only: a generated column takes no parameters
                raise ValueError("WeightedDocument takes plain columns.")
            columns.append(sql)

        def text(column: str) -> str:
            text = f"COALESCE({column}, '')"
            return f"left({text}, {int(self.max_chars)})" if self.max_chars else text

        def vector(config: str) -> str:
            parts = [
                f"setweight(to_tsvector('{config}'::regconfig, {text(column)}), '{weight}')"
                for column, weight in zip(columns, self.weights, strict=True)
            ]
            joined = " || ".join(parts)
            return f"strip({joined})" if self.stripped else joined

        sql = (
            f"(CASE WHEN left(lower({language_sql}), 2) = 'en' OR {language_sql} = '' "
            f"THEN {vector('english')} ELSE {vector('simple')} END)"
        )
        return sql, params

    def deconstruct(self) -> tuple[str, tuple, dict]:
        path = f"{self.__class__.__module__}.{self.__class__.__name__}"
        language, weighted = self.language_field, tuple(self.weighted)
        kwargs: dict[str, Any] = {}
        if self.stripped:
            kwargs["stripped"] = True
        if self.max_chars:
            kwargs["max_chars"] = self.max_chars
        return path, (language, *weighted), kwargs


class PostgresOnlyAddIndex(AddIndex):
    """AddIndex that leaves non-PostgreSQL databases alone (the state still has the index)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
