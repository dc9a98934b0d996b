"""The API's error shape: {"detail": ..., "code": ..., "errors": {field: [messages]}}.

Every error the API returns goes through `api_exception_handler` (settings.REST_FRAMEWORK):
DRF's own exceptions, Django's ValidationError / PermissionDenied / Http404 /
ObjectDoesNotExist, the domain errors of core.errors, and anything unexpected (500).
`errors` is present only for validation failures; nested fields are flattened to dotted
paths ("evidence.0.url").
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler, set_rollback

from factcheck.core.errors import (  # noqa: F401 - NOT_FOUND, RETRY_CONFLICT: re-exported
    NOT_FOUND,
    RETRY_CONFLICT,
    ErrorInfo,
    describe_error,
)

logger = logging.getLogger(__name__)

INVALID_INPUT = "Some fields are invalid: {fields}."
SERVER_ERROR = "Something went wrong on our side; the error has been logged."


class DomainAPIError(exceptions.APIException):
    """A domain error as DRF sees it: status, code and message from core.errors.describe_error."""

    default_detail = "The request could not be completed."

    def __init__(self, info: ErrorInfo):
        self.status_code = info.status
        super().__init__(info.message, info.code)


def _translate(exc: Exception) -> Exception:
    """Map Django and domain exceptions onto DRF ones through the shared table."""
    info = describe_error(exc)
    if info is None:
        return exc
    if isinstance(exc, DjangoValidationError):  # keeps the field names for `errors`
        return exceptions.ValidationError(as_serializer_error(exc))
    return DomainAPIError(info)


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """{"evidence": [{}, {"url": ["bad"]}]} -> {"evidence.1.url": ["bad"]}."""
    key = prefix or api_settings.NON_FIELD_ERRORS_KEY
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for name, value in detail.items():
            out |= flatten_errors(value, f"{prefix}.{name}" if prefix else str(name))
        return out
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return {key: [str(item) for item in detail]}
        out = {}
        for index, item in enumerate(detail):
            if item:
                out |= flatten_errors(item, f"{prefix}.{index}" if prefix else str(index))
        return out
    return {key: [str(detail)]}


def _code(detail: Any, default: str) -> str:
    return str(getattr(detail, "code", None) or default)


def _body(exc: exceptions.APIException) -> dict[str, Any]:
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        return {
            "detail": INVALID_INPUT.format(fields=", ".join(errors)),
            "code": "invalid",
            "errors": errors,
        }
    detail = exc.detail
    if isinstance(detail, list | dict):  # an APIException raised with structured detail
        return {
            "detail": str(exc.default_detail),
            "code": exc.default_code,
            "errors": flatten_errors(detail),
        }
    return {"detail": str(detail), "code": _code(detail, exc.default_code)}


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    exc = _translate(exc)
    response = exception_handler(exc, context)
    if response is None:
        view = context.get("view")
        logger.exception("Unhandled error in API view %s", type(view).__name__, exc_info=exc)
        set_rollback()
        return Response(
            {"detail": SERVER_ERROR, "code": "server_error"},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    assert isinstance(exc, exceptions.APIException)
    response.data = _body(exc)
    return response
