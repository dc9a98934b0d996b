"""The whole life of a claim in real Chromium: select with the mouse, check, submit, approve,
publish — with emoji and combining marks before the phrase so UTF-16 ≠ code points."""

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.models import Claim, ClaimStatus
from tests.browser.helpers import drag_select
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHRASE = "unemployment fell to 4.2% last year"
BODY = (
    "Reactions 👍🏽 poured in 🇺🇦 from Kyiv and from the café in Mu\u0301nchen (x\u0301).\n\n"
    "On Monday 👍🏽🇺🇦 the minister said x\u0301 that "
    f"{PHRASE}, the lowest figure in a decade.\n\n"
    "Economists were more cautious."
)


@pytest.fixture
def setup(reviewer, editor, editor2):
    article = ArticleFactory(actor=editor, title="Minister on jobs", body=BODY)
    article_assign(actor=editor, article=article, assignees=[reviewer])
    return article


def _status_of(page, claim_id):
    return page.locator(f'[data-card-for="{claim_id}"]').get_attribute("data-status")


def test_claim_selected_with_the_mouse_is_stored_in_code_points_and_goes_through_review(
    ui, setup, reviewer, editor
):
    article = setup
    body = article.current_revision.body
    start = body.index(PHRASE)
    assert len(body[:start].encode("utf-16-le")) // 2 > start  # emoji really shift UTF-16

    page = ui.new_page()
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{article.pk}/")
    drag_select(page, start, start + len(PHRASE))
    check = page.locator('[data-action="check-claim"]')
    check.wait_for(state="visible")
    check.click()

    form = page.locator("[data-claim-form]")
    form.wait_for()
    assert form.locator('input[name="start"]').input_value() == str(start)
    assert form.locator('input[name="end"]').input_value() == str(start + len(PHRASE))
    assert form.locator('textarea[name="claim_text"]').input_value() == PHRASE
    form.get_by_label("Claimant").fill("Labour minister")
    form.get_by_label("Verdict").select_option("mostly-true")
    form.locator('textarea[name="rationale"]').fill("The **statistics office** puts it at 4.3%.")
    form.get_by_role("button", name="Preview").click()
    page.locator("[data-preview-target] strong", has_text="statistics office").wait_for()
    for i, url in enumerate(("https://stats.example.org/q4", "https://archive.example.org/jobs")):
        form.locator('[data-action="add-evidence"]').click()
        form.locator(f'input[name="evidence-{i}-url"]').fill(url)
        form.locator(f'input[name="evidence-{i}-title"]').fill(f"Source {i}")
        form.locator(f'select[name="evidence-{i}-stance"]').select_option("supports")
    form.locator('[data-action="save-draft"]').click()

    page.locator("[data-panel-claim]").wait_for()
    claim = Claim.objects.get(article=article)
    assert (claim.start, claim.end, claim.quote) == (start, start + len(PHRASE), PHRASE)
    assert body[claim.start : claim.end] == PHRASE
    assert claim.verdict.slug == "mostly-true" and claim.claimant == "Labour minister"
    assert [e.url for e in claim.evidence_links.order_by("id")] == [
        "https://stats.example.org/q4", "https://archive.example.org/jobs"]  # fmt: skip
    mark = page.locator(f'[data-article-body] mark[data-claim-id="{claim.pk}"]')
    assert "st-draft" in mark.first.get_attribute("class")
    assert "v-mostly-true" in mark.first.get_attribute("class")
    assert _status_of(page, claim.pk) == "draft"

    page.locator('[data-panel-claim] [data-action="submit"]').click()
    page.locator('[data-panel-claim][data-status="submitted"]').wait_for()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert "st-submitted" in mark.first.get_attribute("class")
    assert _status_of(page, claim.pk) == "submitted"
    assert page.locator('[data-action="approve"]').count() == 0

    forged = page.evaluate(
        """async (url) => {
            const token = document.querySelector('meta[name="csrf-token"]').content;
            const body = new FormData();
            const r = await fetch(url, {method: 'POST', body, headers: {'X-CSRFToken': token}});
            return r.status;
        }""",
        f"/review/claims/{claim.pk}/approve/",
    )
    assert forged == 403
    ui.forgive("status of 403")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED and claim.approver is None
    ui.sign_out(page)

    ui.sign_in(page, "editor")
    page.goto("/review/")
    item = page.locator(f'[data-queue-item="{claim.pk}"]')
    assert PHRASE in item.inner_text()
    item.locator('[data-action="approve"]').click()
    page.locator(f'[data-queue-item="{claim.pk}"].st-approved').wait_for()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.APPROVED and claim.approver == editor

    page.goto(f"/articles/{article.pk}/")
    assert "st-approved" in mark.first.get_attribute("class")
    page.locator(f'[data-open-claim="{claim.pk}"]').click()
    page.locator('[data-panel-claim] [data-action="publish"]').click()
    page.locator('[data-panel-claim][data-status="published"]').wait_for()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.PUBLISHED
    assert "st-published" in mark.first.get_attribute("class")
    assert _status_of(page, claim.pk) == "published"
