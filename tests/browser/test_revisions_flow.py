"""An editor corrects an article in real Chromium: one claim's sentence is deleted, another's
words change. The reading view marks the changed card, lists the orphan with its old quote,
and the editor re-attaches it by selecting new text with the mouse (code points, with emoji
before the text so UTF-16 offsets would differ)."""

import re

import pytest

from factcheck.articles.services import article_assign, article_create
from factcheck.claims.models import Claim
from tests.browser.helpers import drag_select
from tests.factories import make_claim

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

DELETED = "The Nasdaq fell 3% on Monday, its worst day since 2022."
REWORDED = "Nvidia lost nearly $600 billion in market value in one day."
BODY = (
    "Markets 👍🏽🇺🇦 had a rough week in Mu\u0301nchen and New York.\n\n"
    f"{REWORDED}\n\n"
    f"{DELETED} Traders were nervous.\n\n"
    "DeepSeek said its model cost $5.6 million to train."
)
NEW_TARGET = "Tech shares slid on Monday"
NEW_BODY = (
    BODY.replace("nearly $600 billion", "almost $600 billion")
    .replace(DELETED, f"{NEW_TARGET}, traders said.")
    .replace("Traders were nervous.", "Nobody was calm. <b>bold?</b>")
)


@pytest.fixture
def story(editor, reviewer):
    article = article_create(actor=editor, title="Markets week", body=BODY)
    article_assign(actor=editor, article=article, assignees=[reviewer])
    return {
        "article": article,
        "reworded": make_claim(article, reviewer, REWORDED),
        "deleted": make_claim(article, reviewer, DELETED),
        "kept": make_claim(article, reviewer, "$5.6 million"),
    }


def _revise(ui, page, article):
    page.goto(f"/articles/{article.pk}/")
    page.get_by_role("link", name="Revise text").click()
    page.wait_for_url(f"**/articles/{article.pk}/revise/")
    text = page.get_by_label("Article text")
    assert text.input_value().startswith("Markets 👍🏽🇺🇦")
    text.fill(NEW_BODY)
    page.get_by_label("What changed").fill("Publisher corrected the Nasdaq paragraph")
    ui.shot(page, "revisions-revise-form")
    page.get_by_role("button", name="Save revision").click()
    page.wait_for_url(f"**/articles/{article.pk}/")


def test_editor_revises_sees_marks_and_reattaches_the_orphan_with_the_mouse(ui, story, editor):
    article, reworded, deleted = story["article"], story["reworded"], story["deleted"]
    page = ui.new_page(1400, 1000)
    ui.sign_in(page, "editor")
    _revise(ui, page, article)

    message = page.locator(".messages").inner_text()
    assert "Saved revision 2" in message and "1 orphaned" in message and "1 text changed" in message
    assert page.locator("[data-revision]").inner_text().startswith("Revision 2")

    card = page.locator(f'.card-list [data-card-for="{reworded.pk}"]')
    assert "Text changed" in card.inner_text()
    assert card.locator("del").inner_text().strip() == "nearly"
    assert card.locator("ins").inner_text().strip() == "almost"

    orphan = page.locator(f'[data-orphan="{deleted.pk}"]')
    assert orphan.locator("mark.orphan-quote").inner_text() == DELETED
    assert "Traders were nervous" in orphan.locator("[data-old-quote]").inner_text()
    assert page.locator(f'[data-article-body] mark[data-claim-ids~="{deleted.pk}"]').count() == 0
    ui.shot(page, "revisions-reading-orphans")

    other = "published" if deleted.status != "published" else "draft"
    page.select_option('[data-filter="status"]', other)
    assert page.locator("[data-orphans]").is_hidden()  # no orphan passes the filter
    page.select_option('[data-filter="status"]', "")
    assert page.locator("[data-orphans]").is_visible()

    orphan.get_by_role("button", name="Re-attach…").click()
    confirm = orphan.get_by_role("button", name="Re-attach to this text")
    assert confirm.is_disabled()
    article.refresh_from_db()
    body = article.body  # stored NFC: "u\u0301" became one code point
    assert body != NEW_BODY
    start = body.index(NEW_TARGET)
    assert len(body[:start].encode("utf-16-le")) // 2 > start  # emoji: UTF-16 ≠ code points
    drag_select(page, start, start + len(NEW_TARGET))
    orphan.locator("[data-reattach-preview]").wait_for(state="visible")
    assert orphan.locator("[data-reattach-quote]").inner_text() == NEW_TARGET
    assert page.locator('[data-action="check-claim"]').is_hidden()
    ui.shot(page, "revisions-reattach-selection")
    confirm.click()

    page.locator(f'[data-article-body] mark[data-claim-ids~="{deleted.pk}"]').first.wait_for()
    assert page.locator("[data-orphans]").count() == 0
    deleted.refresh_from_db()
    assert (deleted.start, deleted.end, deleted.quote) == (start, start + len(NEW_TARGET),
                                                           NEW_TARGET)  # fmt: skip
    assert deleted.anchor_state == "exact" and deleted.revision.number == 2
    assert deleted.revision.body[deleted.start : deleted.end] == NEW_TARGET


def test_history_and_diff_pages_show_the_correction_escaped(ui, story, editor):
    article = story["article"]
    page = ui.new_page(1280, 900)
    ui.sign_in(page, "editor")
    _revise(ui, page, article)
    page.get_by_role("link", name="history", exact=True).click()
    page.wait_for_url(f"**/articles/{article.pk}/revisions/")
    rows = page.locator("tbody tr")
    assert rows.count() == 2
    ui.shot(page, "revisions-history")
    assert "Publisher corrected the Nasdaq paragraph" in rows.first.inner_text()
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r".*/diff/\?old=1&new=2$"))
    diff = page.locator("[data-diff]")
    assert "nearly" in diff.locator("del").all_inner_texts()[0]
    assert any("<b>bold?</b>" in t for t in diff.locator("ins").all_inner_texts())
    assert diff.locator("b").count() == 0  # shown as text, never as markup
    ui.shot(page, "revisions-diff", full_page=True)


def test_reviewer_cannot_reattach_a_claim_by_someone_else(ui, story, editor, reviewer2):
    article = story["article"]
    from factcheck.reviews.revisions import article_revise

    article_revise(actor=editor, article=article, body=NEW_BODY, note="Fix")
    article.assignees.add(reviewer2)
    page = ui.new_page()
    ui.sign_in(page, "reviewer2")
    page.goto(f"/articles/{article.pk}/")
    orphan = page.locator(f'[data-orphan="{story["deleted"].pk}"]')
    orphan.wait_for()
    assert orphan.get_by_role("button", name="Re-attach…").count() == 0
    assert Claim.objects.get(pk=story["deleted"].pk).anchor_state == "orphaned"
