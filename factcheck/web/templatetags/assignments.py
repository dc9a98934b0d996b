"""`{% assign_box article %}`: the editors' "Assign reviewers" control on the article page and
in each row of the article list (the list of people is read once per request)."""

from __future__ import annotations

from typing import Any

from django import template

from factcheck.accounts.roles import is_editor
from factcheck.claims.mentions import newsroom_people

register = template.Library()


def _people(request: Any) -> list[Any]:
    cached = getattr(request, "_assignable_people", None)
    if cached is None:
        cached = list(newsroom_people().order_by("username"))
        request._assignable_people = cached
    return cached


@register.inclusion_tag("articles/_assign.html", takes_context=True)
def assign_box(context: template.Context, article: Any, compact: bool = False) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not is_editor(request.user):
        return {"can_assign": False}
    assigned = {u.pk for u in article.assignees.all()}
    return {
        "can_assign": True,
        "article": article,
        "people": _people(request),
        "assigned_ids": assigned,
        "compact": compact,
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
