"""A real Chromium opens every screen holding the XSS corpus and proves that no payload ran.

Payloads call window.__xss.push(1); an init script creates the array before any page script,
collects CSP violation reports and any dialog is recorded. Each screen is checked twice: as
served (with our Content-Security-Policy) and with the CSP bypassed, so that escaping alone is
proved too (CSP would otherwise hide an escaping bug).
"""

import pytest
from django.contrib.auth import get_user_model

from tests.chromium import launch_chromium
from tests.hardening.hostile import MARKDOWN, XSS, build_hostile_world, make_hostile_user

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WATCH = """
window.__xss = [];
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile));
"""


@pytest.fixture(scope="module")
def chromium():
    with launch_chromium() as browser:
        yield browser


@pytest.fixture
def hostile(seeded_transactional_db):
    from factcheck.accounts.roles import EDITOR
    from tests.conftest import _user

    editor = _user("editor", EDITOR, is_staff=True)
    editor2 = _user("editor2", EDITOR, is_staff=True)
    author = make_hostile_user(get_user_model())
    article, claims = build_hostile_world(author=author, editor=editor, editor2=editor2)
    return article, claims


class Watched:
    """A page whose dialogs and console errors are recorded."""

    def __init__(self, browser, base_url, *, bypass_csp):
        self.bypass_csp = bypass_csp
        self.context = browser.new_context(base_url=base_url, bypass_csp=bypass_csp)
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.events: list[str] = []
        self.page.on("dialog", lambda d: (self.events.append(f"dialog: {d.message}"), d.dismiss()))
        self.page.on("console", lambda m: m.type == "error" and self.events.append(m.text))
        self.page.on("pageerror", lambda e: self.events.append(f"pageerror: {e}"))

    def sign_in(self, username):
        self.page.goto("/accounts/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill("demo")
        self.page.get_by_role("button", name="Sign in").click()
        self.page.wait_for_url("**/articles/")

    def assert_clean(self, where):
        ran = self.page.evaluate("window.__xss.length")
        csp = self.page.evaluate("window.__csp")
        assert (ran, csp, self.events) == (0, [], []), where


@pytest.fixture(params=[False, True], ids=["with-csp", "csp-bypassed"])
def watched(request, chromium, live_server):
    watched = Watched(chromium, live_server.url, bypass_csp=request.param)
    yield watched
    watched.context.close()


def test_no_payload_runs_in_the_reading_view_its_panels_or_the_preview(hostile, watched):
    article, claims = hostile
    page = watched.page
    watched.sign_in("editor")
    page.goto(f"/articles/{article.pk}/")
    watched.assert_clean("reading view")
    draft = next(c for c in claims if c.status == "draft")
    # The draft last, so its panel stays open for the preview: opening a claim again re-renders
    # its panel, and a form filled meanwhile would be replaced.
    for claim in sorted(claims, key=lambda c: c.pk == draft.pk):
        page.locator(f'[data-open-claim="{claim.pk}"]').click()
        page.locator(f'[data-panel-claim="{claim.pk}"]').wait_for()  # this claim's, not the last
        page.wait_for_load_state("networkidle")
        watched.assert_clean(f"panel of claim {claim.pk} ({claim.status})")
    form = page.locator(f'[data-panel-claim="{draft.pk}"] [data-claim-form]')
    form.locator('textarea[name="rationale"]').fill("\n\n".join(MARKDOWN))
    form.locator('[data-action="preview"]').click()
    page.locator("[data-preview-target] a").first.wait_for()
    page.wait_for_load_state("networkidle")
    watched.assert_clean("Markdown preview")


def test_no_payload_runs_in_the_review_queue_or_the_report(hostile, watched):
    article, _ = hostile
    page = watched.page
    page.goto(f"/articles/{article.pk}/report/")  # public
    page.wait_for_load_state("networkidle")
    watched.assert_clean("public report")
    watched.sign_in("editor")
    for url in ("/review/", f"/articles/{article.pk}/report/", "/articles/", "/dashboard/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
        watched.assert_clean(url)


def test_the_detector_sees_a_payload_that_does_run(seeded_transactional_db, watched):
    """Self-check: an unescaped payload injected into the page is caught (as a run without CSP,
    as a CSP violation with it), so the clean results above mean something."""
    page = watched.page
    page.goto("/accounts/login/")
    page.evaluate(f"document.body.insertAdjacentHTML('beforeend', {XSS[1]!r})")
    # Wait for the detector to react (a condition, not a fixed delay): either the payload ran or
    # the CSP refused it; the exact split is asserted below.
    page.wait_for_function("window.__xss.length + window.__csp.length > 0")
    ran, csp = page.evaluate("[window.__xss.length, window.__csp.length]")
    assert (ran, csp) == ((1, 0) if watched.bypass_csp else (0, 1))
    watched.events.clear()  # the CSP refusal is also logged to the console
