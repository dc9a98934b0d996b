"""Template context shared by every page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from factcheck.accounts.roles import is_newsroom_staff
from factcheck.claims.models import AnchorState, ClaimStatus
from factcheck.reviews.needs_me import needs_me_count


def choices(request: HttpRequest) -> dict[str, Any]:
    """The enumerations templates compare against: `claim.status == ClaimStatus.SUBMITTED`.

    Django's choices enumerations are not called by templates (`do_not_call_in_templates`).
    """
    return {"ClaimStatus": ClaimStatus, "AnchorState": AnchorState}


def request_needs_me_count(request: HttpRequest) -> int:
    """The header's "Needs me" number: one query, at most once per request."""
    cached = getattr(request, "_needs_me_count", None)
    if cached is None:
        cached = needs_me_count(request.user)
        request._needs_me_count = cached  # type: ignore[attr-defined]
    return cached


def needs_me(request: HttpRequest) -> dict[str, Any]:
    """`needs_me_count` for the header: lazy, so a page that does not show it never asks."""
    if not is_newsroom_staff(getattr(request, "user", AnonymousUser())):
        return {}
    return {"needs_me_count": SimpleLazyObject(lambda: request_needs_me_count(request))}
