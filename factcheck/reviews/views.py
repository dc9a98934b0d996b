"""The review queue and the workflow action endpoint used by the queue and the reading view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.roles import is_editor
from factcheck.claims.forms import NoteForm
from factcheck.claims.selectors import review_queue
from factcheck.core.errors import ActionForbidden, DomainError
from factcheck.reviews.fragments import error_response, render_panel, state_response
from factcheck.reviews.permissions import available_actions
from factcheck.reviews.reading import claim_or_404
from factcheck.reviews.services import TRANSITION_SERVICES
from factcheck.reviews.workflow import ACTION_SLUGS, TRANSITIONS

EDITORS_ONLY_QUEUE = "The review queue is for editors."
DONE = {
    "submit": "Submitted for review.",
    "approve": "Approved.",
    "request_changes": "Sent back to the author with your note.",
    "publish": "Published.",
    "correct": "Correction published.",
    "retract": "Retracted.",
}
SLUG_TO_ACTION = {slug: action for action, slug in ACTION_SLUGS.items()}


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        return render(request, "403.html", {"reason": EDITORS_ONLY_QUEUE}, status=403)
    claims = list(review_queue(user=request.user))
    items = [{"claim": c, "actions": available_actions(request.user, c)} for c in claims]
    return render(request, "reviews/queue.html", {"items": items})


def _queue_row(request: HttpRequest, claim, message: str = "") -> str:
    context = {
        "item": {"claim": claim, "actions": available_actions(request.user, claim)},
        "row_message": message,
    }
    return render_to_string("reviews/_queue_item.html", context, request=request)


def _run(request: HttpRequest, claim, action: str, form: NoteForm):
    data = form.cleaned_data
    kwargs = {"actor": request.user, "claim": claim, "version": data.get("version"),
              "note": data.get("note") or ""}  # fmt: skip
    if action == "correct":
        kwargs["verdict"] = data.get("verdict") or None
        kwargs["rationale"] = data.get("rationale") or None
    return TRANSITION_SERVICES[action](**kwargs)


@login_required
@require_POST
def claim_action(request: HttpRequest, pk: int, slug: str) -> JsonResponse:
    action = SLUG_TO_ACTION.get(slug)
    if action not in TRANSITIONS:
        raise Http404("Unknown action.")
    claim = claim_or_404(request, pk)
    form = NoteForm(request.POST)
    form.is_valid()
    try:
        claim = _run(request, claim, action, form)
    except ActionForbidden as error:
        return error_response(error.message, 403)
    except DomainError as error:
        return error_response(error.message, 409)
    except ValidationError as error:
        return error_response(" ".join(error.messages), 400)
    claim = claim_or_404(request, claim.pk)
    message = DONE[action]
    if request.POST.get("context") == "queue":
        html = {f"queue-{claim.pk}": _queue_row(request, claim, message)}
        return JsonResponse({"ok": True, "message": message, "html": html,
                             "claim": claim.pk, "status": claim.status})  # fmt: skip
    panel = render_panel(request, claim, panel_message=message)
    return state_response(request, claim.article, panel=panel, message=message, claim=claim)
