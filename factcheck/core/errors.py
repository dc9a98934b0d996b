"""Domain errors raised by services and translated by the API and the views.

Validation failures use django.core.exceptions.ValidationError with a dict keyed by field.
"""

from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """Base for errors a user can act on; `code` is the stable machine code of the API."""

    code = "error"

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
