"""Launching Debian's Chromium through Playwright (it cannot download its own browsers here)."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from tests.tools import chromium_path, require

LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@contextmanager
def launch_chromium() -> Iterator:
    """A headless browser for the duration of the block.

    Without Chromium the test fails under CI and `make test` (tests/tools.py), skips otherwise.
    Sync Playwright runs an event loop in this thread, so Django's async-safety check would
    refuse the ORM beside it: the check is switched off while the browser lives, and only then.
    """
    executable = chromium_path()
    require(executable is not None, "Chromium is not installed (set CHROMIUM_PATH or apt-get "
                                    "install chromium): the browser tests cannot run")  # fmt: skip
    from playwright.sync_api import sync_playwright

    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(executable), headless=True, args=LAUNCH_ARGS
            )
            try:
                yield browser
            finally:
                browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous
