"""Load check of the live-update streams: N open streams on ONE uvicorn process, events
delivered to all of them, p50/p95 delivery time and server memory per open stream.

Run from the project root against a migrated THROWAWAY PostgreSQL database::

    psql postgres://postgres@127.0.0.1:5432/postgres -c "CREATE DATABASE bench_live"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_live DEBUG=true \\
        .venv/bin/python manage.py migrate
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_live DEBUG=true \\
        .venv/bin/python bench/bench_live_streams.py [--streams 200] [--events 20]

Delivery time = from the audit row's insert (`ReviewEvent.at`, just before the COMMIT that
sends the NOTIFY) until the
stream's reader has the event's `id:` line; the readers are asyncio tasks of this process, so
the figure includes their own scheduling on the same two cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.test import Client  # noqa: E402

from factcheck.articles.services import article_create  # noqa: E402
from factcheck.claims.services import claim_create, comment_add  # noqa: E402
from factcheck.live.events import latest_event_id  # noqa: E402


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def setup():
    name = f"bench-live-{time.time_ns()}"
    editor = get_user_model().objects.create_user(name, password="x")
    editor.groups.add(Group.objects.get(name="Editor"))
    body = f"The figure was $600 billion. ({name})"
    article = article_create(actor=editor, title=name, body=body)
    claim = claim_create(actor=editor, article=article, start=15, end=27, quote="$600 billion")
    client = Client()
    client.force_login(editor)
    return editor, article, claim, client.cookies[settings.SESSION_COOKIE_NAME].value


async def open_stream(port, path, cookie, seen, opened):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                 f"Cookie: sessionid={cookie}\r\n\r\n".encode())  # fmt: skip
    await writer.drain()
    first = True
    while line := await reader.readline():
        if first:
            if b" 200 " not in line:
                print("stream refused:", line, file=sys.stderr)
                return
            first = False
        if line.startswith(b"retry:"):
            opened()
        if line.startswith(b"id: "):
            seen.append((int(line[4:]), time.time()))
    writer.close()


def event_times(since: int) -> dict[int, float]:
    from factcheck.claims.models import ReviewEvent

    rows = ReviewEvent.objects.filter(pk__gt=since, action="comment").values_list("pk", "at")
    return {pk: at.timestamp() for pk, at in rows}


async def main(streams: int, events: int, editor, article, claim, cookie) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # as the stream process is deployed (README, "Deployment at scale"): a bounded pool
    env = os.environ | {"DATABASE_POOL_MAX": os.environ.get("DATABASE_POOL_MAX", "20")}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "factcheck.asgi:application", "--port", str(port),
         "--no-access-log", "--log-level", "warning"], cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(600):  # until it listens (importing Django takes seconds on a busy machine)
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            await asyncio.sleep(0.1)
    await asyncio.sleep(1)
    base = rss_kb(server.pid)
    print(f"server up ({base} KB); opening {streams} streams", file=sys.stderr)
    since = await asyncio.to_thread(latest_event_id)
    path = f"/stream/articles/{article.pk}/?since={since}"
    seen: list[list] = [[] for _ in range(streams)]
    ready = asyncio.Event()
    count = 0

    def opened():
        nonlocal count
        count += 1
        if count == streams:
            ready.set()

    tasks = [asyncio.create_task(open_stream(port, path, cookie, seen[i], opened))
             for i in range(streams)]  # fmt: skip
    for _ in range(30):
        try:
            await asyncio.wait_for(ready.wait(), 10)
            break
        except TimeoutError:
            print(f"{count} streams open so far", file=sys.stderr)
    print(f"{count} streams open; sending events", file=sys.stderr)
    await asyncio.sleep(2)
    with_streams = rss_kb(server.pid)
    for i in range(events):
        await asyncio.to_thread(comment_add, actor=editor, claim=claim, body=f"c{i}")
        await asyncio.sleep(0.25)
    await asyncio.sleep(3)
    delays = []
    by_event = await asyncio.to_thread(event_times, since)  # the audit row's insert time
    for received in seen:
        firsts: dict[int, float] = {}
        for event_id, at in received:  # a replay may repeat an id: the browser drops it
            firsts.setdefault(event_id, at)
        for event_id, at in firsts.items():
            if event_id in by_event:
                delays.append(at - max(by_event[event_id], 0))
    for task in tasks:
        task.cancel()
    server.kill()  # a graceful stop would wait for the 200 open streams to end
    server.wait()
    delays.sort()
    expected = streams * events
    p95 = delays[int(len(delays) * 0.95) - 1] * 1000 if delays else float("nan")
    print(f"streams: {streams}, events: {events}, delivered: {len(delays)}/{expected}")
    print(f"delivery p50 {statistics.median(delays) * 1000:.0f} ms, p95 {p95:.0f} ms, "
          f"max {delays[-1] * 1000:.0f} ms")  # fmt: skip
    print(f"server RSS: {base / 1024:.1f} MB with 0 streams, {with_streams / 1024:.1f} MB with "
          f"{streams}: {(with_streams - base) / streams:.0f} KB per open stream")  # fmt: skip


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--streams", type=int, default=200)
    parser.add_argument("--events", type=int, default=20)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.streams, arguments.events, *setup()))
