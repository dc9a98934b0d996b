from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 500


class ClaimPagination(PageNumberPagination):
    """Claim lists are served from flat rows (no model instances): a whole article's claims
    fit in one page."""

    max_page_size = 2000
