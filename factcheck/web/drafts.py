"""Autosave of the claim form: the reading view posts the form here while people type.

The form's data is kept as typed (not validated: it is a draft) through claims.services.drafts.
Only the owner reads or discards a draft; anyone else gets 404. CSRF is enforced as on every
POST (the page sends the token in X-CSRFToken).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from factcheck.claims.models import ClaimDraft
from factcheck.claims.selectors import draft_get
from factcheck.claims.services import draft_discard, draft_save
from factcheck.web.errors import error_response, fragment_errors
from factcheck.web.forms.claims import draft_fields_from_post
from factcheck.web.http import AuthenticatedRequest
from factcheck.web.reading import article_or_404, claim_or_404

DRAFT_SAVED = "Draft saved {time}."
DRAFT_DISCARDED = "Draft discarded."


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _saved(draft: ClaimDraft) -> JsonResponse:
    time = timezone.localtime(draft.updated_at).strftime("%H:%M")
    return JsonResponse(
        {
            "ok": True,
            "message": DRAFT_SAVED.format(time=time),
            "draft": draft.pk,
            "saved_at": draft.updated_at.isoformat(),
            "discard_url": reverse("reviews:draft_discard", args=[draft.pk]),
        }
    )


def _invalid(error: ValidationError) -> JsonResponse:
    return error_response(" ".join(error.messages), 400)


@login_required
@require_POST
@fragment_errors
def new_claim_draft(request: AuthenticatedRequest, article_pk: int) -> JsonResponse:
    """Keep the form of a new claim on a selection (start, end, quote come with the form)."""
    article = article_or_404(request, article_pk)
    try:
        draft = draft_save(
            actor=request.user,
            article=article,
            fields=draft_fields_from_post(request.POST),
            start=_int(request.POST.get("start")),
            end=_int(request.POST.get("end")),
            quote=request.POST.get("quote", ""),
        )
    except ValidationError as error:
        return _invalid(error)
    return _saved(draft)


@login_required
@require_POST
@fragment_errors
def claim_draft(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    """Keep the edit form of claim `pk` as typed."""
    claim = claim_or_404(request, pk)
    try:
        draft = draft_save(
            actor=request.user,
            article=claim.article,
            claim=claim,
            fields=draft_fields_from_post(request.POST),
        )
    except ValidationError as error:
        return _invalid(error)
    return _saved(draft)


def _own_draft(request: AuthenticatedRequest, pk: int) -> ClaimDraft:
    try:
        return draft_get(user=request.user, pk=pk)
    except ClaimDraft.DoesNotExist:
        raise Http404("No such draft.") from None


@login_required
@require_GET
def draft_detail(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    draft = _own_draft(request, pk)
    return JsonResponse(
        {
            "id": draft.pk,
            "article": draft.article_id,
            "claim": draft.claim_id,
            "start": draft.start,
            "end": draft.end,
            "quote": draft.quote,
            "fields": draft.fields,
            "base_version": draft.base_version,
            "saved_at": draft.updated_at.isoformat(),
        }
    )


@login_required
@require_POST
def draft_discard_view(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    draft_discard(actor=request.user, draft=_own_draft(request, pk))
    return JsonResponse({"ok": True, "message": DRAFT_DISCARDED})
