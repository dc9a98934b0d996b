"""API permission classes by role (DRF). Object-level rules stay in each app's permissions.py."""

from __future__ import annotations

from typing import Any

from rest_framework import permissions
from rest_framework.request import Request

from factcheck.accounts.roles import is_newsroom_staff

NEWSROOM_ONLY = "Only reviewers and editors can do this."


class IsNewsroomStaff(permissions.BasePermission):
    """Reviewers, editors and admins only (the people who may see unpublished work)."""

    message = NEWSROOM_ONLY

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated) and is_newsroom_staff(
            request.user
        )


class ReadOrNewsroomWrite(permissions.BasePermission):
    """Any signed-in user may read (selectors limit what they see); only staff may write.

    Writes are checked again by the services; this only refuses outsiders before their
    input is validated, so they get 403 rather than a 400 about a payload they may not send.
    """

    message = NEWSROOM_ONLY

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        return request.method in permissions.SAFE_METHODS or is_newsroom_staff(request.user)


def public_context(request: Request) -> dict[str, Any]:
    """Serializer context: non-staff see the published copy of each claim."""
    return {"request": request, "public": not is_newsroom_staff(request.user)}
