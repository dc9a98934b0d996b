"""Live updates for the browser: the event streams (/stream/), presence heartbeats, queue rows.

The streams are the only async views: they hold a connection open for minutes and need an ASGI
server (README, "Deployment at scale"). Everything a stream announces is fetched afterwards
through the ordinary views, which check the user's permissions again.
"""

from __future__ import annotations

import re
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_GET, require_POST

from factcheck.accounts.models import User
from factcheck.accounts.roles import is_editor
from factcheck.articles.models import Article
from factcheck.articles.selectors import article_get
from factcheck.claims.models import Claim
from factcheck.claims.selectors import claim_get
from factcheck.core.live import live_notify
from factcheck.live.bus import bus
from factcheck.live.presence import presence_store
from factcheck.live.streams import Stream
from factcheck.reviews.needs_me import needs_me_count
from factcheck.web.http import AuthenticatedRequest
from factcheck.web.reading import article_or_404
from factcheck.web.review import EDITORS_ONLY_QUEUE, _queue_row

# 204 makes EventSource stop for good: without PostgreSQL (SQLite in development) there is no
# LISTEN/NOTIFY, and under a WSGI server a stream would hold a worker until it ended; the pages
# then simply work without live updates.
NO_LIVE_UPDATES = 204
SIGN_IN_FIRST = "Sign in to receive live updates."
BAD_TAB = "tab: a browser tab id of 8 to 64 letters, digits or dashes is required."
BAD_CLAIM = "claim: no such claim on this article."
_TAB = re.compile(r"[A-Za-z0-9-]{8,64}")


def _position(request: HttpRequest) -> dict[str, Any]:
    """The browser's Last-Event-ID on a reconnect, else the page's ?since= (its render time)."""
    header = request.headers.get("Last-Event-ID") or ""
    raw = header or request.GET.get("since") or "0"
    last = int(raw) if raw.isdigit() and len(raw) < 19 else 0
    return {"last_id": last, "reconnect": bool(header)}


def _event_stream(stream: Stream) -> StreamingHttpResponse:
    response = StreamingHttpResponse(stream, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-transform"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response


def _refused(message: str, status: int) -> JsonResponse:
    return JsonResponse({"ok": False, "message": message}, status=status)


def _live_enabled(request: HttpRequest) -> bool:
    under_asgi = isinstance(request, ASGIRequest)
    return settings.LIVE_ENABLED and under_asgi and connection.vendor == "postgresql"


def _release_connection() -> None:
    """This request's thread keeps no database connection for the minutes its stream is open
    (200 streams would hold 200 connections); the stream reads through the shared pool."""
    if not connection.in_atomic_block:
        connection.close()


def _open_article(user: User, pk: int) -> Article | None:
    try:
        return article_get(user=user, pk=pk)
    except Article.DoesNotExist:
        return None
    finally:
        _release_connection()


def _may_use_queue(user: User) -> bool:
    try:
        return is_editor(user)
    finally:
        _release_connection()


@require_GET
async def article_stream(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = await request.auser()
    if not user.is_authenticated:
        return _refused(SIGN_IN_FIRST, 403)
    if await sync_to_async(_open_article)(user, pk) is None:
        raise Http404("No such article.")
    if not _live_enabled(request):
        return HttpResponse(status=NO_LIVE_UPDATES)
    return _event_stream(Stream(bus=bus, user=user, **_position(request), article=pk))


@require_GET
async def queue_stream(request: HttpRequest) -> HttpResponseBase:
    user = await request.auser()
    if not user.is_authenticated:
        return _refused(SIGN_IN_FIRST, 403)
    if not await sync_to_async(_may_use_queue)(user):
        return _refused(EDITORS_ONLY_QUEUE, 403)
    if not _live_enabled(request):
        return HttpResponse(status=NO_LIVE_UPDATES)
    return _event_stream(Stream(bus=bus, user=user, **_position(request), queue=True))


def _editing(request: AuthenticatedRequest, article: Article) -> int | None:
    raw = request.POST.get("claim") or ""
    if not raw:
        return None
    if not raw.isdigit():
        raise ValueError(BAD_CLAIM)
    try:
        claim = claim_get(user=request.user, pk=int(raw))
    except Claim.DoesNotExist:
        raise ValueError(BAD_CLAIM) from None
    if claim.article_id != article.pk:
        raise ValueError(BAD_CLAIM)
    return claim.pk


@require_POST
def presence_beat(request: AuthenticatedRequest, pk: int) -> JsonResponse:
    """A tab says it still has the article open (and which claim it edits), or that it left."""
    if not request.user.is_authenticated:
        return _refused(SIGN_IN_FIRST, 403)
    article = article_or_404(request, pk)
    tab = request.POST.get("tab") or ""
    if not _TAB.fullmatch(tab):
        return _refused(BAD_TAB, 400)
    store = presence_store()
    if request.POST.get("leave"):
        changed = store.leave(article=article.pk, tab=tab, user_id=request.user.pk)
    else:
        try:
            claim = _editing(request, article)
        except ValueError as error:
            return _refused(str(error), 400)
        changed = store.touch(
            article=article.pk,
            tab=tab,
            user_id=request.user.pk,
            name=request.user.display_name,
            claim=claim,
        )
    if changed:
        live_notify({"presence": article.pk})
    return JsonResponse({"ok": True})


@require_GET
def needs_me_count_view(request: AuthenticatedRequest) -> JsonResponse:
    """The header's "Needs me" number, fetched again by a page whose stream announced a change."""
    if not request.user.is_authenticated:
        return _refused(SIGN_IN_FIRST, 403)
    return JsonResponse({"count": needs_me_count(request.user)})


@require_GET
def queue_row(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """One review-queue row, for a submission announced on the queue's stream."""
    if not request.user.is_authenticated or not is_editor(request.user):
        raise PermissionDenied(EDITORS_ONLY_QUEUE)
    try:
        claim = claim_get(user=request.user, pk=pk)
    except Claim.DoesNotExist:
        raise Http404("No such claim.") from None
    return HttpResponse(_queue_row(request, claim))
