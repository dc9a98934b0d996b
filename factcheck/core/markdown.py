"""Markdown to safe HTML, for rationales, notes and comments (reading view, report, previews).

Markdown's raw-HTML passthrough is left on but everything goes through nh3 afterwards, which
keeps only a small allow-list of tags and attributes, drops script/style content, and allows
only http(s)/mailto link targets. Links get rel="noopener noreferrer nofollow".
"""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "b",
    "i",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
MAX_SOURCE_CHARS = 100_000


def render_markdown(text: str | None) -> SafeString:
    """Render Markdown source to sanitised HTML that templates may output unescaped."""
    source = (text or "")[:MAX_SOURCE_CHARS]
    if not source.strip():
        return mark_safe("")
    html = md.markdown(source, extensions=["extra", "sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(clean)  # noqa: S308 - sanitised by nh3 just above
