"""HTML fragments of the reading view, shared by the page and by its fetch endpoints.

Every action endpoint answers with fresh fragments (body, cards, summary, panel) rendered from
the database, so the page is always what the server holds after the action.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Mapping
from functools import cache
from html import escape  # Django's escape is this plus a lazy-string wrapper: 60,000 calls a page
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from factcheck.accounts.models import Viewer
from factcheck.articles.models import Article
from factcheck.articles.services import can_edit_article
from factcheck.articles.text.diff import word_diff
from factcheck.claims.models import AnchorState, Claim, ClaimStatus, EventAction
from factcheck.claims.permissions import can_create_claim, can_edit_claim
from factcheck.claims.rendering import Paragraph, Piece, Span, segment
from factcheck.claims.selectors import (
    ClaimCard,
    active_ratings,
    article_claim_cards,
    claims_by_ids,
    comment_list,
    draft_for_claim,
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
from factcheck.web.forms.claims import (
    EditClaimForm,
    claim_initial,
    draft_initial,
    evidence_formset,
)


class _Escaped(dict[str, str]):
    """`escape` of the values that repeat from card to card (verdicts, statuses, people), each
    escaped once per page: 5,000 cards made some 30,000 calls for a few dozen values."""

    def __missing__(self, text: str) -> str:
        self[text] = escaped = escape(text)
        return escaped


def _piece_html(piece: Piece, classes: dict[int, str]) -> str:
    text = escape(piece.text, quote=False)  # element content: < > & are enough
    if not piece.ids:
        return f'<span data-start="{piece.start}" data-end="{piece.end}">{text}</span>'
    ids = piece.ids
    return (
        f'<mark class="hl {classes[ids[0]]} d{min(len(ids), 4)}" data-claim-id="{ids[0]}" '
        f'data-claim-ids="{" ".join(map(str, ids))}" data-start="{piece.start}" '
        f'data-end="{piece.end}">{text}</mark>'
    )


def body_html(paragraphs: list[Paragraph], cards: dict[int, ClaimCard]) -> SafeString:
    """The article body as <p> elements of offset-carrying pieces (built in Python: fast)."""
    escaped = _Escaped()
    classes = {pk: f"v-{escaped[card.colour]} st-{card.status}" for pk, card in cards.items()}
    return mark_safe(  # noqa: S308 - every text piece is escaped in _piece_html
        "".join(
            f'<p data-para-start="{paragraph.start}">'
            f"{''.join([_piece_html(piece, classes) for piece in paragraph.pieces])}</p>"
            for paragraph in paragraphs
        )
    )


_ANCHOR_PILLS: dict[str, str] = {
    AnchorState.FUZZY: '<span class="pill anchor-fuzzy" title="The article was revised and '
    "this claim's words changed\">Text changed</span>",
    AnchorState.MOVED: '<span class="pill anchor-moved" title="The article was revised and '
    "this claim's words moved\">Moved</span>",
}
_CHANGED = (
    '<span class="visually-hidden">The revision changed the quoted words (removed words struck '
    "out, added words marked): </span>"
)


def _card_html(
    number: int,
    card: ClaimCard,
    quote_change: str | None,
    ellipsis: str,
    labels: dict[str, str],
    escaped: _Escaped,
) -> str:
    """One card of the claims list (what templates/claims/_cards.html showed per claim);
    `labels`: each status's label, escaped, in the active language."""
    slug = escaped[card.verdict_slug] if card.verdict_slug else "none"
    badge = escaped[card.verdict_label or ""] if card.verdict_slug else "No verdict"
    colour = escaped[card.colour]
    if card.status == ClaimStatus.RETRACTED:
        badge = "Retracted"
    if quote_change is not None:
        quote = f'<span class="card-quote card-change" data-text-changed>{_CHANGED}<bdi>“{quote_change}”</bdi></span>'  # noqa: E501
    else:
        quote = _cut(card.quote, 160, ellipsis)
        quote = f'<span class="card-quote" dir="auto">“{escape(quote)}”</span>'
    claimant = (
        f'<span class="card-claimant">Claimant: <bdi>{escaped[card.claimant]}</bdi></span>'
        if card.claimant
        else ""
    )
    sources = f"{card.evidence_count} source{'' if card.evidence_count == 1 else 's'}"
    imported = (
        f"<span>Imported, originally by <bdi>{escaped[card.original_creator]}</bdi></span> "
        if card.original_creator
        else ""
    )
    status = escaped[card.status]
    return (
        f'<li class="claim-card v-{colour} st-{status}" data-card-for="{card.pk}" '
        f'data-status="{status}" data-verdict="{slug}" data-author="{card.author_id}" '
        f'data-rationale="{escape(_cut(plain_rationale(card.rationale_start), 140, ellipsis))}">'
        f'<button type="button" class="card-button" data-open-claim="{card.pk}" '
        f'aria-label="Claim {number}: {escape(_cut(card.claim_text, 80, ellipsis))}">'
        f'<span class="card-top"><span class="verdict-badge v-{colour}">{badge}</span> '
        f'<span class="pill st-{status}">{labels[card.status]}</span> '
        f"{_ANCHOR_PILLS.get(card.anchor_state, '')}</span> {quote} "
        f'<span class="card-meta">{claimant} <span>By {escaped[card.author_name]}</span> '
        f"{imported}<span>{sources}</span></span></button></li>"
    )


# Each expression starts with a literal or a character class, so that the regular expression
# engine skips plain text fast (a leading `!?`, alternation or look-behind makes it try every
# position: 30-70 µs a rationale instead of 2-9). tests/views/test_reading_cards.py pins them
# to their one-pass definition.
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # an image's "!" before it goes too
# block marks at a line's start: heading, quote, list item
_MARKDOWN_LINE_MARKS = re.compile(r"^[ \t]{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])[ \t]+", re.M)
# emphasis marks not inside a word (2*3 and snake_case stay: no word character before, or
# none after), and code ticks
_MARKDOWN_EMPHASIS = re.compile(
    r"[*_~`](?:(?<=`)`*|(?<=[*_~])(?<!\w[*_~])[*_~]*|(?<=[*_~])[*_~]*(?!\w))"
)


def _link_words(text: str) -> str:
    """Links and images as their words: `[words](url)` and `![words](url)` become `words`."""
    kept, last = [], 0
    for link in _MARKDOWN_LINK.finditer(text):
        start = link.start()
        kept.append(text[last : start - 1 if start and text[start - 1] == "!" else start])
        kept.append(link.group(1))
        last = link.end()
    kept.append(text[last:])
    return "".join(kept)


def plain_rationale(markdown: str) -> str:
    """A rationale's Markdown source as one line of plain text, for a hover card's snippet
    (links keep their words; emphasis, heading, quote and list marks go)."""
    text = _link_words(markdown) if "[" in markdown else markdown
    return " ".join(_MARKDOWN_EMPHASIS.sub("", _MARKDOWN_LINE_MARKS.sub("", text)).split())


@cache
def _combining_marks() -> frozenset[str]:
    """Every code point with a combining class (what truncatechars does not count), from this
    Python's Unicode database: built once (0.1 s), then a set look-up per character."""
    return frozenset(
        chr(code) for code in range(0x300, sys.maxunicode + 1) if unicodedata.combining(chr(code))
    )


def _cut(text: str, length: int, ellipsis: str) -> str:
    """The `truncatechars` filter (`ellipsis` is its translated "…"), without its translation
    look-up per call. Combining marks are not counted, as there."""
    if not text.isascii():  # ASCII is its own NFC
        text = unicodedata.normalize("NFC", text)
    if len(text) <= length:
        return text
    keep = max(length - len(ellipsis), 0)
    if _combining_marks().isdisjoint(text[: length + 1]):
        return text[:keep] + ellipsis
    counted, cut = 0, 0
    for index, char in enumerate(text):
        if unicodedata.combining(char):
            continue
        counted += 1
        if counted == keep + 1:
            cut = index
        if counted > length:
            return text[:cut] + ellipsis
    return text


def _cards(cards: list[ClaimCard], quote_changes: Mapping[int, str], first: int = 1) -> list[str]:
    ellipsis = Truncator("xx").chars(1)  # what truncatechars appends, in the active language
    labels = {value: escape(str(label)) for value, label in ClaimStatus.choices}
    escaped = _Escaped()
    return [
        _card_html(number, card, quote_changes.get(card.pk), ellipsis, labels, escaped)
        for number, card in enumerate(cards, start=first)
    ]


def cards_html(cards: list[ClaimCard], quote_changes: Mapping[int, str]) -> SafeString:
    """The claim cards (<li>), built in Python: a template loop took ~0.1 ms a card."""
    return mark_safe("\n".join(_cards(cards, quote_changes)))  # noqa: S308 - escaped in _card_html


# From these sizes on, the browser lays out only the part of the reading view near the screen
# (`.is-lazy`: `content-visibility: auto` in static/css/app.css): 5,000 cards and 100,000 words
# took ~1.5 s to lay out whole. Below them the whole page lays out in tens of milliseconds and
# stays rendered, as layout-reading APIs (innerText) expect.
LAZY_CARDS_FROM = 250
LAZY_BODY_FROM = 100_000  # code points
# Cards per list: the browser checks every lazily rendered element against the screen on each
# frame: 5,000 cards one by one cost ~20 ms a frame, 100 lists of 50 almost nothing.
CARDS_PER_LIST = 50
# From this many cards on, the page carries the first INITIAL_CARDS (a multiple of
# CARDS_PER_LIST) and the browser fetches the others once it shows them (web.reading.
# article_cards, static/js/reading/cards.js): 5,000 cards were 70% of the page's 6 MB and
# 40% of its server time.
DEFER_CARDS_FROM = 500
INITIAL_CARDS = 100


def card_lists(
    cards: list[ClaimCard], quote_changes: Mapping[int, str], first: int = 1
) -> list[str]:
    """`cards` as ordered lists of CARDS_PER_LIST (each list's HTML), numbered from `first`."""
    items = _cards(cards, quote_changes, first)
    return [
        f'<ol class="card-list" start="{first + start}">\n'
        + "\n".join(items[start : start + CARDS_PER_LIST])
        + "</ol>"
        for start in range(0, len(items), CARDS_PER_LIST)
    ]


def rest_of_cards_url(cards: list[ClaimCard], cards_url: str) -> str:
    """Where the browser fetches the cards a long list leaves out of the page ("": none)."""
    if not cards_url or len(cards) < DEFER_CARDS_FROM:
        return ""
    return f"{cards_url}?from={INITIAL_CARDS}"


def card_lists_html(
    cards: list[ClaimCard], quote_changes: Mapping[int, str], *, rest_url: str = ""
) -> SafeString:
    """The sidebar's cards, in lists. With `rest_url` (rest_of_cards_url), they stop after the
    first INITIAL_CARDS with a placeholder from which the browser fetches the others (and a
    link to the page with them all, without JavaScript)."""
    total = len(cards)
    lazy = " is-lazy" if total >= LAZY_CARDS_FROM else ""
    html = [f'<div class="card-lists{lazy}">']
    html += card_lists(cards[:INITIAL_CARDS] if rest_url else cards, quote_changes)
    if rest_url:
        rest = total - INITIAL_CARDS
        html.append(
            f'<div class="cards-rest" data-cards-rest="{escape(rest_url)}" '
            f'data-cards-total="{total}"><p class="muted">Loading the other {rest:,} claims… '
            '<a href="?cards=all">Show all claims</a></p></div>'
        )
    html.append("</div>")
    return mark_safe("\n".join(html))  # noqa: S308 - every text field is escaped in _card_html


def status_counts(claims: list[Any]) -> list[dict[str, Any]]:
    counts = Counter(c.status for c in claims)
    return [
        {"status": value, "label": label, "count": counts[value]}
        for value, label in ClaimStatus.choices
        if counts[value]
    ]


def _sidebar_cards(cards: list[ClaimCard]) -> list[ClaimCard]:
    """The cards of the claims list: not the orphans (they have a section of their own)."""
    return [c for c in cards if c.anchor_state != AnchorState.ORPHANED]


def _quote_changes(cards: list[ClaimCard]) -> dict[int, SafeString]:
    """The changed words of each fuzzily re-anchored card (old → new, shown inline on it): for
    the cards rendered only (a large rewrite leaves thousands fuzzy; a page shows the first)."""
    return {
        c.pk: diff_html(word_diff(c.previous_quote, c.quote))
        for c in cards
        if c.anchor_state == AnchorState.FUZZY and c.previous_quote
    }


def rest_of_cards(request: HttpRequest, article: Article, start: int) -> list[str]:
    """The lists of the sidebar's cards from the `start`-th on (see DEFER_CARDS_FROM)."""
    rest = _sidebar_cards(article_claim_cards(user=request.user, article=article))[start:]
    return card_lists(rest, _quote_changes(rest), first=start + 1)


def reading_context(
    request: HttpRequest, article: Article, *, cards_url: str = ""
) -> dict[str, Any]:
    """What the reading view shows; with `cards_url` (web.reading.article_cards), only the
    first cards of a long list (card_lists_html)."""
    cards = article_claim_cards(user=request.user, article=article)
    body = article.current_revision.body if article.current_revision else article.body
    # Only claims anchored on the current revision are highlighted: an orphan's offsets point
    # into the older revision it was last found in. Orphans get their own sidebar section.
    current = [c for c in cards if c.revision_id == article.current_revision_id]
    spans = [Span(c.pk, c.start, c.end) for c in current if c.anchor_state != AnchorState.ORPHANED]
    # Readers without a role see published values only: their cards never say "orphaned".
    orphan_ids = [c.pk for c in cards if c.anchor_state == AnchorState.ORPHANED]
    orphans = claims_by_ids(user=request.user, ids=orphan_ids)
    card_claims = _sidebar_cards(cards)
    rest_url = rest_of_cards_url(card_claims, cards_url)
    quote_changes = _quote_changes(card_claims[:INITIAL_CARDS] if rest_url else card_claims)
    return {
        "article": article,
        "claims": cards,
        "card_claims": card_claims,
        "cards_html": card_lists_html(card_claims, quote_changes, rest_url=rest_url),
        "cards_rest_url": rest_url,
        "orphans": orphans,
        "can_revise": can_edit_article(request.user, article),
        "can_reattach": {c.pk for c in orphans if reattach_refusal(request.user, c) is None},
        "can_retract": {
            c.pk for c in orphans if can_transition_claim(request.user, c, EventAction.RETRACT)
        },
        "body_html": body_html(segment(body, spans), {c.pk: c for c in current}),
        "lazy_body": len(body) >= LAZY_BODY_FROM,
        "counts": status_counts(cards),
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
        row = {
            "action": action,
            "transition": transition,
            "slug": transition.slug,
            "label": transition.label,
            "note_required": transition.note_required,
        }
        if action in allowed:
            if not (action == EventAction.SUBMIT and editable):
                buttons.append(row)
        elif status_refusal(claim, action) is None and action != EventAction.RETRACT:
            refusals.append(row | {"reason": role_refusal(user, claim, action)})
    return buttons, refusals


def panel_context(request: HttpRequest, claim: Claim, **extra: Any) -> dict[str, Any]:
    editable = can_edit_claim(request.user, claim)
    buttons, refusals = _action_rows(request.user, claim, editable)
    context: dict[str, Any] = {
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
        context.update(_edit_form(request, claim))
    context["sent_back"] = _sent_back(claim, context["events"])
    context.update(extra)
    return context


def _edit_form(request: HttpRequest, claim: Claim) -> dict[str, Any]:
    """The edit form: the claim's values, or the user's autosaved draft of it restored."""
    draft = draft_for_claim(user=request.user, claim=claim)
    if draft is None:
        return {
            "form": EditClaimForm(initial=claim_initial(claim)),
            "formset": evidence_formset(claim=claim),
        }
    values, rows = draft_initial(draft.fields)
    return {
        "form": EditClaimForm(initial=claim_initial(claim) | values),
        "formset": evidence_formset(rows=rows),
        "draft": draft,
        "draft_stale": draft.base_version is not None and draft.base_version != claim.version,
    }


def _sent_back(claim: Claim, events: list[Any]) -> Any:
    """The event that sent a claim back for changes (with the editor's note), while it is."""
    if claim.status != ClaimStatus.CHANGES_REQUESTED:
        return None
    return next((e for e in reversed(events) if e.to_status == ClaimStatus.CHANGES_REQUESTED), None)


def render_panel(request: HttpRequest, claim: Claim, **extra: Any) -> str:
    return render_to_string(
        "claims/_panel.html", panel_context(request, claim, **extra), request=request
    )


def state_response(
    request: HttpRequest,
    article: Article,
    *,
    panel: str | None = None,
    message: str = "",
    claim: Claim | None = None,
    status: int = 200,
) -> JsonResponse:
    html = state_fragments(request, article) if status < 400 else {}
    if panel is not None:
        html["panel"] = panel
    return JsonResponse(
        {
            "ok": status < 400,
            "message": message,
            "html": html,
            "claim": claim.pk if claim else None,
            "status": claim.status if claim else None,
        },
        status=status,
    )
