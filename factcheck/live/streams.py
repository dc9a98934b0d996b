"""The Server-Sent Events of one open stream: replay, then live events, presence, keep-alives.

Every event passes `LiveEvent.visible_to(user)` before it is written, so a stream never names
a claim its user may not see; the browser then fetches the fragments through the ordinary,
permission-checked views.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from django.conf import settings

from factcheck.accounts.models import User
from factcheck.accounts.roles import is_newsroom_staff
from factcheck.live.bus import Bus, Subscription, in_thread
from factcheck.live.events import LiveEvent, events_after
from factcheck.live.presence import Here


def sse(kind: str, data: Any, event_id: int | None = None) -> str:
    head = f"id: {event_id}\n" if event_id is not None else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


def presence_message(here: list[Here], user: User) -> str:
    others = [{"name": h.name, "claim": h.claim} for h in here if h.user_id != user.pk]
    return sse("presence", {"here": others})


class Stream:
    def __init__(
        self,
        *,
        bus: Bus,
        user: User,
        last_id: int,
        reconnect: bool = False,
        article: int | None = None,
        queue: bool = False,
    ) -> None:
        """`last_id`: the browser's Last-Event-ID (`reconnect`), or the page's render position."""
        self.bus, self.user, self.last_id, self.overlap = bus, user, last_id, reconnect
        self.article, self.queue = article, queue

    def _event(self, event: LiveEvent) -> str | None:
        self.last_id = max(self.last_id, event.id)
        if not event.visible_to(self.user):
            return None
        return sse("change", event.data(), event.id)

    async def _replay(self) -> AsyncIterator[str]:
        events, more = await in_thread(events_after)(
            self.last_id, article_id=self.article, queue=self.queue, overlap=self.overlap
        )
        self.overlap = True  # a replay after a listener reconnect overlaps too
        if more:  # too much was missed to replay: the page reloads its whole state instead
            yield sse("reload", {"reason": "missed"})
        for event in events:
            if (message := self._event(event)) is not None:
                yield message

    async def messages(self, subscription: Subscription) -> AsyncIterator[str]:
        yield "retry: 2000\n\n"
        await in_thread(is_newsroom_staff)(self.user)  # roles read once: the filter needs no query
        if self.last_id:
            async for message in self._replay():
                yield message
        if self.article is not None:
            yield presence_message(await self.bus.presence_now(self.article), self.user)
        loop = asyncio.get_running_loop()
        ends = loop.time() + settings.LIVE_STREAM_MAX_SECONDS
        while not subscription.overflowed:
            wait = min(settings.LIVE_KEEPALIVE_SECONDS, ends - loop.time())
            if wait <= 0:
                return
            try:
                kind, item = await asyncio.wait_for(subscription.items.get(), wait)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if kind == "event":
                event = self._event(item)  # type: ignore[arg-type]
                if event is not None:
                    yield event
            elif kind == "presence":
                yield presence_message(item, self.user)  # type: ignore[arg-type]
            else:
                async for replayed in self._replay():
                    yield replayed

    async def __aiter__(self) -> AsyncIterator[str]:
        subscription = await self.bus.subscribe(article=self.article, queue=self.queue)
        try:
            async for message in self.messages(subscription):
                yield message
        finally:
            self.bus.unsubscribe(subscription)
