"""Roles are Django groups; these predicates are the only place that names them."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection

from factcheck.accounts.models import Viewer
from factcheck.core.queries import prepared_cursor

REVIEWER = "Reviewer"
EDITOR = "Editor"


def _group_names(user: Viewer) -> frozenset[str]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_factcheck_groups", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        setattr(user, "_factcheck_groups", cached)  # noqa: B010 - a per-request cache
    return cached


def remember_groups(user: Viewer, names: Iterable[str]) -> None:
    """Give `user` the names of its groups, read with the user, so no predicate asks again."""
    user._factcheck_groups = frozenset(names)  # type: ignore[union-attr]


def load_user(
    where: str, params: Sequence[Any], *, join: str = "", extra: Sequence[str] = ()
) -> tuple[Any, tuple[Any, ...]] | None:
    """The user matching `where` (the user table is `u`) with its group names, in one query.

    PostgreSQL only (the names come as an ARRAY subquery); the SQL is built once from the user
    model, not compiled by the ORM on every request (token and session sign-ins run it on every
    request: the ORM's compiling took 1 ms, four times the query). The columns in `extra` (from
    tables in `join`) come back as a tuple beside the user. None if no user matches.
    """
    names, columns, table = _user_columns()
    # Names from the models and the callers' own SQL; the values are parameters.
    sql = f"SELECT {', '.join([*extra, columns])} FROM {table} u {join} WHERE {where}"  # noqa: S608
    with prepared_cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    values = row[len(extra) :]
    user = get_user_model().from_db(connection.alias, names, values[: len(names)])
    remember_groups(user, values[len(names)] or ())
    return user, tuple(row[: len(extra)])


@functools.cache
def _user_columns() -> tuple[list[str], str, str]:
    """The user model's field names, its columns (as `u`) with its group names last, and its
    table."""
    qn = connection.ops.quote_name
    user_model = get_user_model()
    fields = user_model._meta.concrete_fields
    through = user_model.groups.through._meta
    member, group = str(through.get_field("user").column), str(through.get_field("group").column)
    groups = (
        f"ARRAY(SELECT g.{qn('name')} FROM {qn(Group._meta.db_table)} g "  # noqa: S608
        f"JOIN {qn(through.db_table)} m ON m.{qn(group)} = g.{qn('id')} "
        f"WHERE m.{qn(member)} = u.{qn(str(user_model._meta.pk.column))})"
    )
    columns = [f"u.{qn(str(f.column))}" for f in fields]
    table = qn(user_model._meta.db_table)
    return [f.attname for f in fields], ", ".join([*columns, groups]), table


def is_editor(user: Viewer) -> bool:
    return bool(getattr(user, "is_superuser", False)) or EDITOR in _group_names(user)


def is_reviewer(user: Viewer) -> bool:
    return is_editor(user) or REVIEWER in _group_names(user)


def is_newsroom_staff(user: Viewer) -> bool:
    """Reviewers, editors and admins: the people who may see unpublished work."""
    return is_reviewer(user)


def role_label(user: Viewer) -> str:
    if getattr(user, "is_superuser", False):
        return "Admin"
    if is_editor(user):
        return "Editor"
    if is_reviewer(user):
        return "Reviewer"
    return "Reader"
