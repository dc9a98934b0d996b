"""Real Chromium through Playwright, against pytest-django's live server.

Every page opened through `ui` records console errors, page errors and CSP violations; the
fixture fails the test if any occurred.
"""

import os
from pathlib import Path

import pytest

from tests.chromium import launch_chromium

# Screenshots of every screen, for a person to look at (README "Screenshots"): kept out of git
# by .gitignore (/test-artifacts/); SCREENSHOTS_DIR puts them elsewhere.
SHOTS = Path(
    os.environ.get("SCREENSHOTS_DIR")
    or Path(__file__).resolve().parents[2] / "test-artifacts/screens"
)


@pytest.fixture
def chromium():
    """One browser per test: Playwright's event loop (and the async-unsafe switch that the ORM
    needs beside it, set by launch_chromium) never outlives the test."""
    with launch_chromium() as browser:
        yield browser


class UI:
    """A browser context with an error log and small helpers."""

    def __init__(self, browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.errors: list[str] = []
        self.contexts = []

    def new_page(self, width: int = 1280, height: int = 900):
        context = self.browser.new_context(
            base_url=self.base_url,
            viewport={"width": width, "height": height},
            reduced_motion="reduce",  # no smooth scrolling under the mouse
        )
        self.contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        return page

    def _console(self, message) -> None:
        if message.type == "error":  # where: the failed resource's or the script's URL
            self.errors.append(f"console: {message.text} at {message.location.get('url')}")

    def sign_in(self, page, username: str, password: str = "demo"):
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/articles/")

    def sign_out(self, page):
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/accounts/login/**")

    def forgive(self, fragment: str) -> None:
        """Drop exactly one expected console error (e.g. the 403 of a deliberately forged POST)."""
        match = next((e for e in self.errors if fragment in e), None)
        assert match, f"expected a console error containing {fragment!r}; got {self.errors}"
        self.errors.remove(match)

    def shot(self, page, name: str, full_page: bool = False):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)

    def close(self):
        for context in self.contexts:
            context.close()


@pytest.fixture
def ui(chromium, live_server):
    session = UI(chromium, live_server.url)
    yield session
    session.close()
    assert session.errors == [], "browser console errors:\n" + "\n".join(session.errors)
