"""Query parameters of GET /api/v1/claims/ (also accepted by the exports).

`claim_filters(request)` validates them (400 naming the parameter) and returns the keyword
arguments of `claims.selectors.claim_list`, plus `ordering` (a safe order_by key or None).
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request

from factcheck.claims.models import ClaimStatus
from factcheck.core.api import parse_query

CLAIM_ORDERING = ["start", "created_at", "updated_at", "published_at", "status", "id"]


class ClaimFilterSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False, allow_blank=True, max_length=500,
        help_text="Search: the best 200 matches, best first (unless `ordering` is given), ranked "
        'as /claims/similar/ ranks them (README, "Checked before?").',
    )  # fmt: skip
    article = serializers.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, help_text="Article id."
    )
    status = serializers.MultipleChoiceField(
        choices=ClaimStatus.choices,
        required=False,
        help_text="One or more statuses (repeat the parameter).",
    )
    verdict = serializers.CharField(
        required=False, allow_blank=True, max_length=50, help_text="Rating slug."
    )
    author = serializers.CharField(
        required=False, allow_blank=True, max_length=150, help_text="Author's username."
    )
    claimant = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="Substring of the claimant (case-insensitive).",
    )
    tag = serializers.CharField(required=False, allow_blank=True, max_length=50)
    updated_since = serializers.DateTimeField(
        required=False, help_text="ISO 8601; claims changed at or after."
    )
    ordering = serializers.ChoiceField(
        choices=[*CLAIM_ORDERING, *(f"-{name}" for name in CLAIM_ORDERING)],
        required=False,
        allow_blank=True,
        help_text="Sort key; prefix with - for descending. Default: article, then position.",
    )


def claim_filters(request: Request) -> dict[str, Any]:
    filters = parse_query(ClaimFilterSerializer, request)
    if "status" in filters:
        filters["status"] = sorted(filters["status"]) or None
    filters.setdefault("ordering", None)
    return filters


def apply_ordering(queryset: Any, ordering: str | None) -> Any:
    return queryset.order_by(ordering, "id") if ordering else queryset
