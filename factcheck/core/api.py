"""Shared API plumbing: the error schema, permission classes, query-parameter parsing."""

from __future__ import annotations

from typing import Any

import django_filters
from django.http import HttpRequest, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request


class ErrorSerializer(serializers.Serializer):
    """Every error body (docs/api.md "Errors")."""

    detail = serializers.CharField(help_text="A human sentence.")
    code = serializers.CharField(
        help_text="Machine code: invalid, not_authenticated, authentication_failed, "
        "permission_denied, not_found, method_not_allowed, conflict, invalid_transition, "
        "throttled, server_error, ..."
    )
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text='Validation failures only: {"field": ["message", ...]}; nested fields are '
        'dotted ("evidence.0.url").',
    )


_DESCRIPTIONS = {
    400: "Invalid input: `errors` names each field.",
    401: "Not authenticated: send `Authorization: Token <key>` or a session cookie.",
    403: "Authenticated, but not allowed (the message says why).",
    404: "Not found, or not visible to you.",
    409: "Conflict: stale `version` (code `conflict`) or illegal transition "
    "(code `invalid_transition`).",
    429: "Too many requests: retry after the `Retry-After` seconds.",
}


def error_responses(*codes: int) -> dict[int, OpenApiResponse]:
    """OpenAPI responses for the given error status codes, all with the error shape."""
    return {
        code: OpenApiResponse(response=ErrorSerializer, description=_DESCRIPTIONS[code])
        for code in codes
    }


class JSONOnly:
    # Mixin: JSON request bodies only (so the schema documents one media type). A comment, not
    # a docstring: a view without a docstring of its own would show it as its description.

    parser_classes = [JSONParser]


def parse_query(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    """Validated query parameters (400 naming the parameter when one is malformed)."""
    serializer = serializer_class(data=request.query_params)
    serializer.is_valid(raise_exception=True)
    return {k: v for k, v in serializer.validated_data.items() if v not in (None, "")}


def parse_filters[F: django_filters.FilterSet](filterset_class: type[F], request: Request) -> F:
    """A validated FilterSet of the query parameters (400 naming each malformed parameter)."""
    filters = filterset_class(request.query_params, request=request)
    if not filters.is_valid():
        errors = filters.errors.items()
        raise serializers.ValidationError({name: list(messages) for name, messages in errors})
    return filters


def _filter_schema(item: django_filters.Filter) -> dict[str, Any]:
    """The OpenAPI schema of one django-filter query parameter."""
    extra = item.extra
    if isinstance(item, django_filters.OrderingFilter):
        return {"type": "string", "enum": [value for value, _ in item.extra["choices"]]}
    if isinstance(item, django_filters.MultipleChoiceFilter):
        choices = [value for value, _ in extra["choices"]]
        return {"type": "array", "items": {"type": "string", "enum": choices}}
    if isinstance(item, django_filters.NumberFilter):
        bounds = {"minimum": extra.get("min_value"), "maximum": extra.get("max_value")}
        return {"type": "integer", **{k: v for k, v in bounds.items() if v is not None}}
    if isinstance(item, django_filters.IsoDateTimeFilter):
        return {"type": "string", "format": "date-time"}
    schema: dict[str, Any] = {"type": "string"}
    if extra.get("max_length"):
        schema["maxLength"] = extra["max_length"]
    return schema


def filter_parameters(filterset_class: type[django_filters.FilterSet]) -> list[OpenApiParameter]:
    """The schema's query parameters, read from the FilterSet that parses them."""
    return [
        OpenApiParameter(
            name,
            _filter_schema(item),
            OpenApiParameter.QUERY,
            required=False,
            description=str(item.extra.get("help_text") or ""),
            explode=True if isinstance(item, django_filters.MultipleChoiceFilter) else None,
        )
        for name, item in filterset_class.base_filters.items()
    ]


def validated(serializer_class: type[serializers.Serializer], data: Any) -> dict:
    """The validated input of a request body (ValidationError → 400 naming each field)."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@csrf_exempt  # it changes nothing; CSRF would answer unsafe methods with an HTML 403
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Any other URL under /api/: a JSON 404 in the error shape (not Django's HTML page)."""
    detail = "No API endpoint at this URL."
    path = request.path_info
    if not path.endswith("/"):
        try:
            resolve(path + "/")
        except Resolver404:
            pass
        else:
            detail += f" API URLs end with a slash: {path}/"
    return JsonResponse({"detail": detail, "code": "not_found"}, status=404)
