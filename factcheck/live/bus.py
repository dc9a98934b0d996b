"""One LISTEN connection per process, fanned out to that process's open streams.

The listener is a psycopg 3 async connection in autocommit mode (LISTEN lives on one session:
it needs a direct or session-pooled connection, never PgBouncer's transaction pooling; set
LIVE_DATABASE_URL when DATABASE_URL goes through such a pooler). It starts with the first
stream of the process and reconnects on its own; after a reconnect every stream replays from
the audit trail what the gap may have hidden. Presence is read here too, once per article per
process: on a presence signal, and every SWEEP seconds to notice tabs that closed silently.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from typing import Any, Literal

import psycopg
from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from psycopg.conninfo import make_conninfo

from factcheck.core.live import CHANNEL
from factcheck.live.events import QUEUE_ACTIONS, LiveEvent, events_by_ids
from factcheck.live.presence import Here, presence_store

logger = logging.getLogger(__name__)
SWEEP = 5.0
READY_TIMEOUT = 10.0

type Item = (
    tuple[Literal["event"], LiveEvent]
    | tuple[Literal["presence"], list[Here]]
    | tuple[Literal["resync"], None]
)


def listen_conninfo() -> str:
    if settings.LIVE_DATABASE_URL:
        return settings.LIVE_DATABASE_URL
    db = connections["default"].settings_dict
    params = {
        "dbname": db["NAME"],
        "user": db["USER"],
        "password": db["PASSWORD"],
        "host": db["HOST"],
        "port": db["PORT"],
    }
    return make_conninfo(**{k: str(v) for k, v in params.items() if v})


def in_thread(function: Any) -> Any:
    """Run ORM/Redis reads off the event loop, in the shared pool (not one thread per stream:
    a thread per open stream would also hold a database connection per open stream)."""
    return sync_to_async(function, thread_sensitive=False)


class Subscription:
    def __init__(self, *, article: int | None, queue: bool) -> None:
        self.article = article
        self.queue_stream = queue
        self.items: asyncio.Queue[Item] = asyncio.Queue(maxsize=settings.LIVE_QUEUE_MAX)
        self.overflowed = False

    def wants(self, event: LiveEvent) -> bool:
        if self.queue_stream:
            return event.action in QUEUE_ACTIONS
        return event.article == self.article

    def offer(self, item: Item) -> None:
        try:
            self.items.put_nowait(item)
        except asyncio.QueueFull:  # a stalled client: its stream ends, the browser reconnects
            self.overflowed = True


class Bus:
    def __init__(self) -> None:
        self.subscriptions: set[Subscription] = set()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.tasks: list[asyncio.Task] = []
        self.ready = asyncio.Event()
        self.pending: asyncio.Queue[int] = asyncio.Queue()
        self.presence_seen: dict[int, list[Here]] = {}

    def _start(self) -> None:
        loop = asyncio.get_running_loop()
        if self.loop is loop and all(not t.done() for t in self.tasks):
            return
        for task in self.tasks:
            task.cancel()
        self.loop, self.ready, self.pending = loop, asyncio.Event(), asyncio.Queue()
        self.subscriptions = set()
        self.tasks = [
            loop.create_task(self._listen()),
            loop.create_task(self._deliver()),
            loop.create_task(self._sweep()),
        ]

    async def subscribe(self, *, article: int | None = None, queue: bool = False) -> Subscription:
        """A new subscription, once LISTEN is in place: a replay read after this returns misses
        nothing, since anything committed later also arrives here."""
        self._start()
        subscription = Subscription(article=article, queue=queue)
        self.subscriptions.add(subscription)
        try:
            await asyncio.wait_for(self.ready.wait(), READY_TIMEOUT)
        except TimeoutError:
            self.subscriptions.discard(subscription)
            raise
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        self.subscriptions.discard(subscription)

    async def stop(self) -> None:
        for task in self.tasks:
            task.cancel()
        for task in self.tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self.tasks, self.loop = [], None

    async def _listen(self) -> None:
        delay, connected_before = 0.5, False
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(listen_conninfo(), autocommit=True)
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    if connected_before:  # the gap may have hidden events: streams replay
                        for subscription in list(self.subscriptions):
                            subscription.offer(("resync", None))
                    connected_before, delay = True, 0.5
                    self.ready.set()
                    async for note in conn.notifies():
                        self._receive(note.payload)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                logger.warning("live listener lost its connection (%s); retrying", error)
            self.ready.clear()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)

    def _receive(self, payload: str) -> None:
        try:
            data = json.loads(payload)
        except ValueError:
            return
        if "event" in data:
            self.pending.put_nowait(int(data["event"]))
        elif "presence" in data:
            self.pending.put_nowait(-int(data["presence"]))  # negative: an article's presence

    async def _deliver(self) -> None:
        """Read the signalled rows in batches (one query for a burst) and fan them out."""
        while True:
            batch = [await self.pending.get()]
            while not self.pending.empty() and len(batch) < 500:
                batch.append(self.pending.get_nowait())
            try:
                await self._deliver_batch(batch)
            except Exception:
                logger.exception("live events not delivered: %s", batch[:10])

    async def _deliver_batch(self, batch: list[int]) -> None:
        ids = [n for n in batch if n > 0]
        for event in await in_thread(events_by_ids)(ids) if ids else []:
            for subscription in list(self.subscriptions):
                if subscription.wants(event):
                    subscription.offer(("event", event))
        for article in {-n for n in batch if n < 0}:
            await self._presence(article, force=True)

    async def _presence(self, article: int, *, force: bool = False) -> None:
        here = await in_thread(presence_store().here)(article)
        if not force and self.presence_seen.get(article) == here:
            return
        self.presence_seen[article] = here
        for subscription in list(self.subscriptions):
            if subscription.article == article and not subscription.queue_stream:
                subscription.offer(("presence", here))

    async def _sweep(self) -> None:
        while True:
            await asyncio.sleep(SWEEP)
            articles = {s.article for s in self.subscriptions if s.article and not s.queue_stream}
            for article in articles:
                try:
                    await self._presence(article)
                except Exception:
                    logger.exception("presence of article %s not read", article)
            for article in set(self.presence_seen) - articles:
                del self.presence_seen[article]

    async def presence_now(self, article: int) -> list[Here]:
        here = await in_thread(presence_store().here)(article)
        self.presence_seen[article] = here
        return here


bus = Bus()
