"""Article pages: the list (with claim counts per status) and the new-article form.

New article: paste, upload or fetch, review what was extracted, then save. A file or a fetched
page is never saved straight away: its extracted text and metadata are put back into the form
for the reviewer to check and edit, and "Add article" saves them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from factcheck.accounts.roles import is_reviewer
from factcheck.articles.extraction import ExtractedArticle
from factcheck.articles.selectors import article_list, claim_counts_by_article
from factcheck.articles.services import CANNOT_CREATE, article_create, find_duplicate, prepare_body
from factcheck.articles.sources import article_from_file, article_from_url
from factcheck.claims.models import ClaimStatus
from factcheck.web.forms.articles import NEED_TITLE, ArticleFilterForm, ArticleForm
from factcheck.web.http import AuthenticatedRequest

PAGE_SIZE = 25
METADATA = ("title", "url", "publisher", "author", "published_on", "language")
REVIEW_FILE = "Extracted from {name}: check the text and the details, then add the article."
REVIEW_PAGE = "Fetched from {url}: check the text and the details, then add the article."


def _save(request: AuthenticatedRequest, form: ArticleForm):
    data = form.cleaned_data
    if not (data["title"] or "").strip():
        raise ValidationError({"title": NEED_TITLE})
    source = (data.get("source") or "").strip()
    return article_create(
        actor=request.user,
        title=data["title"],
        body=data["body"],
        url=data["url"],
        publisher=data["publisher"],
        author=data["author"],
        published_on=data["published_on"],
        language=data["language"],
        alias_urls=[source] if source else [],
    )


def _review_form(form: ArticleForm, found: ExtractedArticle, aliases: list[str]) -> ArticleForm:
    """The form again, filled with what was extracted (fields the user typed win), unsaved;
    a duplicate shows as an error now rather than after the reviewer's edits."""
    typed = form.cleaned_data
    values: dict[str, Any] = {name: typed.get(name) or getattr(found, name) for name in METADATA}
    values["published_on"] = values["published_on"].isoformat() if values["published_on"] else ""
    values |= {"body": found.body, "source": aliases[-1] if aliases else ""}
    review = ArticleForm(data={k: v or "" for k, v in values.items()})
    review.is_valid()
    duplicates = find_duplicate(url=values["url"], body=prepare_body(found.body), aliases=aliases)
    for field, error in duplicates.items():
        review.add_error(field, error)
    return review


def _extract(form: ArticleForm) -> tuple[ArticleForm, str] | None:
    """For a file or a fetch: the review form and its notice; None when there is nothing to
    extract (pasted text is saved as it is)."""
    data = form.cleaned_data
    if data.get("action") == "fetch":
        address = data["source"].strip()
        found, aliases = article_from_url(address)
        return _review_form(form, found, aliases), REVIEW_PAGE.format(url=address)
    if data.get("file"):
        found = article_from_file(data["file"])
        aliases = [found.url] if found.url else []
        notice = REVIEW_FILE.format(name=data["file"].name)
        return _review_form(form, found, aliases), notice
    return None


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: AuthenticatedRequest) -> HttpResponse:
    if not is_reviewer(request.user):
        raise PermissionDenied(CANNOT_CREATE)
    form = ArticleForm(request.POST or None, request.FILES or None)
    notice = ""
    if request.method == "POST" and form.is_valid():
        try:
            extracted = _extract(form)
            if extracted is None:
                article = _save(request, form)
                return redirect("articles:detail", article.pk)
            form, notice = extracted
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                name = (
                    "source"
                    if field == "url" and form.cleaned_data.get("action") == "fetch"
                    else field
                )
                form.add_error(name if name in form.fields else None, messages)
    status = 400 if form.errors else 200
    return render(request, "articles/new.html", {"form": form, "notice": notice}, status=status)


@login_required
def article_index(request: AuthenticatedRequest) -> HttpResponse:
    filters = ArticleFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    articles = article_list(
        user=request.user,
        q=data.get("q", ""),
        status=data.get("status", ""),
        assignee=request.user if data.get("mine") else None,
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = claim_counts_by_article([a.pk for a in page.object_list], user=request.user)
    rows = [
        {
            "article": a,
            "counts": [
                (s, label, counts[a.pk].get(s, 0))
                for s, label in ClaimStatus.choices
                if counts[a.pk].get(s)
            ],
        }
        for a in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "articles/list.html",
        {
            "filters": filters,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "can_add": is_reviewer(request.user),
        },
    )
