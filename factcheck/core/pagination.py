from typing import Any

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

    def page_queryset(self, queryset: QuerySet, request: Request, view: Any = None) -> QuerySet:
        """`paginate_queryset` without reading the page: the page's queryset (sliced), for a
        caller that reads it its own way (the claims' JSON built by PostgreSQL)."""
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage as exc:
            message = self.invalid_page_message.format(page_number=number, message=str(exc))
            raise NotFound(message) from exc
        return self.page.object_list
