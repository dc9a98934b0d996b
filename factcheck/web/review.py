"""The review queue and the workflow action endpoint used by the queue and the reading view."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.roles import is_editor
from factcheck.articles.text.diff import word_diff
from factcheck.claims.filters import ClaimFilterSet
from factcheck.claims.models import Claim, EventAction
from factcheck.reviews.permissions import available_actions
from factcheck.reviews.queue import queue_choices, queue_claim, queue_claims
from factcheck.reviews.workflow import BY_SLUG
from factcheck.web.diff import diff_html
from factcheck.web.errors import error_response, fragment_errors
from factcheck.web.forms.claims import NoteForm, form_problem
from factcheck.web.forms.queue import QueueFilterForm
from factcheck.web.fragments import render_panel, state_response
from factcheck.web.http import AuthenticatedRequest
from factcheck.web.reading import claim_or_404

EDITORS_ONLY_QUEUE = "The review queue is for editors."


FILTER_KEYS = ("article", "author", "verdict", "revision")


@login_required
@require_GET
def queue(request: AuthenticatedRequest) -> HttpResponse:
    """Claims to review (or, `stage=publish`, to publish), narrowed by the filter bar: article,
    author and verdict are the claims/ filters; `revision=1` keeps claims a revision sent back."""
    if not is_editor(request.user):
        raise PermissionDenied(EDITORS_ONLY_QUEUE)
    stage = QueueFilterForm.stage_of(request.GET)
    form = QueueFilterForm(request.GET or None, choices=queue_choices(stage=stage))
    filters = ClaimFilterSet(request.GET or None, request=request)
    claims = queue_claims(
        user=request.user,
        filters=filters if filters.is_valid() else None,
        stage=stage,
        revision_only=request.GET.get("revision") in ("1", "on", "true"),
    )
    items = [_item(request, c) for c in claims]
    filtered = any(request.GET.get(key) for key in FILTER_KEYS)
    return render(
        request,
        "reviews/queue.html",
        {
            "items": items,
            "form": form,
            "stage": stage,
            "filtered": filtered,
        },
    )


def _item(request: AuthenticatedRequest, claim: Claim) -> dict[str, Any]:
    """A queue row: the claim, what the editor may do, and how its quote changed if a revision
    sent it back (old → new words)."""
    move = getattr(claim, "last_move", None)
    words = None
    changed = claim.previous_quote and claim.previous_quote != claim.quote
    if move is not None and move.action == EventAction.REANCHOR_REVIEW and changed:
        words = diff_html(word_diff(claim.previous_quote, claim.quote))
    return {"claim": claim, "actions": available_actions(request.user, claim), "words": words}


def _queue_row(request: AuthenticatedRequest, claim: Claim, message: str = "") -> str:
    claim = queue_claim(user=request.user, pk=claim.pk)
    context = {"item": _item(request, claim), "row_message": message}
    return render_to_string("reviews/_queue_item.html", context, request=request)


@login_required
@require_POST
@fragment_errors
def claim_action(request: AuthenticatedRequest, pk: int, slug: str) -> JsonResponse:
    transition = BY_SLUG.get(slug)
    if transition is None:
        raise Http404("Unknown action.")
    claim = claim_or_404(request, pk)
    form = NoteForm(request.POST)
    if not form.is_valid():  # a missing or malformed version changes nothing
        return error_response(form_problem(form), 400)
    data = form.cleaned_data
    claim = transition.run(
        actor=request.user,
        claim=claim,
        note=data.get("note") or "",
        version=data.get("version"),
        **{name: data.get(name) or None for name in transition.inputs},
    )
    claim = claim_or_404(request, claim.pk)
    message = transition.done
    if request.POST.get("context") == "queue":
        html = {f"queue-{claim.pk}": _queue_row(request, claim, message)}
        return JsonResponse(
            {
                "ok": True,
                "message": message,
                "html": html,
                "claim": claim.pk,
                "status": claim.status,
            }
        )
    panel = render_panel(request, claim, panel_message=message)
    return state_response(request, claim.article, panel=panel, message=message, claim=claim)
