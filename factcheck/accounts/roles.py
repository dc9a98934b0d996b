"""Roles are Django groups; these predicates are the only place that names them."""

from __future__ import annotations

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
