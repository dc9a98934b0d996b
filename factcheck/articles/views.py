"""The new-article form (paste or upload). The article list shows claim counts: claims.views."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from factcheck.accounts.roles import is_reviewer
from factcheck.articles.forms import NEED_TITLE, ArticleForm
from factcheck.articles.services import CANNOT_CREATE, article_create
from factcheck.articles.sources import article_from_file


def _create_from_form(request: HttpRequest, form: ArticleForm):
    data = form.cleaned_data
    title, body = data["title"], data["body"]
    if data.get("file"):
        imported = article_from_file(data["file"])
        title, body = title or imported.title, imported.body
    if not (title or "").strip():
        raise ValidationError({"title": NEED_TITLE})
    return article_create(
        actor=request.user, title=title, body=body, url=data["url"],
        publisher=data["publisher"], author=data["author"], published_on=data["published_on"],
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    if not is_reviewer(request.user):
        return render(request, "403.html", {"reason": CANNOT_CREATE}, status=403)
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
