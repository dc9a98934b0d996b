"""Assigning reviewers to an article from the article page and the article list (editors)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from factcheck.accounts.roles import is_editor
from factcheck.articles.services import CANNOT_ASSIGN, article_assign
from factcheck.claims.mentions import newsroom_people
from factcheck.web.http import AuthenticatedRequest
from factcheck.web.reading import article_or_404

ASSIGNED = "Assigned to {names}."
UNASSIGNED = "Nobody is assigned to this article now."


class AssignForm(forms.Form):
    assignees = forms.ModelMultipleChoiceField(
        queryset=newsroom_people(), required=False, label="Reviewers"
    )


def _back(request: AuthenticatedRequest, article_pk: int) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("articles:detail", article_pk)


@login_required
@require_POST
def article_assign_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied(CANNOT_ASSIGN)
    article = article_or_404(request, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        problems = [str(e) for e in form.errors.get("assignees") or ["Choose reviewers."]]
        messages.error(request, " ".join(problems))
        return _back(request, pk)
    people = list(form.cleaned_data["assignees"])
    article_assign(actor=request.user, article=article, assignees=people)
    names = ", ".join(p.display_name for p in people)
    messages.success(request, ASSIGNED.format(names=names) if people else UNASSIGNED)
    return _back(request, pk)
