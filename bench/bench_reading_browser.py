"""Benchmark the reading view of a long article in headless Chromium: server time and the time
until the page is interactive (highlights drawn, the first click on a highlight opens its card).

Run from the project root::

    .venv/bin/python bench/bench_reading_browser.py [--words 100000] [--claims 5000]

On `DATABASE_URL` if set, else a THROWAWAY database postgres://postgres@127.0.0.1:5432/
bench_browser (created and migrated when missing): the article and its claims are committed,
since the browser reads them through a live server. Django runs as deployed (DEBUG off).

It builds the same article and claims as `bench_reading_view.py`, serves the app from a live
server thread, signs an editor in and loads `/articles/<id>/` three times, printing for the
best run: the server's time to first byte (Navigation Timing `responseStart - requestStart`),
the load event, then the time from the click on the first highlight until its card's panel is
shown (that includes the panel's own request), and the sum of the two; then when every card
is in the page (a long article's cards past the first ones are fetched after it: 0 when the page
had them all).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright runs an event loop

from database import ensure_database, plain_static_files, production_settings

ensure_database("bench_browser")
production_settings()

import django  # noqa: E402

django.setup()
plain_static_files()

from bench_reading_view import add_claims, make_body  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.urls import reverse  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from factcheck.articles.services import article_create  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def setup_data(words: int, claims: int) -> tuple[str, str]:
    """(article path, session cookie of an editor)."""
    rng = random.Random(20250127)
    name = f"bench-browser-{time.time_ns()}"
    editor = get_user_model().objects.create_user(name, password="x")
    editor.groups.add(Group.objects.get(name="Editor"))
    # the name makes the text unique: identical text is refused, and the database may be reused
    body = f"{make_body(words, rng)}\n\n{name}."
    article = article_create(actor=editor, title=name, body=body)
    add_claims(article, editor, claims, rng)
    client = Client()
    client.force_login(editor)
    return reverse("articles:detail", args=[article.pk]), client.cookies["sessionid"].value


# Click the first highlight; resolve with the milliseconds until its card's panel is filled.
CLICK_TO_CARD = """() => new Promise((resolve) => {
    const mark = document.querySelector('[data-article-body] mark.hl');
    const shown = "[data-claim-panel]:not([hidden]) [data-fragment='panel'] *";
    const started = performance.now();
    mark.click();
    const check = () => document.querySelector(shown)
        ? resolve(performance.now() - started) : requestAnimationFrame(check);
    check();
})"""


def measure(page, url: str) -> dict[str, float]:
    page.goto(url, wait_until="load")
    timing = page.evaluate(
        "() => { const t = performance.getEntriesByType('navigation')[0];"
        " return {ttfb: t.responseStart - t.requestStart, load: t.loadEventEnd}; }"
    )
    # Timed in the page (native DOM calls, checked once a frame): Playwright's own click and
    # selector engine walk the 100,000-element page in JavaScript, which timed the harness.
    click_ms = page.evaluate(CLICK_TO_CARD)
    # a long article's cards past the first ones come after the page (static/js/reading/cards.js)
    page.wait_for_function("() => !document.querySelector('[data-cards-rest]')")
    all_cards = page.evaluate(
        "() => performance.getEntriesByName('reading:all-cards')[0]?.startTime ?? 0"
    )
    marks = page.locator("[data-article-body] mark.hl").count()
    # the margin markers and in-view index (static/js/reading/orient.js): its longest refresh
    orient = page.evaluate(
        "() => Math.max(0, ...performance.getEntriesByName('reading:orient').map(e => e.duration))"
    )
    return {"ttfb": timing["ttfb"], "load": timing["load"], "click": click_ms, "marks": marks,
            "orient": orient, "all_cards": all_cards}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=5000)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    print(f"load average {os.getloadavg()[0]:.1f} (2 cores shared with other work)")
    path, session = setup_data(args.words, args.claims)
    settings.ALLOWED_HOSTS = ["*"]
    server = LiveServerThread("localhost", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    base = f"http://localhost:{server.port}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
            )
            context = browser.new_context()
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                                  "url": base}])  # fmt: skip
            page = context.new_page()
            runs = [measure(page, base + path) for _ in range(3)]
            browser.close()
    finally:
        server.terminate()
    best = min(runs, key=lambda r: r["load"] + r["click"])
    print(f"{args.words:,} words, {args.claims:,} claims, {best['marks']:,} highlight pieces")
    print(
        f"server (TTFB) {best['ttfb']:.0f} ms; load event {best['load']:.0f} ms; "
        f"first click -> card {best['click']:.0f} ms; "
        f"interactive {best['load'] + best['click']:.0f} ms; "
        f"margin markers (longest refresh) {best['orient']:.0f} ms; "
        f"every card in the page {best['all_cards']:.0f} ms"
    )


if __name__ == "__main__":
    main()
