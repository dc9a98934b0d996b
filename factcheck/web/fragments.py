"""HTML fragments of the reading view, shared by the page and by its fetch endpoints.

Every action endpoint answers with fresh fragments (body, cards, summary, panel) rendered from
the database, so the page is always what the server holds after the action.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from factcheck.accounts.models import Viewer
from factcheck.articles.models import Article
from factcheck.articles.services import can_edit_article
from factcheck.articles.text.diff import word_diff
from factcheck.claims.models import AnchorState, Claim, ClaimStatus, EventAction
from factcheck.claims.permissions import can_create_claim, can_edit_claim
from factcheck.claims.rendering import Paragraph, Span, segment
from factcheck.claims.selectors import (
    active_ratings,
    article_claims,
    comment_list,
    event_list,
)
from factcheck.reviews.permissions import (
    available_actions,
    can_transition_claim,
    reattach_refusal,
    role_refusal,
    status_refusal,
)
from factcheck.reviews.workflow import TRANSITIONS
from factcheck.web.diff import diff_html
from factcheck.web.forms.claims import EditClaimForm, claim_initial, evidence_formset


def verdict_class(claim: Claim) -> str:
    if claim.status == ClaimStatus.RETRACTED:
        return "v-retracted"  # a withdrawn verdict is shown nowhere, not even as a colour
    return f"v-{claim.verdict.slug}" if claim.verdict else "v-none"


def _piece_html(piece: Any, claims: dict[int, Claim]) -> str:
    text = escape(piece.text)
    offsets = f'data-start="{piece.start}" data-end="{piece.end}"'
    if not piece.ids:
        return f"<span {offsets}>{text}</span>"
    inner = claims[piece.innermost]
    ids = " ".join(str(i) for i in piece.ids)
    classes = f"hl {verdict_class(inner)} st-{inner.status} d{min(piece.depth, 4)}"
    return (
        f'<mark class="{classes}" data-claim-id="{inner.pk}" data-claim-ids="{ids}" '
        f"{offsets}>{text}</mark>"
    )


def body_html(paragraphs: list[Paragraph], claims: dict[int, Claim]) -> SafeString:
    """The article body as <p> elements of offset-carrying pieces (built in Python: fast)."""
    parts = []
    for paragraph in paragraphs:
        inner = "".join(_piece_html(piece, claims) for piece in paragraph.pieces)
        parts.append(f'<p data-para-start="{paragraph.start}">{inner}</p>')
    return mark_safe("".join(parts))  # noqa: S308 - every text piece is escaped above


def status_counts(claims: list[Claim]) -> list[dict[str, Any]]:
    counts = Counter(c.status for c in claims)
    return [
        {"status": value, "label": label, "count": counts[value]}
        for value, label in ClaimStatus.choices
        if counts[value]
    ]


def reading_context(request: HttpRequest, article: Article) -> dict[str, Any]:
    claims = article_claims(user=request.user, article=article)
    by_id = {c.pk: c for c in claims}
    body = article.current_revision.body if article.current_revision else article.body
    # Only claims anchored on the current revision are highlighted: an orphan's offsets point
    # into the older revision it was last found in. Orphans get their own sidebar section.
    current = [c for c in claims if c.revision_id == article.current_revision_id]
    spans = [Span(c.pk, c.start, c.end) for c in current if c.anchor_state != AnchorState.ORPHANED]
    orphans = [c for c in claims if c.anchor_state == AnchorState.ORPHANED]
    for claim in claims:  # a fuzzy re-anchoring: show the old → new words inline on the card
        if claim.anchor_state == AnchorState.FUZZY and claim.previous_quote:
            change = diff_html(word_diff(claim.previous_quote, claim.quote))
            claim.quote_change = change  # type: ignore[attr-defined]
    return {
        "article": article,
        "claims": claims,
        "card_claims": [c for c in claims if c.anchor_state != AnchorState.ORPHANED],
        "orphans": orphans,
        "can_revise": can_edit_article(request.user, article),
        "can_reattach": {c.pk for c in orphans if reattach_refusal(request.user, c) is None},
        "can_retract": {
            c.pk for c in orphans if can_transition_claim(request.user, c, EventAction.RETRACT)
        },
        "body_html": body_html(segment(body, spans), by_id),
        "counts": status_counts(claims),
        "ratings": active_ratings(),
        "statuses": ClaimStatus.choices,
        "can_check": can_create_claim(request.user, article),
    }


def state_fragments(request: HttpRequest, article: Article) -> dict[str, str]:
    context = reading_context(request, article)
    return {
        "body": context["body_html"],
        "cards": render_to_string("claims/_cards.html", context, request=request),
        "orphans": render_to_string("claims/_orphans.html", context, request=request),
        "summary": render_to_string("claims/_summary.html", context, request=request),
    }


def _action_rows(user: Viewer, claim: Claim, editable: bool) -> tuple[list[dict], list[dict]]:
    """(buttons the user may press, explanations of actions only their role prevents)."""
    allowed = set(available_actions(user, claim))
    buttons, refusals = [], []
    for action, transition in TRANSITIONS.items():
        row = {"action": action, "transition": transition, "slug": transition.slug,
               "label": transition.label, "note_required": transition.note_required}  # fmt: skip
        if action in allowed:
            if not (action == EventAction.SUBMIT and editable):
                buttons.append(row)
        elif status_refusal(claim, action) is None and action != EventAction.RETRACT:
            refusals.append(row | {"reason": role_refusal(user, claim, action)})
    return buttons, refusals


def panel_context(request: HttpRequest, claim: Claim, **extra: Any) -> dict[str, Any]:
    editable = can_edit_claim(request.user, claim)
    buttons, refusals = _action_rows(request.user, claim, editable)
    context = {
        "claim": claim,
        "editable": editable,
        "buttons": buttons,
        "refusals": refusals,
        "events": list(event_list(claim=claim)),
        "comments": list(comment_list(claim=claim)),
        "ratings": active_ratings(),
        "evidence": list(
            getattr(claim, "live_evidence", None) or claim.evidence_links.filter(is_removed=False)
        ),
    }
    if editable and "form" not in extra:
        context["form"] = EditClaimForm(initial=claim_initial(claim))
        context["formset"] = evidence_formset(claim=claim)
    context.update(extra)
    return context


def render_panel(request: HttpRequest, claim: Claim, **extra: Any) -> str:
    return render_to_string(
        "claims/_panel.html", panel_context(request, claim, **extra), request=request
    )


def state_response(
    request: HttpRequest, article: Article, *, panel: str | None = None, message: str = "",
    claim: Claim | None = None, status: int = 200,
) -> JsonResponse:  # fmt: skip
    html = state_fragments(request, article) if status < 400 else {}
    if panel is not None:
        html["panel"] = panel
    return JsonResponse({
        "ok": status < 400, "message": message, "html": html,
        "claim": claim.pk if claim else None, "status": claim.status if claim else None,
    }, status=status)  # fmt: skip
