"""The "Needs me" page (my sent-back claims, claims to review, mentions, assigned articles), the
notification list, marking notifications read, and the @mention autocomplete."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.roles import is_newsroom_staff
from factcheck.claims.mentions import people_matching
from factcheck.reviews import needs_me as selectors
from factcheck.reviews.notifications import notification_link, notifications_mark_read
from factcheck.web.http import AuthenticatedRequest

NEWSROOM_ONLY = "This page is for the newsroom: reviewers and editors."
RECENT_NOTIFICATIONS = 30


def _staff_only(request: AuthenticatedRequest) -> None:
    if not is_newsroom_staff(request.user):
        raise PermissionDenied(NEWSROOM_ONLY)


@login_required
@require_GET
def needs_me(request: AuthenticatedRequest) -> HttpResponse:
    _staff_only(request)
    user = request.user
    notifications = list(
        user.notifications.select_related("actor", "article", "claim")[:RECENT_NOTIFICATIONS]
    )
    for notification in notifications:
        notification.link = notification_link(notification)  # type: ignore[attr-defined]
    mentions = selectors.mention_list(user=user)
    for mention in mentions:
        mention.link = notification_link(mention)  # type: ignore[attr-defined]
    context = {
        "sent_back": selectors.sent_back_claims(user=user),
        "to_review": selectors.review_claims(user=user),
        "mentions": mentions,
        "assigned": selectors.assigned_articles(user=user),
        "notifications": notifications,
        "unread": sum(1 for n in notifications if n.is_unread),
    }
    return render(request, "needs_me/page.html", context)


@login_required
@require_POST
def notifications_read(request: AuthenticatedRequest) -> HttpResponse:
    """Mark one notification (`id`) or all of mine read; back to the Needs me page."""
    _staff_only(request)
    raw = request.POST.get("id", "")
    ids = [int(raw)] if raw.isdigit() else None
    count = notifications_mark_read(actor=request.user, ids=ids)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"ok": True, "marked": count})
    return redirect("needs_me")


@login_required
@require_GET
def people(request: AuthenticatedRequest) -> JsonResponse:
    """Newsroom people whose username or name starts with `q`: the @mention autocomplete."""
    _staff_only(request)
    q = request.GET.get("q", "")[:150]
    return JsonResponse({"results": people_matching(q)})
