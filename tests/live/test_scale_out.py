"""Proof of scale-out: two app server processes, one PostgreSQL, one Redis, a browser on each.

Work done through server A shows live, without a reload, in the page that server B served;
sessions, CSRF, throttles and lock-outs hold across both; when B dies mid-stream the browser
reconnects (through a stand-in load balancer) to A, which replays what B's page missed; presence
is shared.
"""

from __future__ import annotations

import pytest
import redis
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import connection
from playwright.sync_api import expect

from factcheck.articles.services import article_assign
from factcheck.claims.models import Claim
from tests.browser.conftest import UI
from tests.browser.helpers import drag_select
from tests.chromium import launch_chromium
from tests.factories import ArticleFactory
from tests.live.servers import REDIS_URL, AppServer, Front, new_prefix, server_env
from tests.tools import require

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# ms: how long a change made through another server may take to show here. Generous: on a
# loaded 2-core CI machine (two servers, two browsers and another test worker) 2 s was missed;
# the delivery time itself is a benchmark's (bench/README.md, "Live streams"), not a test's.
LIVE = 10_000
PHRASE = "$600 billion"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def servers(reviewer, editor, editor2):
    require(_redis_answers(), "Redis on 127.0.0.1:6379: the scale-out test shares it")
    for user in (reviewer, editor, editor2):  # the servers hash with the production hashers
        hasher = Argon2PasswordHasher()
        user.password = hasher.encode("demo", hasher.salt())
        user.save(update_fields=["password"])
    prefix = new_prefix()
    env = server_env(prefix, AXES_FAILURE_LIMIT="2", SIGNIN_IP_FAILURE_LIMIT="4")
    started = {"a": AppServer("a", env)}
    started["b"] = AppServer("b", env)
    yield started
    for server in started.values():
        server.kill()
    with connection.cursor() as cursor:  # a killed server's sessions must not outlive the test
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE application_name = %s", [prefix])  # fmt: skip
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


@pytest.fixture
def chromium_browser():
    with launch_chromium() as chromium:
        yield chromium


def _live(page):
    expect(
        page.locator(
            '[data-live][data-live-state="open"], [data-live-queue][data-live-state="open"]'
        )
    ).to_have_count(1)


def _card(page, claim_id):
    return page.locator(f'[data-card-for="{claim_id}"]')


def test_work_through_server_a_shows_live_on_server_b_and_survives_losing_b(
    servers, chromium_browser, editor, reviewer
):
    a, b = servers["a"], servers["b"]
    front = Front(b)  # the balancer first sends B's browser to B
    article = ArticleFactory(actor=editor)
    article_assign(actor=editor, article=article, assignees=[reviewer])
    on_a, on_b = UI(chromium_browser, a.url), UI(chromium_browser, front.url)
    checker = on_a.new_page()  # the reviewer, served by A
    on_a.sign_in(checker, "reviewer")
    approver = on_a.new_page()  # an editor, served by A
    on_a.sign_in(approver, "editor")
    watcher = on_b.new_page()  # another editor, served by B
    on_b.sign_in(watcher, "editor2")
    queue = on_b.new_page()
    queue.context.add_cookies(watcher.context.cookies())
    queue.goto("/review/")
    _live(queue)
    watcher.goto(f"/articles/{article.pk}/")
    _live(watcher)
    checker.goto(f"/articles/{article.pk}/")
    _live(checker)
    expect(checker.locator("[data-live-here]")).to_contain_text("Also here: ")  # B's editor

    # created through A: the card and its highlight appear on B
    start = article.current_revision.body.index(PHRASE)
    drag_select(checker, start, start + len(PHRASE))
    checker.locator('[data-action="check-claim"]').click()
    form = checker.locator("[data-claim-form]")
    form.get_by_label("Claimant").fill("The analyst")
    form.get_by_label("Verdict").select_option("true")
    form.locator('textarea[name="rationale"]').fill("The filing says so.")
    form.locator('[data-action="add-evidence"]').click()
    form.locator('input[name="evidence-0-url"]').fill("https://filings.example.org/q4")
    form.locator('select[name="evidence-0-stance"]').select_option("supports")
    form.locator('[data-action="save-draft"]').click()
    checker.locator("[data-panel-claim]").wait_for()
    claim = Claim.objects.get(article=article)
    expect(_card(watcher, claim.pk)).to_be_visible(timeout=LIVE)
    expect(watcher.locator(f'mark[data-claim-id="{claim.pk}"]').first).to_be_visible(timeout=LIVE)
    waiting = watcher.locator("[data-needs-me] [data-needs-me-count]")
    expect(waiting).to_have_count(0)  # a draft waits for nobody but its author

    # B's editor starts editing it: A's card says so, and keeps saying so through redraws
    _card(watcher, claim.pk).locator(".card-button").click()
    claimant = watcher.locator('[data-claim-form] [name="claimant"]')
    claimant.fill("Typed on B, not saved")
    # B's editor pauses: the autosave keeps the typing as their draft (an autosave after the
    # claim moved on would be refused, rightly, with "Draft not saved")
    expect(watcher.locator("[data-claim-form] [data-draft-status]")).to_contain_text(
        "Draft saved", timeout=LIVE
    )
    badge = _card(checker, claim.pk).locator("[data-live-badge]")
    expect(badge).to_have_text("editor2 is editing", timeout=LIVE)
    checker.locator('[data-panel-claim] [data-action="submit"]').click()  # A redraws its cards
    expect(_card(checker, claim.pk)).to_have_attribute("data-status", "submitted")
    expect(badge).to_have_text("editor2 is editing")

    # …and B's form is not overwritten: it says who changed the claim, and offers a reload
    notice = watcher.locator('[data-live-notice="panel"]')
    expect(notice).to_contain_text("Changed by reviewer", timeout=LIVE)
    expect(claimant).to_have_value("Typed on B, not saved")
    expect(_card(watcher, claim.pk)).to_have_attribute("data-status", "submitted", timeout=LIVE)
    expect(queue.locator(f'[data-queue-item="{claim.pk}"]')).to_be_visible(timeout=LIVE)
    expect(waiting).to_have_text("1", timeout=LIVE)  # B's header: a submission waits for review
    notice.get_by_role("button", name="Reload").click()
    expect(watcher.locator('[data-claim-form] [name="claimant"]')).to_have_count(0)
    expect(badge).to_have_count(0, timeout=LIVE)  # no longer editing: the badge goes

    # approved through A: B's card and B's queue follow
    approver.goto("/review/")
    approver.locator(f'[data-queue-item="{claim.pk}"] [data-action="approve"]').click()
    expect(_card(watcher, claim.pk)).to_have_attribute("data-status", "approved", timeout=LIVE)
    expect(queue.locator(f'[data-queue-item="{claim.pk}"]')).to_contain_text(
        "Taken by editor: approved it.", timeout=LIVE
    )

    # commented through A: the open panel on B shows it
    comments = checker.locator("[data-comment-form]")
    comments.locator("textarea").fill("Filing checked, page 12.")
    comments.get_by_role("button", name="Comment").click()
    expect(watcher.locator("[data-claim-panel] .comment-list")).to_contain_text(
        "Filing checked, page 12.", timeout=LIVE
    )

    # the text revised through A: B's page offers a reload, and the reload shows the new text
    revise = approver.context.new_page()
    revise.goto(f"/articles/{article.pk}/revise/")
    body = revise.locator('textarea[name="body"]')
    body.fill(body.input_value() + "\n\nA paragraph added on A.")
    revise.get_by_role("button", name="Save revision").click()
    revise.wait_for_url(f"**/articles/{article.pk}/")
    revised = watcher.locator('[data-live-notice="revision"]')
    expect(revised).to_contain_text("A new revision was saved by editor.", timeout=LIVE)
    revised.get_by_role("button", name="Reload").click()
    expect(watcher.locator("[data-article-body]")).to_contain_text("A paragraph added on A.")
    _live(watcher)
    _card(watcher, claim.pk).locator(".card-button").click()
    watcher.locator("[data-claim-panel] .comment-list").wait_for()

    # B dies mid-stream; a comment is made meanwhile; B's browser reconnects to A and catches up
    front.backend = a
    b.kill()
    expect(watcher.locator("[data-live]")).to_have_attribute("data-live-state", "reconnecting")
    comments.locator("textarea").fill("Said while B was down.")
    comments.get_by_role("button", name="Comment").click()
    checker.locator(".comment-list", has_text="Said while B was down.").wait_for()
    expect(watcher.locator("[data-live]")).to_have_attribute(
        "data-live-state", "open", timeout=10_000
    )
    expect(watcher.locator("[data-claim-panel] .comment-list")).to_contain_text(
        "Said while B was down.", timeout=LIVE
    )
    front.close()
    for ui in (on_a, on_b):
        ui.close()
    errors = [e for e in on_a.errors + on_b.errors if "ERR_" not in e and "EventSource" not in e]
    assert errors == [], errors


def test_sessions_csrf_throttles_and_lockouts_hold_across_servers(
    servers, chromium_browser, reviewer
):
    a, b = servers["a"], servers["b"]
    ui = UI(chromium_browser, a.url)
    page = ui.new_page()
    ui.sign_in(page, "reviewer")  # signed in on A…
    request = page.context.request
    assert request.get(f"{b.url}/articles/", max_redirects=0).status == 200  # …is signed in on B
    article = ArticleFactory(actor=reviewer)
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    beat = f"{b.url}/stream/articles/{article.pk}/presence/"
    form = {"tab": "tab-csrf-check"}
    assert request.post(beat, form=form, headers={"X-CSRFToken": token, "Origin": b.url}).ok
    assert request.post(beat, form=form, headers={"Origin": b.url}).status == 403  # no token
    ui.sign_out(page)

    # lock-out (2 failures of one username) counted across servers
    def sign_in(server, username, password):
        login = page.context.new_page()
        login.goto(f"{server.url}/accounts/login/")
        login.get_by_label("Username").fill(username)
        login.get_by_label("Password").fill(password)
        with login.expect_navigation():
            login.get_by_role("button", name="Sign in").click()
        html = login.content()
        login.close()
        return html

    sign_in(a, "reviewer", "wrong")
    sign_in(b, "reviewer", "wrong")
    assert "locked" in sign_in(a, "reviewer", "demo").lower()  # the right password, too late

    # the IP-wide limit (4 failures, any username) is one count in Redis for both servers
    sign_in(b, "someone", "wrong")
    sign_in(a, "someone-else", "wrong")
    refused = sign_in(b, "editor", "demo")
    assert "too many" in refused.lower()
    ui.close()
