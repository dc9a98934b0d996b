"""The claim filters: one django-filter FilterSet for the claims list, every export and the queue.

One syntax everywhere (documented in the OpenAPI schema by `core.api.filter_parameters`):
`article` (id), `status` (one or more: repeat the parameter or separate with commas),
`verdict` (rating slug), `author` (username), `claimant` (substring), `tag`, `updated_since`
(ISO 8601), `ordering` (a field, `-` for descending). A malformed value is a 400 naming the
parameter; visibility is not a filter: the selectors start from what the user may see.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from factcheck.claims.models import Claim, ClaimStatus, VersionKind

CLAIM_ORDERING = ["start", "created_at", "updated_at", "published_at", "status", "id"]
MAX_ID = 2**31 - 1
# Outside the newsroom every filter and sort key reads the claim's published version (issue
# 15): filtering the working copy would let anyone probe values nobody has approved.
PUBLIC_FIELDS = {
    "verdict": "public_version__verdict_slug",
    "author": "public_version__author__username",
    "claimant": "public_version__claimant",
    "updated_since": "public_version__published_at",
}
PUBLIC_ORDERING = {
    "start": "public_version__start",
    "created_at": "public_version__claim_created_at",
    "updated_at": "public_version__published_at",
    "published_at": "public_version__first_published_at",
    "status": "public_version__kind",
}
PUBLIC_STATUS_KINDS: dict[str, list[str]] = {
    ClaimStatus.PUBLISHED: [VersionKind.PUBLICATION, VersionKind.CORRECTION],
    ClaimStatus.RETRACTED: [VersionKind.RETRACTION],
}


class ListWidget(forms.SelectMultiple):
    """`?status=a&status=b` and `?status=a,b` alike (blank values are ignored)."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> list[str]:
        values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name) or ""]
        return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


class IdFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    """An ISO 8601 time, compared in UTC: PostgreSQL refuses offsets past ±15:59 (-23:50)."""

    def filter(self, qs: QuerySet, value: datetime | None) -> QuerySet:
        return super().filter(qs, value.astimezone(UTC) if value is not None else value)


class ClaimOrderingFilter(django_filters.OrderingFilter):
    """Sort keys, then the id so that pages never overlap."""

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if not value:
            return qs
        keys = [self.get_ordering_value(param) for param in value]
        if getattr(self.parent, "public", False):
            keys = [_public_key(key) for key in keys]
        return qs.order_by(*keys, "id")


def _word(value: str) -> str:
    """A regex matching `value` as one whole space-separated word (tag names have no spaces)."""
    return r"(^| )" + re.escape(value) + r"( |$)"


def _public_key(key: str) -> str:
    descending, name = key.startswith("-"), key.lstrip("-")
    return ("-" if descending else "") + PUBLIC_ORDERING.get(name, name)


class ClaimFilterSet(django_filters.FilterSet):
    article = IdFilter(
        field_name="article_id", min_value=1, max_value=MAX_ID, help_text="Article id."
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ClaimStatus.choices,
        widget=ListWidget,
        method="filter_status",
        help_text="One or more statuses: repeat the parameter or separate them with commas.",
    )
    verdict = django_filters.CharFilter(
        method="filter_verdict", max_length=50, help_text="Rating slug."
    )
    author = django_filters.CharFilter(
        field_name="author__username", max_length=150, help_text="Author's username."
    )
    claimant = django_filters.CharFilter(
        field_name="claimant",
        lookup_expr="icontains",
        max_length=300,
        help_text="Substring of the claimant (case-insensitive).",
    )
    tag = django_filters.CharFilter(
        method="filter_tag", max_length=50, help_text="Tag name (any case)."
    )
    updated_since = UtcDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="ISO 8601; claims changed at or after.",
    )
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=500,
        help_text="Search: the best 200 matches, best first (unless `ordering` is given), ranked "
        'as /claims/similar/ ranks them (README, "Checked before?").',
    )
    ordering = ClaimOrderingFilter(
        fields=CLAIM_ORDERING,
        help_text="Sort key; prefix with - for descending. Default: article, then position.",
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def __init__(self, data: Any = None, *args: Any, **kwargs: Any):
        kwargs.setdefault("queryset", Claim.objects.none())  # the selectors bring their own
        super().__init__(data, *args, **kwargs)
        self.public = False

    def apply(self, queryset: QuerySet[Claim], *, public: bool = False) -> QuerySet[Claim]:
        """Filter claims the caller may see; `public`: filter their published versions."""
        self.public = public
        if public:  # self.filters are this FilterSet's own copies
            for name, field in PUBLIC_FIELDS.items():
                if name in self.filters:
                    self.filters[name].field_name = field
        return self.filter_queryset(queryset)

    def filter_status(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        if not value:
            return queryset
        if not self.public:
            return queryset.filter(status__in=value)
        kinds = [kind for status in value for kind in PUBLIC_STATUS_KINDS.get(status, [])]
        # [""] matches nothing yet still compiles (an empty IN cannot be written as SQL: COPY).
        return queryset.filter(public_version__kind__in=kinds or [""])

    def filter_tag(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if self.public:  # the published tag names, any case (their words, case-folded)
            return queryset.filter(public_version__search_tags__iregex=_word(value))
        return queryset.filter(tags__name__iexact=value)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Ranked search within the claims the other filters kept (claims.search)."""
        from factcheck.claims.search import with_ranking  # search reads selectors, which use us

        user = getattr(self.request, "user", None) or AnonymousUser()
        return with_ranking(queryset, user=user, q=value)

    def filter_verdict(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        field = PUBLIC_FIELDS["verdict"] if self.public else "verdict__slug"
        return queryset.filter(**{field: value})

    @property
    def statuses(self) -> list[str]:
        """The statuses asked for (sorted), empty when none: call after validation."""
        return sorted(self.form.cleaned_data.get("status") or [])


class ExportFilterSet(ClaimFilterSet):
    """The filters of the exports: the same, without the ranked search."""

    q = None  # type: ignore[assignment]


class ClaimReviewFilterSet(ExportFilterSet):
    """The same filters but `status`: ClaimReview covers published claims only."""

    status = None  # type: ignore[assignment]
