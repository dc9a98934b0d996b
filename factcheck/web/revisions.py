"""Browser pages for article revisions: revise the text, the revision history, one revision in
full, and a word-level diff between any two revisions.

Saving a revision re-anchors every claim (reviews.revisions); the diff itself is a pure
function of two texts (articles.text.diff, shown as HTML by web.diff).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from factcheck.accounts.roles import is_newsroom_staff
from factcheck.articles.models import Article, ArticleRevision
from factcheck.articles.selectors import revision_list
from factcheck.articles.services import can_edit_article
from factcheck.articles.text.diff import diff_stats, word_diff
from factcheck.core.errors import Conflict
from factcheck.reviews.revisions import CANNOT_REVISE, article_revise, claim_reattach
from factcheck.reviews.selectors import revision_outcome, revision_preview
from factcheck.web.diff import diff_html
from factcheck.web.errors import error_response, fragment_errors
from factcheck.web.forms.claims import VERSION_ERRORS, form_problem
from factcheck.web.fragments import render_panel, state_response
from factcheck.web.http import AuthenticatedRequest
from factcheck.web.reading import article_or_404, claim_or_404

HISTORY_STAFF_ONLY = "The revision history is for reviewers and editors."
SAME_REVISION = "Choose two different revisions to compare."


class ReviseForm(forms.Form):
    body = forms.CharField(
        label="Article text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text="Edit the text, or replace it by pasting the corrected article. Paragraphs "
        "are separated by a blank line.",
    )
    note = forms.CharField(
        label="What changed",
        max_length=2000,
        required=False,
        help_text="For the revision history, e.g. “Publisher corrected the figure in the "
        "third paragraph”.",
    )
    base = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class CompareForm(forms.Form):
    old = forms.TypedChoiceField(label="From revision", coerce=int)
    new = forms.TypedChoiceField(label="To revision", coerce=int)

    def __init__(self, numbers: list[int], *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        choices = [(n, f"Revision {n}") for n in numbers]
        for name in ("old", "new"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("old") is not None and data.get("old") == data.get("new"):
            raise ValidationError(SAME_REVISION)
        return data


def _attach(form: ReviseForm, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _save(request: AuthenticatedRequest, article: Article, form: ReviseForm) -> HttpResponse | None:
    """Call the use case; on success redirect with the re-anchoring summary, else None."""
    data = form.cleaned_data
    try:
        revision = article_revise(
            actor=request.user,
            article=article,
            body=data["body"],
            note=data["note"],
            base_number=data.get("base"),
        )
    except ValidationError as error:
        _attach(form, error)
        return None
    except Conflict as error:
        form.add_error(None, error.message)
        return None
    messages.success(request, revision_outcome(article=article, revision=revision).summary())
    return redirect("articles:detail", article.pk)


@login_required
@require_http_methods(["GET", "POST"])
def article_revise_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = article_or_404(request, pk)
    if not can_edit_article(request.user, article):
        raise PermissionDenied(CANNOT_REVISE)
    initial = {"body": article.body, "base": article.revision_number}
    form = ReviseForm(request.POST or None, initial=initial)
    preview = None
    if request.method == "POST" and form.is_valid():
        if request.POST.get("intent") == "preview":  # what the text would do; nothing saved
            preview = revision_preview(article=article, body=form.cleaned_data["body"])
        elif done := _save(request, article, form):
            return done
    context = {
        "article": article,
        "form": form,
        "claim_count": article.claims.count(),
        "preview": preview,
    }
    return render(request, "articles/revise.html", context, status=400 if form.errors else 200)


@login_required
@require_GET
def revision_history(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = staff_article(request, pk)
    revisions = list(revision_list(article=article).defer("body", "search_document"))
    numbers = [r.number for r in revisions]
    current = article.revision_number or 1
    compare = CompareForm(numbers, initial={"old": max(1, current - 1), "new": current})
    return render(
        request,
        "articles/revisions.html",
        {
            "article": article,
            "revisions": revisions,
            "compare": compare,
            "can_revise": can_edit_article(request.user, article),
        },
    )


def staff_article(request: AuthenticatedRequest, pk: int) -> Article:
    """The article for the history pages: newsroom staff only, as in the API."""
    article = article_or_404(request, pk)
    if not is_newsroom_staff(request.user):
        raise PermissionDenied(HISTORY_STAFF_ONLY)
    return article


def _revision(article: Article, number: int) -> ArticleRevision:
    try:
        return revision_list(article=article).get(number=number)
    except ArticleRevision.DoesNotExist:
        raise Http404("No such revision.") from None


@login_required
@require_GET
def revision_detail(request: AuthenticatedRequest, pk: int, number: int) -> HttpResponse:
    article = staff_article(request, pk)
    revision = _revision(article, number)
    return render(
        request,
        "articles/revision.html",
        {
            "article": article,
            "revision": revision,
            "is_current": revision.pk == article.current_revision_id,
        },
    )


@login_required
@require_GET
def revision_diff(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = staff_article(request, pk)
    numbers = list(revision_list(article=article).values_list("number", flat=True))
    current = article.revision_number or 1
    query = request.GET if "old" in request.GET or "new" in request.GET else None
    form = CompareForm(numbers, query, initial={"old": max(1, current - 1), "new": current})
    context: dict[str, Any] = {"article": article, "compare": form}
    if query is None and current == 1:
        return render(request, "articles/diff.html", context)
    if query is not None and not form.is_valid():
        return render(request, "articles/diff.html", context, status=400)
    old_number = form.cleaned_data["old"] if query else current - 1
    new_number = form.cleaned_data["new"] if query else current
    old, new = _revision(article, old_number), _revision(article, new_number)
    diffs = word_diff(old.body, new.body)
    context.update(old=old, new=new, diff_html=diff_html(diffs), stats=diff_stats(diffs))
    return render(request, "articles/diff.html", context)


class ReattachForm(forms.Form):
    start = forms.IntegerField(min_value=0)
    end = forms.IntegerField(min_value=0)
    quote = forms.CharField(strip=False, max_length=100_000)
    version = forms.IntegerField(min_value=1, max_value=2**31 - 1, error_messages=VERSION_ERRORS)


REATTACHED = "Re-attached to the selected text."
SELECT_FIRST = "Select the new text in the article first."


@login_required
@require_POST
@fragment_errors
def claim_reattach_view(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    """Fetch endpoint of the reading view: re-attach a claim to the current selection."""
    claim = claim_or_404(request, pk)
    form = ReattachForm(request.POST)
    if not form.is_valid():
        if "version" in form.errors:
            return error_response(form_problem(form), 400)
        return error_response(SELECT_FIRST, 400)
    claim = claim_reattach(actor=request.user, claim=claim, **form.cleaned_data)
    claim = claim_or_404(request, claim.pk)
    panel = render_panel(request, claim, panel_message=REATTACHED)
    return state_response(request, claim.article, panel=panel, message=REATTACHED, claim=claim)
