"""The reading view of an article and its fetch endpoints (claim panel, create, edit, comment).

Views parse input, call a selector or a service, and answer with fresh HTML fragments
(see fragments.py). A ValidationError re-renders the form from what was typed, with the
messages next to the fields; every other domain error is answered by web.errors.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.roles import is_newsroom_staff
from factcheck.articles.models import Article
from factcheck.articles.selectors import article_get
from factcheck.claims.models import Claim
from factcheck.claims.permissions import can_create_claim, can_edit_claim
from factcheck.claims.selectors import (
    active_ratings,
    article_new_drafts,
    claim_get,
    draft_for_selection,
)
from factcheck.claims.services import (
    claim_create,
    claim_update,
    comment_add,
    draft_clear,
    draft_save,
)
from factcheck.core.errors import Conflict
from factcheck.reviews.services import claim_submit
from factcheck.web.errors import error_response, fragment_errors
from factcheck.web.forms.claims import (
    CommentForm,
    EditClaimForm,
    NewClaimForm,
    claim_initial,
    draft_fields_from_post,
    draft_initial,
    evidence_formset,
    evidence_items,
)
from factcheck.web.fragments import (
    reading_context,
    render_panel,
    rest_of_cards,
    state_response,
)
from factcheck.web.http import AuthenticatedRequest, render_spliced

SAVED = "Saved as a draft."
SUBMITTED = "Saved and submitted for review."
NOT_SUBMITTED = "Saved as a draft, but not submitted: see the fields marked below."
FIX_ERRORS = "Nothing was saved: correct the fields marked below."
COMMENTED = "Comment added."
EDITED_MEANWHILE = (
    "Someone else saved this claim while you were editing (you had version {given}, it is now "
    "{current}). Your changes are kept below on the current version: check History for theirs, "
    "then save again."
)
SEE_ALSO_UNKNOWN = "The earlier claim this one was started from no longer exists."
NEWSROOM_ONLY = (
    "Comments, review notes and the history of a claim are for the newsroom: the published "
    "fact-check is on the article's report."
)


def article_or_404(request: AuthenticatedRequest, pk: int) -> Article:
    try:
        return article_get(user=request.user, pk=pk)
    except Article.DoesNotExist:
        raise Http404("No such article.") from None


def claim_or_404(request: AuthenticatedRequest, pk: int) -> Claim:
    try:
        return claim_get(user=request.user, pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None


@login_required
@require_GET
def article_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    article = article_or_404(request, pk)
    # a long list of cards comes in two parts (fragments.DEFER_CARDS_FROM), unless asked whole
    cards_url = "" if request.GET.get("cards") == "all" else reverse("articles:cards", args=[pk])
    context = reading_context(request, article, cards_url=cards_url)
    # the user's drafts of new claims here, to resume (an edit's draft comes back in its panel)
    context["new_drafts"] = article_new_drafts(user=request.user, article=article)
    big = {name: context.pop(name) for name in ("body_html", "cards_html")}
    return render_spliced(request, "articles/detail.html", context, fragments=big)


@login_required
@require_GET
def article_cards(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The cards of a long article past the first ones its page carries: their lists, one after
    the other (static/js/reading/cards.js reads them as they come and puts in each whole list;
    card text is escaped, so a list ends at the first "</ol>")."""
    article = article_or_404(request, pk)
    start = request.GET.get("from", "0")
    lists = rest_of_cards(request, article, int(start) if start.isdigit() else 0)
    return HttpResponse("\n".join(lists))


@login_required
@require_GET
def article_state(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    return state_response(request, article_or_404(request, pk))


def attach_errors(form: Any, formset: Any, error: ValidationError) -> None:
    """Put a service's field errors next to the matching form fields."""
    errors = error.message_dict if hasattr(error, "error_dict") else {None: error.messages}
    for field, messages in errors.items():
        if field in form.fields:
            form.add_error(field, messages)
        elif field == "evidence" and formset is not None:
            formset.non_form_errors().extend(messages)
        else:
            form.add_error(None, messages)


def _new_form_html(
    request: AuthenticatedRequest, article: Article, form: Any, formset: Any, draft: Any = None
) -> str:
    context = {
        "article": article,
        "form": form,
        "formset": formset,
        "is_new": True,
        "ratings": active_ratings(),
        "draft": draft,
    }
    return render_to_string("claims/_new.html", context, request=request)


@login_required
@fragment_errors
def claim_new(request: AuthenticatedRequest, article_pk: int) -> HttpResponse:
    article = article_or_404(request, article_pk)
    if not can_create_claim(request.user, article):
        return error_response("You cannot add claims to this article.", 403)
    if request.method == "GET":
        return HttpResponse(_new_form_get(request, article))
    if request.method != "POST":
        return error_response("Method not allowed.", 405)
    return _create(request, article)


def _new_form_get(request: AuthenticatedRequest, article: Article) -> str:
    """The empty form on a selection, or the user's draft on that same selection restored."""
    initial = {k: request.GET.get(k, "") for k in ("start", "end", "quote")}
    initial["claim_text"] = initial["quote"]
    draft = None
    if initial["start"].isdigit() and initial["end"].isdigit():
        start, end = int(initial["start"]), int(initial["end"])
        draft = draft_for_selection(user=request.user, article=article, start=start, end=end)
    if draft is None:
        form = NewClaimForm(initial=initial)
        return _new_form_html(request, article, form, evidence_formset())
    values, rows = draft_initial(draft.fields)
    form = NewClaimForm(initial=initial | values | {"quote": draft.quote or initial["quote"]})
    return _new_form_html(request, article, form, evidence_formset(rows=rows), draft=draft)


def _create(request: AuthenticatedRequest, article: Article) -> JsonResponse:
    form, formset = NewClaimForm(request.POST), evidence_formset(request.POST)
    if not (form.is_valid() and formset.is_valid()):
        return error_response(FIX_ERRORS, 400, _new_form_html(request, article, form, formset))
    data = form.cleaned_data
    see_also = []
    if data.get("see_also"):
        try:
            see_also.append(claim_get(user=request.user, pk=data["see_also"]))
        except Claim.DoesNotExist:
            form.add_error(None, SEE_ALSO_UNKNOWN)
            return error_response(FIX_ERRORS, 400, _new_form_html(request, article, form, formset))
    try:
        claim = claim_create(
            actor=request.user,
            article=article,
            start=data["start"],
            end=data["end"],
            quote=data["quote"],
            evidence=evidence_items(formset, with_ids=False),
            see_also=see_also,
            **form.service_fields(),
        )
    except ValidationError as error:
        attach_errors(form, formset, error)
        return error_response(FIX_ERRORS, 400, _new_form_html(request, article, form, formset))
    draft_clear(actor=request.user, article=article, start=data["start"], end=data["end"])
    return _after_save(request, claim)


def _submit_refused(
    request: AuthenticatedRequest, claim: Claim, error: ValidationError
) -> JsonResponse:
    """The draft is saved; show why it cannot be submitted next to the fields (from the DB)."""
    claim = claim_or_404(request, claim.pk)
    form = EditClaimForm(data=claim_initial(claim))
    form.is_valid()
    attach_errors(form, None, error)
    panel = render_panel(
        request,
        claim,
        form=form,
        formset=evidence_formset(claim=claim),
        evidence_error=error.message_dict.get("evidence", []),
        panel_message=NOT_SUBMITTED,
    )
    return state_response(request, claim.article, panel=panel, message=NOT_SUBMITTED, claim=claim)


def _after_save(request: AuthenticatedRequest, claim: Claim) -> JsonResponse:
    """Submit when asked; a submission that fails keeps the saved draft and says why."""
    if request.POST.get("intent") == "submit":
        try:
            claim = claim_submit(actor=request.user, claim=claim, version=claim.version)
        except ValidationError as error:
            return _submit_refused(request, claim, error)
    claim = claim_or_404(request, claim.pk)
    message = SUBMITTED if request.POST.get("intent") == "submit" else SAVED
    panel = render_panel(request, claim, panel_message=message)
    return state_response(request, claim.article, panel=panel, message=message, claim=claim)


@login_required
@require_GET
def claim_panel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The newsroom's view of a claim: working copy, comments, notes and field history. For
    newsroom roles only, as in the API; readers without one read the report."""
    claim = claim_or_404(request, pk)
    if not is_newsroom_staff(request.user):
        raise PermissionDenied(NEWSROOM_ONLY)
    return HttpResponse(render_panel(request, claim))


@login_required
@require_POST
@fragment_errors
def claim_edit(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    claim = claim_or_404(request, pk)
    form, formset = EditClaimForm(request.POST), evidence_formset(request.POST)
    if not (form.is_valid() and formset.is_valid()):
        panel = render_panel(request, claim, form=form, formset=formset, panel_error=FIX_ERRORS)
        return error_response(FIX_ERRORS, 400, panel)
    try:
        claim = claim_update(
            actor=request.user,
            claim=claim,
            version=form.cleaned_data["version"],
            evidence=evidence_items(formset, with_ids=True),
            **form.service_fields(),
        )
    except ValidationError as error:
        attach_errors(form, formset, error)
        panel = render_panel(request, claim, form=form, formset=formset, panel_error=FIX_ERRORS)
        return error_response(FIX_ERRORS, 400, panel)
    except Conflict as error:  # stale version: keep what was typed, say what happened
        return _edit_conflict(request, claim, form, formset, error)
    draft_clear(actor=request.user, claim=claim)
    return _after_save(request, claim)


def _rebased(fields: dict[str, Any], claim: Claim, given: int) -> dict[str, Any]:
    """The typed fields on top of the current claim: a field the user left as it was in the
    version they opened takes the current value (someone else's change is not undone)."""
    base = claim.history.filter(version=given).order_by("-history_date").first()  # type: ignore[attr-defined]
    if base is None:
        return fields
    current = claim_initial(claim)
    rebased = dict(fields)
    for name in ("claim_text", "claimant", "rationale"):
        if fields.get(name, "") == (getattr(base, name) or ""):
            rebased[name] = current[name]
    base_verdict = base.verdict.slug if base.verdict_id else ""
    if fields.get("verdict", "") == base_verdict:
        rebased["verdict"] = current["verdict"]
    return rebased


def _edit_conflict(
    request: AuthenticatedRequest, claim: Claim, form: Any, formset: Any, error: Conflict
) -> JsonResponse:
    """Someone saved the claim meanwhile: keep the typing as the user's draft and show it on
    the current version (the form then carries the current version: check, then save again)."""
    given = form.cleaned_data["version"]
    if given < claim.version and can_edit_claim(request.user, claim):
        fields = _rebased(draft_fields_from_post(request.POST), claim, given)
        draft_save(
            actor=request.user,
            article=claim.article,
            claim=claim,
            fields=fields,
            base_version=given,
        )
        message = EDITED_MEANWHILE.format(given=given, current=claim.version)
        return error_response(message, 409, render_panel(request, claim, panel_error=message))
    panel = render_panel(request, claim, form=form, formset=formset, panel_error=error.message)
    return error_response(error.message, 409, panel)


@login_required
@require_POST
@fragment_errors
def claim_comment(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    claim = claim_or_404(request, pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        panel = render_panel(request, claim, comment_form=form)
        return error_response("Write a comment first.", 400, panel)
    comment_add(actor=request.user, claim=claim, body=form.cleaned_data["body"])
    panel = render_panel(request, claim_or_404(request, pk), panel_message=COMMENTED)
    return JsonResponse({"ok": True, "message": COMMENTED, "html": {"panel": panel}})
