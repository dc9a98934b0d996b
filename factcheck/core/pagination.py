from collections.abc import Callable

from django.core.paginator import InvalidPage
from django.db.models import QuerySet
from rest_framework import pagination
from rest_framework.exceptions import NotFound
from rest_framework.request import Request


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ClaimPagination(PageNumberPagination):
    """Claim lists are served from flat rows (no model instances): a whole article's claims
    fit in one page."""

    max_page_size = 2000

    def page_rows[T](
        self, queryset: QuerySet, request: Request, fetch: Callable[[QuerySet], list[T]]
    ) -> list[T]:
        """The requested page's rows, read by `fetch` from the page's slice of `queryset` (e.g.
        as JSON built by PostgreSQL). A first page that is not full holds the whole list: its
        length is the count, and no COUNT query runs (an article's claims fit in one page)."""
        self.request = request
        size = self.get_page_size(request) or self.max_page_size
        paginator = self.django_paginator_class(queryset, size)
        number = self.get_page_number(request, paginator)
        rows = fetch(queryset[:size]) if str(number) == "1" else None
        if rows is not None and len(rows) < size:
            paginator.count = len(rows)  # type: ignore[misc]  # Paginator's cached property
        try:
            self.page = paginator.page(number)
        except InvalidPage as exc:
            message = self.invalid_page_message.format(page_number=number, message=str(exc))
            raise NotFound(message) from exc
        return fetch(self.page.object_list) if rows is None else rows
