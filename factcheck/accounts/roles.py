"""Roles are Django groups; these predicates are the only place that names them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef, QuerySet

from factcheck.accounts.models import Viewer

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


def with_group_names(queryset: QuerySet[Any], user_field: str) -> tuple[QuerySet[Any], bool]:
    """`queryset` (of users, or of rows with a user at `user_field`) with each row's group
    names as `group_names`, read in the same query, and whether it could (PostgreSQL only):
    pass them to `remember_groups` and no predicate asks again."""
    if connection.vendor != "postgresql":
        return queryset, False
    names = Group.objects.filter(user=OuterRef(user_field)).order_by().values("name")
    return queryset.annotate(group_names=ArraySubquery(names)), True


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
