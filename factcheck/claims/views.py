"""Claim pages for the browser: the article list with claim counts, Markdown preview and the
verdict colour stylesheet."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.roles import is_reviewer
from factcheck.articles.forms import ArticleFilterForm
from factcheck.articles.selectors import article_list, claim_counts_by_article
from factcheck.claims.models import ClaimStatus
from factcheck.claims.selectors import rating_list
from factcheck.core.markdown import render_markdown

NOTHING_TO_PREVIEW = '<p class="muted">Nothing to preview.</p>'
PAGE_SIZE = 25


@login_required
def article_index(request: HttpRequest) -> HttpResponse:
    filters = ArticleFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    articles = article_list(
        user=request.user, q=data.get("q", ""), status=data.get("status", ""),
        assignee=request.user if data.get("mine") else None,
    )  # fmt: skip
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = claim_counts_by_article([a.pk for a in page.object_list], user=request.user)
    rows = [
        {"article": a, "counts": [(s, label, counts[a.pk].get(s, 0)) for s, label in
                                  ClaimStatus.choices if counts[a.pk].get(s)]}
        for a in page.object_list
    ]  # fmt: skip
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "articles/list.html", {
        "filters": filters, "page": page, "rows": rows, "query": query.urlencode(),
        "can_add": is_reviewer(request.user),
    })  # fmt: skip


@login_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    html = render_markdown(request.POST.get("text", ""))
    return HttpResponse(html or NOTHING_TO_PREVIEW, content_type="text/html; charset=utf-8")


def _rgb(color: str) -> str:
    value = color.lstrip("#")
    return ", ".join(str(int(value[i : i + 2], 16)) for i in (0, 2, 4))


@require_GET
def verdict_css(request: HttpRequest) -> HttpResponse:
    """One class per rating slug setting --verdict (colour) and --verdict-rgb (for tints).

    Served as a stylesheet so that the strict CSP (style-src 'self') needs no inline styles.
    Slugs are SlugField values and colours are checked hex by a DB constraint.
    """
    lines = [
        f".v-{r.slug}{{--verdict:{r.color};--verdict-rgb:{_rgb(r.color)}}}" for r in rating_list()
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=60"
    return response
