"""Article pages: the list (with claim counts per status) and the new-article form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from factcheck.accounts.roles import is_reviewer
from factcheck.articles.importers import extract_article
from factcheck.articles.selectors import article_list, claim_counts_by_article
from factcheck.articles.services import CANNOT_CREATE, article_create
from factcheck.claims.models import ClaimStatus
from factcheck.web.forms.articles import NEED_TITLE, ArticleFilterForm, ArticleForm
from factcheck.web.http import AuthenticatedRequest

PAGE_SIZE = 25


def _create_from_form(request: AuthenticatedRequest, form: ArticleForm):
    data = form.cleaned_data
    title, body = data["title"], data["body"]
    if data.get("file"):
        imported = extract_article(data["file"])
        title, body = title or imported.title, imported.body
    if not (title or "").strip():
        raise ValidationError({"title": NEED_TITLE})
    return article_create(
        actor=request.user, title=title, body=body, url=data["url"],
        publisher=data["publisher"], author=data["author"], published_on=data["published_on"],
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: AuthenticatedRequest) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied(CANNOT_CREATE)
    form = ArticleForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = _create_from_form(request, form)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            return redirect("articles:detail", article.pk)
    status = 400 if form.errors else 200
    return render(request, "articles/new.html", {"form": form}, status=status)


@login_required
def article_index(request: AuthenticatedRequest) -> HttpResponse:
    filters = ArticleFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    articles = article_list(
        user=request.user, q=data.get("q", ""), status=data.get("status", ""),
        assignee=request.user if data.get("mine") else None,
    )  # fmt: skip
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = claim_counts_by_article([a.pk for a in page.object_list])
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
