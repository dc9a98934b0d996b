"""Domain errors raised by services, and the one table that turns any of them into a response.

Validation failures use django.core.exceptions.ValidationError with a dict keyed by field.
`describe_error` is shared by the API's exception handler (core.exceptions) and the browser
views (web.errors), so a refusal has the same status, code and sentence in both.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import OperationalError
from django.http import Http404

NOT_FOUND = "Not found (it does not exist, or you may not see it)."
FORBIDDEN = "You do not have permission to perform this action."
RETRY_CONFLICT = "Someone else changed this at the same moment; nothing was saved. Try again."
# PostgreSQL: deadlock_detected, serialization_failure, lock_not_available.
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001", "55P03"})


class DomainError(Exception):
    """Base for errors a user can act on; `code` is the stable machine code of the API."""

    code = "error"
    status = 409

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Conflict(DomainError):
    """The object changed since the client read it (stale version) or is locked elsewhere."""

    code = "conflict"


class InvalidTransition(DomainError):
    """A workflow action that is not allowed from the object's current status."""

    code = "invalid_transition"


class ActionForbidden(PermissionDenied):
    """The actor may not do this (role, four-eyes rule); the message says why."""

    code = "permission_denied"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class ErrorInfo:
    """How an error is answered: HTTP status, machine code, a sentence for people."""

    status: int
    code: str
    message: str


def is_retryable_db_error(exc: BaseException) -> bool:
    """A lock conflict the database resolved by aborting us: the client may simply retry."""
    cause = exc.__cause__
    return isinstance(exc, OperationalError) and getattr(cause, "sqlstate", None) in (
        RETRYABLE_SQLSTATES
    )


def describe_error(exc: BaseException) -> ErrorInfo | None:
    """The response for a domain or Django error, or None for anything unexpected (a 500)."""
    if is_retryable_db_error(exc):
        return ErrorInfo(409, Conflict.code, RETRY_CONFLICT)
    if isinstance(exc, ValidationError):
        return ErrorInfo(400, "invalid", " ".join(exc.messages))
    if isinstance(exc, DomainError):
        return ErrorInfo(exc.status, exc.code, exc.message)
    if isinstance(exc, PermissionDenied):
        message = getattr(exc, "message", None) or (str(exc) if exc.args else "")
        return ErrorInfo(403, ActionForbidden.code, message or FORBIDDEN)
    if isinstance(exc, ObjectDoesNotExist | Http404):
        return ErrorInfo(404, "not_found", NOT_FOUND)
    return None
