"""Screens people look at: reading view (desktop and 375 px), claim form, review queue.

Screenshots go to test-artifacts/screens/ (conftest.py SHOTS) for a human look; the assertions
check what a person would notice first: nothing overflows sideways at phone width, the help
overlay opens with "?", overlapping claims are both reachable, and no console errors. The walk
at the end saves every screen of tests/browser/screens.py for each role and both viewports.
"""

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.services import comment_add
from factcheck.reviews.services import claim_approve, claim_request_changes, claim_submit
from tests.browser.helpers import drag_select
from tests.browser.screens import (
    ANONYMOUS,
    EDITOR,
    REVIEWER,
    VIEWPORTS,
    build_newsroom,
    open_screen,
    screens_for,
    sign_in_as,
)
from tests.factories import ArticleFactory, make_claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BODY = (
    "Nvidia lost nearly $600 billion in market value in one day, the largest single-day loss "
    "for any company in US stock market history.\n\n"
    "DeepSeek said its model cost $5.6 million to train, a fraction of what American labs spend. "
    "Analysts 👍🏽 questioned whether that figure included research and hardware.\n\n"
    "The Nasdaq fell 3% on Monday, while the S&P 500 dropped 1.5%.\n\n"
    "Officials in Kyiv 🇺🇦 said the market turmoil would not affect the reconstruction fund."
)


@pytest.fixture
def newsroom(reviewer, reviewer2, editor, editor2):
    article = ArticleFactory(actor=editor, title="Markets rattled by DeepSeek model", body=BODY,
                             author="Jane Reporter")  # fmt: skip
    article_assign(actor=editor, article=article, assignees=[reviewer, reviewer2])
    nvidia = "Nvidia lost nearly $600 billion in market value in one day"
    outer = make_claim(article, reviewer, nvidia, claimant="Los Angeles Times", verdict="true",
                       evidence=2)  # fmt: skip
    inner = make_claim(article, reviewer2, "$600 billion", verdict="mostly-true",
                       claimant="Reuters")  # fmt: skip
    cost = make_claim(article, reviewer, "its model cost $5.6 million to train",
                      claimant="DeepSeek", verdict="misleading")  # fmt: skip
    nasdaq = make_claim(article, reviewer2, "The Nasdaq fell 3% on Monday", verdict="false",
                        claimant="Market report")  # fmt: skip
    for claim in (outer, cost, nasdaq):
        claim_submit(actor=claim.author, claim=claim)
    claim_approve(actor=editor2, claim=outer)
    claim_request_changes(actor=editor2, claim=nasdaq, note="Check the closing figure.")
    comment_add(actor=editor, claim=cost, body="Does the *$5.6 million* include hardware?")
    return {"article": article, "outer": outer, "inner": inner, "cost": cost}


def test_reading_view_desktop_and_phone(ui, newsroom):
    article, outer, inner = newsroom["article"], newsroom["outer"], newsroom["inner"]
    page = ui.new_page(1366, 900)
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{article.pk}/")
    shared = page.locator(f'mark[data-claim-ids~="{outer.pk}"][data-claim-ids~="{inner.pk}"]')
    assert shared.count() == 1
    shared.click()
    first = page.locator("[data-panel-claim]").get_attribute("data-panel-claim")
    shared.click()
    page.locator(f'[data-panel-claim]:not([data-panel-claim="{first}"])').wait_for()
    page.locator(f'[data-open-claim="{newsroom["cost"].pk}"]').click()
    page.locator("[data-panel-claim] .comment").wait_for()
    ui.shot(page, "reading-desktop")

    page.keyboard.press("Escape")
    page.keyboard.press("?")
    page.locator("[data-help-dialog][open]").wait_for()
    ui.shot(page, "help-overlay")
    page.keyboard.press("Escape")

    phone = ui.new_page(375, 812)
    ui.sign_in(phone, "reviewer")
    phone.goto(f"/articles/{article.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(phone, "reading-375", full_page=True)
    phone.goto("/articles/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(phone, "articles-375", full_page=True)


def test_claim_form_and_review_queue(ui, newsroom):
    article = newsroom["article"]
    body = article.current_revision.body
    phrase = "a fraction of what American labs spend"
    page = ui.new_page(1366, 1000)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{article.pk}/")
    start = body.index(phrase)
    drag_select(page, start, start + len(phrase))
    ui.shot(page, "check-control")
    page.locator('[data-action="check-claim"]').click()
    form = page.locator("[data-claim-form]")
    form.get_by_label("Claimant").fill("DeepSeek")
    form.locator('[data-action="add-evidence"]').click()
    form.locator('input[name="evidence-0-title"]').fill("Lab spending survey")
    form.locator('input[name="evidence-0-url"]').fill("javascript:alert(1)")
    form.locator('[data-action="save-draft"]').click()  # not an http(s) URL: refused
    page.locator('[data-claim-form] [data-field="evidence-0-url"] .errorlist').wait_for()
    ui.forgive("status of 400")
    assert form.locator('input[name="quote"]').input_value() == phrase
    assert form.get_by_label("Claimant").input_value() == "DeepSeek"  # nothing typed is lost
    assert form.locator('input[name="evidence-0-title"]').input_value() == "Lab spending survey"
    ui.shot(page, "claim-form")

    page.goto("/articles/")
    ui.shot(page, "articles-desktop")
    ui.sign_out(page)
    ui.sign_in(page, "editor")
    page.goto("/review/")
    assert page.locator("[data-queue-item]").count() == 1
    page.locator('[data-action="request-changes"]').first.click()
    page.locator("[data-queue-item] form.note-form textarea[name=note]").first.wait_for(
        state="visible"
    )  # the click opened the note to the author
    assert (
        page.locator('[data-action="request-changes"]').first.get_attribute("aria-expanded")
        == "true"
    )
    ui.shot(page, "review-queue")
    phone = ui.new_page(375, 812)
    ui.sign_in(phone, "editor")
    phone.goto("/review/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(phone, "review-queue-375", full_page=True)


def test_sidebar_filters_mute_the_highlights_of_hidden_claims_and_the_queue_count_follows(
    ui, newsroom
):
    article, outer, inner, cost = (newsroom[k] for k in ("article", "outer", "inner", "cost"))
    page = ui.new_page(1366, 900)
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{article.pk}/")
    muted = 'mark[data-claim-ids~="{}"].is-filtered-out'
    shared = f'mark[data-claim-ids~="{outer.pk}"][data-claim-ids~="{inner.pk}"]'

    page.locator("#filter-status").select_option("submitted")  # only the cost claim
    assert page.locator(muted.format(cost.pk)).count() == 0
    assert page.locator(f'mark[data-claim-ids~="{outer.pk}"]:not(.is-filtered-out)').count() == 0
    assert page.locator(f"{shared}.is-filtered-out").count() == 1
    ui.shot(page, "filter-muted-highlights")

    page.locator("#filter-status").select_option("draft")  # the inner claim is a draft
    assert page.locator(f"{shared}:not(.is-filtered-out)").count() == 1  # still carries it
    assert page.locator(muted.format(cost.pk)).count() >= 1
    page.locator("#filter-status").select_option("")
    assert page.locator("mark.is-filtered-out").count() == 0

    page.goto("/review/")
    assert page.locator("[data-queue-count]").inner_text() == "1 submitted claim"
    page.locator(f'[data-queue-item="{cost.pk}"] button[data-action="approve"]').click()
    page.locator(f'[data-queue-item="{cost.pk}"].st-approved').wait_for()
    assert page.locator("[data-queue-count]").inner_text() == "0 submitted claims"

    phone = ui.new_page(375, 812)
    ui.sign_in(phone, "editor")
    for path in ("/dashboard/", f"/articles/{article.pk}/revisions/"):
        phone.goto(path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375, path


def test_admin_lists_fit_a_1440_px_window(ui, newsroom, admin_user):
    """Issue 11 item 9: the claims list overflowed sideways inside its own scroll box."""
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "admin")
    for name in ("claim", "reviewevent"):
        page.goto(f"/admin/claims/{name}/")
        results = page.locator("#changelist .results")
        overflow = results.evaluate("r => r.scrollWidth - r.clientWidth")
        assert overflow <= 0, f"{name} list is {overflow} px too wide"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1440
        ui.shot(page, f"admin-{name}-list-1440", full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("role", [ANONYMOUS, REVIEWER, EDITOR])
def test_every_screen_fits_its_viewport_and_is_saved_for_review(
    ui, reviewer, reviewer2, editor, editor2, role, viewport
):
    """Each screen of tests/browser/screens.py, full-page, as <viewport>-<role>-<screen>.png;
    nothing may push the page sideways (a phone user would have to scroll horizontally)."""
    ids = build_newsroom(reviewer, reviewer2, editor, editor2)
    width, height = VIEWPORTS[viewport]
    page = ui.new_page(width, height)
    sign_in_as(ui, page, role)
    wide = []
    for screen in screens_for(role):
        open_screen(ui, page, screen, ids)
        ui.shot(page, f"{viewport}-{role}-{screen.name}", full_page=True)
        if page.evaluate("document.documentElement.scrollWidth") > width:
            wide.append(screen.name)
    assert wide == [], f"wider than {width} px: {wide}"
