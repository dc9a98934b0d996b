"""Claim helpers of the browser UI: the Markdown preview, the verdict colour stylesheet and the
autocomplete of the claim form (tags, claimants)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.roles import is_newsroom_staff
from factcheck.claims.selectors import claimant_suggestions, rating_list, tag_suggestions
from factcheck.core.markdown import render_markdown

NEWSROOM_ONLY = "Only the newsroom can do this."
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


@login_required
@require_GET
def suggestions(request: HttpRequest, field: str) -> JsonResponse:
    """`{"results": [...]}`: existing tags or claimants starting with `?q=`, for the claim form.

    Newsroom staff only (the form's users); claimants come only from claims the user may see.
    """
    if field not in ("tags", "claimants"):
        raise Http404("No such suggestions.")
    if not is_newsroom_staff(request.user):
        return JsonResponse({"results": [], "message": NEWSROOM_ONLY}, status=403)
    prefix = request.GET.get("q", "")[:100]
    if field == "tags":
        results = tag_suggestions(prefix=prefix)
    else:
        results = claimant_suggestions(user=request.user, prefix=prefix)
    response = JsonResponse({"results": results})
    response["Cache-Control"] = "private, max-age=30"
    return response
