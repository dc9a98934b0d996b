"""Domain errors → browser responses, through the table the API uses (core.errors).

Fetch endpoints of the reading view and the queue answer JSON: `{"ok": false, "message": ...}`
with the error's status (400 invalid input, 403 refused, 409 conflict or wrong status). Views
catch a ValidationError themselves only to re-render a form with the field errors next to the
fields; everything else is left to `fragment_errors`. Full pages raise PermissionDenied and get
Django's 403 page (templates/403.html), which shows the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpResponse, JsonResponse

from factcheck.core.errors import describe_error


def error_response(message: str, status: int, panel: str | None = None) -> JsonResponse:
    """The JSON answer of a fetch endpoint that changed nothing (optionally a fresh panel)."""
    html = {"panel": panel} if panel is not None else {}
    return JsonResponse({"ok": False, "message": message, "html": html}, status=status)


def fragment_errors[**P](view: Callable[P, HttpResponse]) -> Callable[P, HttpResponse]:
    """Answer a fetch endpoint's domain error as JSON; a 404 stays Django's not-found page."""

    @wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(*args, **kwargs)
        except Exception as error:
            info = describe_error(error)
            if info is None or info.status == 404:
                raise
            return error_response(info.message, info.status)

    return wrapper
