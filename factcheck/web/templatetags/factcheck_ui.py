"""Template filters for the browser UI: safe Markdown and links in duplicate-article errors."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from factcheck.claims.models import EventAction, change_label
from factcheck.claims.models import status_label as claim_status_label
from factcheck.core.markdown import render_markdown
from factcheck.reports.snippets import Snippet
from factcheck.reports.snippets import context_snippet as snippet_of

register = template.Library()

# Only local article paths become links; everything else in the message stays escaped text.
ARTICLE_PATH = re.compile(r"(/articles/\d+/)")


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return render_markdown(text)


@register.filter
def article_links(message: str) -> SafeString:
    """Escape an error message, then turn "/articles/<id>/" into a link to that article."""
    escaped = escape(str(message))
    linked = ARTICLE_PATH.sub(r'<a href="\1">open the existing article</a>', escaped)
    return mark_safe(linked)  # noqa: S308 - escaped above; the pattern only matches digits


@register.filter
def change_rows(changes: object) -> list[tuple[str, object, object]]:
    """A ReviewEvent's `changes` ({field: [old, new]}) as rows labelled for people ("Claim
    text", not claim_text); ids and counts are left out."""
    if not isinstance(changes, dict):
        return []
    return [
        (change_label(str(field)), value[0], value[1])
        for field, value in changes.items()
        if isinstance(value, list) and len(value) == 2
    ]


@register.filter
def action_label(action: str) -> str:
    """ReviewEvent.action value → how the history says it, e.g. approve → "approved"."""
    return dict(EventAction.choices).get(action, str(action).replace("_", " "))


@register.filter
def status_label(status: str) -> str:
    """Status value → label, e.g. changes_requested → "Changes requested" (events store values)."""
    return claim_status_label(status)


@register.filter
def context_snippet(claim: object) -> Snippet:
    """A claim's stored context as whole words with ellipses (reports/snippets.py)."""
    return snippet_of(getattr(claim, "prefix", "") or "", getattr(claim, "suffix", "") or "")
