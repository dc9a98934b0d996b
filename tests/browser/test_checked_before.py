""" "Checked before?" in real Chromium: select text → suggestions from another article → open
the earlier claim → start from it (verdict, rationale, evidence copied) → save, with the
"see also" link on both claims; typing updates the suggestions; a same-article duplicate is
flagged before saving."""

import pytest
from django.utils.formats import date_format

from factcheck.articles.services import article_assign
from factcheck.claims.models import Claim, ReviewEvent
from factcheck.claims.services import evidence_add
from factcheck.reviews.services import claim_approve, claim_publish, claim_submit
from tests.browser.helpers import drag_select
from tests.factories import ArticleFactory, make_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EARLIER = "The MMR vaccine causes autism in children, the campaigner said."
OTHER = "The Great Wall of China is visible from space with the naked eye."
NEW_PHRASE = "the MMR jab gives children autism"
NEW_BODY = f"At the rally 👍🏽 a speaker repeated that {NEW_PHRASE}, to applause.\n\nNothing else."


@pytest.fixture
def setup(reviewer, editor, editor2):
    older = ArticleFactory(
        actor=editor, title="Vaccine myths, checked", body=f"{EARLIER}\n\n{OTHER}"
    )
    earlier = make_claim(
        older, reviewer, "The MMR vaccine causes autism in children", verdict="false",
        rationale="Large cohort studies found **no link**.", evidence=0,
    )  # fmt: skip
    evidence_add(actor=reviewer, claim=earlier, url="https://cohort.example.org/denmark",
                 title="Danish cohort study", stance="refutes")  # fmt: skip
    make_claim(older, reviewer, "The Great Wall of China is visible from space")
    claim_submit(actor=reviewer, claim=earlier)
    claim_approve(actor=editor, claim=earlier)
    claim_publish(actor=editor2, claim=earlier)
    newer = ArticleFactory(actor=editor, title="Rally report", body=NEW_BODY)
    article_assign(actor=editor, article=newer, assignees=[reviewer])
    earlier.refresh_from_db()
    return earlier, newer


def test_select_suggestions_open_and_start_from_an_earlier_check(ui, setup):
    earlier, newer = setup
    page = ui.new_page()
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{newer.pk}/")
    start = newer.current_revision.body.index(NEW_PHRASE)
    drag_select(page, start, start + len(NEW_PHRASE))
    page.locator('[data-action="check-claim"]').click()

    form = page.locator("[data-claim-form]")
    suggestion = form.locator(f'[data-similar-id="{earlier.pk}"]')
    suggestion.wait_for()
    assert "The MMR vaccine causes autism in children" in suggestion.inner_text()
    assert "Vaccine myths, checked" in suggestion.inner_text()
    assert suggestion.locator(".verdict-badge.v-false").inner_text() == "False"
    assert "Published" in suggestion.inner_text() and "% match" in suggestion.inner_text()
    # The site's one date format (core/formats), not the browser's locale ("Dec 1, 2026").
    meta = suggestion.locator(".similar-meta").inner_text()
    assert date_format(earlier.published_at, "j M Y") in meta
    assert form.locator("[data-similar-duplicate]").is_hidden()
    ui.shot(page, "checked-before-suggestions")

    with page.expect_popup() as popup_info:  # open: a new tab, the draft stays
        suggestion.get_by_role("link", name=f"Open claim #{earlier.pk} in a new tab").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert popup.url.endswith(f"/articles/{earlier.article_id}/#claim-{earlier.pk}")
    popup.locator("[data-panel-claim]").wait_for()
    popup.close()

    suggestion.get_by_role("button", name=f"Start from claim #{earlier.pk}").click()
    assert form.get_by_label("Verdict", exact=True).input_value() == "false"
    assert form.locator('textarea[name="rationale"]').input_value() == earlier.rationale
    assert form.locator('input[name="evidence-0-url"]').input_value() == (
        "https://cohort.example.org/denmark"
    )
    assert form.locator('select[name="evidence-0-stance"]').input_value() == "refutes"
    assert form.locator("[data-see-also]").input_value() == str(earlier.pk)
    assert "Started from claim" in form.locator("[data-similar-started]").inner_text()

    claim_text = form.locator('textarea[name="claim_text"]')  # typing asks again
    claim_text.fill("The Great Wall of China can be seen from space")
    form.locator("[data-similar-list] .similar-claim", has_text="Great Wall").first.wait_for()
    claim_text.fill("The MMR jab gives children autism")
    suggestion.wait_for()

    form.locator('[data-action="save-draft"]').click()
    page.locator("[data-panel-claim]").wait_for()
    claim = Claim.objects.get(article=newer)
    assert claim.quote == NEW_PHRASE and claim.verdict.slug == "false"
    assert claim.rationale == earlier.rationale
    assert [e.url for e in claim.evidence_links.all()] == ["https://cohort.example.org/denmark"]
    assert list(claim.see_also.all()) == [earlier] and list(earlier.see_also.all()) == [claim]
    assert ReviewEvent.objects.filter(action="see_also").count() == 2

    # The same words selected again in this article: flagged before saving.
    page.keyboard.press("Escape")
    page.locator("body").click(position={"x": 5, "y": 5})
    drag_select(page, start, start + len(NEW_PHRASE))
    page.locator('[data-action="check-claim"]').click()
    warning = page.locator("[data-claim-form] [data-similar-duplicate]")
    warning.wait_for()
    assert f"claim #{claim.pk}" in warning.inner_text()
    ui.shot(page, "checked-before-duplicate")
