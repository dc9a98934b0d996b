"""{{ text|highlight:query }}: an escaped snippet of `text` with the words matching the search
query wrapped in <mark> (search results)."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from factcheck.claims.matching import snippet_spans

register = template.Library()


@register.filter
def highlight(text: str, query: str) -> SafeString:
    window, spans = snippet_spans(text or "", query or "")
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(escape(window[last:start]))
        parts.append(f"<mark>{escape(window[start:end])}</mark>")
        last = end
    parts.append(escape(window[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
