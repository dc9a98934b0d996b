"""Needs me, its header count, @mention autocomplete, assignments and the queue's filters and
publish, in real Chromium on a desktop (1440 px) and a phone (375 px, touch) viewport.

Screenshots go to /tmp/shots/ (needs-me-*, mention-*, assign-*, queue-*).
"""

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.models import ClaimStatus
from factcheck.claims.services import comment_add
from factcheck.reviews import revisions
from factcheck.reviews.models import Notification, NotificationKind
from factcheck.reviews.services import claim_approve, claim_request_changes, claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = (
    "Nvidia lost nearly $600 billion in market value in one day.\n\n"
    "DeepSeek said its model cost $5.6 million to train.\n\n"
    "The Nasdaq fell 3% on Monday, while the S&P 500 dropped 1.5%."
)
RATIONALE = "\n\n".join(
    f"Paragraph {i}: the figure was checked against the exchange's closing data and two "
    "independent market reports, which agree on the order of magnitude." for i in range(1, 9)
)  # fmt: skip


@pytest.fixture
def desk(reviewer, reviewer2, editor, editor2):
    article = ArticleFactory(actor=editor, title="Markets rattled by DeepSeek", body=BODY)
    other = ArticleFactory(actor=editor, title="Council budget vote")
    article_assign(actor=editor, article=article, assignees=[reviewer])
    back = make_claim(article, reviewer, "The Nasdaq fell 3% on Monday", verdict="false")
    cost = make_claim(article, reviewer2, "its model cost $5.6 million to train",
                      verdict="misleading", rationale=RATIONALE)  # fmt: skip
    moved = make_claim(article, reviewer2, "nearly $600 billion", verdict="true")
    for claim in (back, cost, moved):
        claim_submit(actor=claim.author, claim=claim)
    claim_request_changes(actor=editor, claim=back, note="Which index closed 3% lower?")
    claim_approve(actor=editor2, claim=moved)
    new_body = article.current_revision.body.replace("$600 billion", "$590 billion")
    revisions.article_revise(actor=editor, article=article, body=new_body)
    comment_add(actor=editor, claim=cost, body="@reviewer can you double-check the training cost?")
    return {"article": article, "other": other, "back": back, "cost": cost, "moved": moved}


def phone_page(ui):
    """A 375 px phone with touch, logging errors as ui.new_page does."""
    context = ui.browser.new_context(
        base_url=ui.base_url, viewport={"width": 375, "height": 812}, has_touch=True,
        is_mobile=True, reduced_motion="reduce",
    )  # fmt: skip
    ui.contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda m: m.type == "error" and ui.errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: ui.errors.append(f"pageerror: {e}"))
    return page


def header_count(page) -> str:
    badge = page.locator("[data-needs-me-count]")
    return badge.inner_text() if badge.count() else "0"


def test_needs_me_page_and_header_count_on_desktop_and_phone(ui, desk, reviewer):
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    assert header_count(page) == "3"  # the claim sent back, the mention, the assigned article
    page.get_by_role("link", name="Needs me").click()
    page.wait_for_url("**/needs-me/")
    sent_back = page.locator('[data-needs="sent-back"]')
    assert "Which index closed 3% lower?" in sent_back.inner_text()
    mentions = page.locator('[data-needs="mentions"]')
    assert "double-check the training cost" in mentions.inner_text()
    assert "Markets rattled by DeepSeek" in page.locator('[data-needs="assigned"]').inner_text()
    assert page.locator(".notification.unread").count() >= 3
    ui.shot(page, "needs-me-desktop", full_page=True)

    mentions.get_by_role("button", name="Mark read").click()
    page.wait_for_url("**/needs-me/")
    assert header_count(page) == "2"
    assert "No unread mentions." in page.locator('[data-needs="mentions"]').inner_text()

    sent_back.get_by_role("link").first.click()
    page.wait_for_url(f"**/articles/{desk['article'].pk}/#claim-{desk['back'].pk}")

    phone = phone_page(ui)
    ui.sign_in(phone, "reviewer")
    assert phone.locator("[data-needs-me-count]").is_visible()
    phone.goto("/needs-me/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(phone, "needs-me-375", full_page=True)


def test_editors_see_claims_waiting_for_their_review_but_not_their_own(ui, desk, editor):
    own = make_claim(desk["other"], editor, "Nasdaq", verdict="true")
    claim_submit(actor=editor, claim=own)
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "editor")
    page.keyboard.press("g")
    page.keyboard.press("n")  # the keyboard way to Needs me
    page.wait_for_url("**/needs-me/")
    review = page.locator('[data-needs="review"]')
    text = review.inner_text()
    assert "its model cost $5.6 million" in text and "nearly $590 billion" in text
    assert "Nasdaq”" not in text  # the editor's own submitted claim needs another editor
    ui.shot(page, "needs-me-editor")


def test_mention_autocomplete_in_the_comment_box(ui, desk, editor2):
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{desk['article'].pk}/")
    page.locator(f'[data-open-claim="{desk["cost"].pk}"]').click()
    box = page.locator("[data-comment-form] textarea")
    box.click()
    box.press_sequentially("Agreed, @edi", delay=20)
    options = page.locator('.mention-list [role="option"]')
    options.first.wait_for()
    assert [o.get_attribute("data-username") for o in options.all()] == ["editor", "editor2"]
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    ui.shot(page, "mention-autocomplete")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert box.input_value() == "Agreed, @editor2 "
    assert page.locator(".mention-list").count() == 0
    box.press_sequentially("and @rev", delay=20)
    options.first.wait_for()
    page.keyboard.press("Escape")  # closes the list only: the panel and the text stay
    assert page.locator(".mention-list").count() == 0
    assert page.locator("[data-claim-panel]").is_visible()
    box.press_sequentially("iewer2 please look.", delay=10)
    page.locator(".mention-list").wait_for(state="detached")
    page.locator("[data-comment-form]").get_by_role("button", name="Comment").click()
    page.locator(".comment").filter(has_text="please look").wait_for()
    mentioned = Notification.objects.filter(kind=NotificationKind.MENTIONED, note__contains="look")
    assert sorted(n.recipient.username for n in mentioned) == ["editor2", "reviewer2"]

    phone = phone_page(ui)
    ui.sign_in(phone, "reviewer")
    phone.goto(f"/articles/{desk['article'].pk}/")
    phone.locator(f'[data-open-claim="{desk["cost"].pk}"]').tap()
    small = phone.locator("[data-comment-form] textarea")
    small.tap()
    small.press_sequentially("@rev", delay=20)
    phone.locator('.mention-list [role="option"]').first.wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(phone, "mention-autocomplete-375")
    phone.keyboard.press("Tab")
    assert small.input_value() == "@reviewer "


def test_editors_assign_from_the_list_and_the_article_page(ui, desk, reviewer2):
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "editor")
    other = desk["other"]
    row = page.locator("tr").filter(has_text="Council budget vote")
    row.locator("summary").click()
    row.get_by_label("reviewer2").check()
    ui.shot(page, "assign-list")
    row.get_by_role("button", name="Save assignees").click()
    page.wait_for_url("**/articles/")
    assert "Assigned to reviewer2." in page.locator(".messages").inner_text()
    assert "reviewer2" in page.locator("tr").filter(has_text="Council budget vote").inner_text()
    assert list(other.assignees.values_list("username", flat=True)) == ["reviewer2"]

    page.goto(f"/articles/{other.pk}/")
    box = page.locator("[data-assign]")
    box.locator("summary").click()
    box.get_by_label("reviewer", exact=False).first.check()
    box.get_by_label("reviewer2").uncheck()
    ui.shot(page, "assign-article")
    box.get_by_role("button", name="Save assignees").click()
    page.wait_for_url(f"**/articles/{other.pk}/")
    assert list(other.assignees.values_list("username", flat=True)) == ["reviewer"]
    assert page.locator("[data-assignees]").inner_text().startswith("Assigned:\nreviewer\n")

    phone = phone_page(ui)
    ui.sign_in(phone, "editor")
    phone.locator("[data-assign] summary").first.tap()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(phone, "assign-list-375", full_page=True)


def test_reviewers_get_no_assign_control_and_a_forged_post_is_refused(ui, desk):
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    assert page.locator("[data-assign]").count() == 0
    page.goto(f"/articles/{desk['other'].pk}/")
    assert page.locator("[data-assign]").count() == 0
    status = page.evaluate(
        """async (url) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const body = new URLSearchParams({assignees: '1'});
            const r = await fetch(url, {method: 'POST', body,
                                        headers: {'X-CSRFToken': token}, redirect: 'manual'});
            return r.status;
        }""",
        f"/articles/{desk['other'].pk}/assign/",
    )
    assert status == 403
    ui.forgive("status of 403")
    assert not desk["other"].assignees.exists()


def test_queue_filters_show_revision_send_backs_and_publish_in_place(ui, desk, editor2):
    page = ui.new_page(1440, 1000)
    ui.sign_in(page, "editor2")
    page.goto("/review/")
    assert page.locator("[data-queue-item]").count() == 2  # cost and the revision send-back
    page.get_by_label("Sent back by a revision").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**revision=on**")
    rows = page.locator("[data-queue-item]")
    assert rows.count() == 1
    text = rows.first.inner_text()
    assert "Sent back to review by revision 2, saved by editor" in text
    assert "Submitted" not in rows.first.locator("header p").inner_text()
    assert rows.first.locator("del").inner_text().strip() == "600"
    assert rows.first.locator("ins").inner_text().strip() == "590"
    ui.shot(page, "queue-revision-filter")

    page.get_by_label("Sent back by a revision").uncheck()
    page.get_by_label("Author", exact=True).select_option("reviewer2")
    page.get_by_label("Verdict", exact=True).select_option("misleading")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**verdict=misleading**")
    assert page.locator("[data-queue-item]").count() == 1
    page.locator('[data-action="approve"]').click()
    publish = page.locator('[data-action="publish"]')
    publish.wait_for()
    ui.shot(page, "queue-approved-publish")
    publish.click()
    page.locator("[data-queue-item].st-published").wait_for()
    desk["cost"].refresh_from_db()
    assert desk["cost"].status == ClaimStatus.PUBLISHED

    phone = phone_page(ui)
    ui.sign_in(phone, "editor")
    phone.goto("/review/")
    rationale = phone.locator(".queue-rationale").first
    if rationale.count():
        assert rationale.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(phone, "queue-375", full_page=True)


def test_the_phone_queue_shows_a_long_rationale_whole(ui, desk, editor):
    phone = phone_page(ui)
    ui.sign_in(phone, "editor")
    phone.goto(f"/review/?article={desk['article'].pk}&author=reviewer2&verdict=misleading")
    rationale = phone.locator(".queue-rationale")
    assert "Paragraph 8" in rationale.inner_text()
    assert rationale.evaluate("e => e.scrollHeight <= e.clientHeight + 1")  # no inner scroll
    assert rationale.evaluate("e => getComputedStyle(e).overflowY") == "visible"
    ui.shot(phone, "queue-rationale-375", full_page=True)
