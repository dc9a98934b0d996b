"""Claim helpers of the browser UI: the Markdown preview and the verdict colour stylesheet."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET, require_POST

from factcheck.claims.selectors import rating_list
from factcheck.core.markdown import render_markdown

NOTHING_TO_PREVIEW = '<p class="muted">Nothing to preview.</p>'


@login_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    html = render_markdown(request.POST.get("text", ""))
    return HttpResponse(html or NOTHING_TO_PREVIEW, content_type="text/html; charset=utf-8")


def _rgb(color: str) -> str:
    value = color.lstrip("#")
    return ", ".join(str(int(value[i : i + 2], 16)) for i in (0, 2, 4))


@require_GET
def verdict_css(request: HttpRequest) -> HttpResponse:
    """One class per rating slug setting --verdict (colour) and --verdict-rgb (for tints).

    Served as a stylesheet so that the strict CSP (style-src 'self') needs no inline styles.
    Slugs are SlugField values and colours are checked hex by a DB constraint.
    """
    lines = [
        f".v-{r.slug}{{--verdict:{r.color};--verdict-rgb:{_rgb(r.color)}}}" for r in rating_list()
    ]
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "max-age=60"
    return response
