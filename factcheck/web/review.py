"""The review queue and the workflow action endpoint used by the queue and the reading view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.roles import is_editor
from factcheck.claims.filters import ClaimFilterSet
from factcheck.claims.selectors import review_queue
from factcheck.reviews.permissions import available_actions
from factcheck.reviews.workflow import BY_SLUG
from factcheck.web.errors import error_response, fragment_errors
from factcheck.web.forms.claims import NoteForm, form_problem
from factcheck.web.fragments import render_panel, state_response
from factcheck.web.http import AuthenticatedRequest
from factcheck.web.reading import claim_or_404

EDITORS_ONLY_QUEUE = "The review queue is for editors."


@login_required
@require_GET
def queue(request: AuthenticatedRequest) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied(EDITORS_ONLY_QUEUE)
    filters = ClaimFilterSet(
        request.GET or None, request=request
    )  # the claims/ filters narrow the queue too
    claims = list(review_queue(user=request.user, filters=filters if filters.is_valid() else None))
    items = [{"claim": c, "actions": available_actions(request.user, c)} for c in claims]
    return render(request, "reviews/queue.html", {"items": items})


def _queue_row(request: AuthenticatedRequest, claim, message: str = "") -> str:
    context = {
        "item": {"claim": claim, "actions": available_actions(request.user, claim)},
        "row_message": message,
    }
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
        return JsonResponse({"ok": True, "message": message, "html": html,
                             "claim": claim.pk, "status": claim.status})  # fmt: skip
    panel = render_panel(request, claim, panel_message=message)
    return state_response(request, claim.article, panel=panel, message=message, claim=claim)
