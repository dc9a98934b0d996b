"""Revise text previews, in real Chromium, which claims the new text would affect before it is
saved (issue 11, item 8); screenshots revise-preview-*.png."""

import pytest

from factcheck.articles.services import article_create
from tests.factories import make_claim
from tests.views.test_revise_preview import BODY, DELETED, MOVED, NEW_BODY, REWORDED

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1440, 375])
def test_the_editor_previews_the_effect_on_claims_then_saves(ui, editor, reviewer, width):
    article = article_create(actor=editor, title="Markets week", body=BODY)
    deleted = make_claim(article, reviewer, DELETED)
    reworded = make_claim(article, reviewer, REWORDED)
    make_claim(article, reviewer, MOVED)
    page = ui.new_page(width, 900)
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{article.pk}/revise/")
    page.get_by_label("Article text").fill(NEW_BODY)
    page.get_by_role("button", name="Preview the effect on claims").click()
    preview = page.locator("[data-revise-preview]")
    preview.wait_for()
    orphaned = preview.locator('[data-preview-group="orphaned"]')
    assert f"Claim #{deleted.pk}" in orphaned.inner_text()
    changed = preview.locator('[data-preview-group="changed"]')
    assert f"Claim #{reworded.pk}" in changed.inner_text()
    assert "almost $600 billion" in changed.locator("ins").inner_text()
    assert page.get_by_label("Article text").input_value() == NEW_BODY.replace("\r\n", "\n")
    article.refresh_from_db()
    assert article.revision_number == 1  # nothing saved by the preview
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    preview.scroll_into_view_if_needed()
    ui.shot(page, f"revise-preview-{width}")

    page.get_by_role("button", name="Save revision").click()
    page.wait_for_url(f"**/articles/{article.pk}/")
    article.refresh_from_db()
    assert article.revision_number == 2
