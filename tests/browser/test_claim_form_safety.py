"""The claim form never loses work and says things once (issue 11, items 2, 3 and 6, and
"Drafts are never lost"), in real Chromium at 1440 px and 375 px.

Screenshots go to /tmp/shots/ (form-*.png) for a human look.
"""

import re

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.models import Claim, ClaimDraft, Tag
from factcheck.claims.services import claim_update
from factcheck.reviews.services import claim_request_changes, claim_submit
from tests.browser.helpers import drag_select, settle
from tests.factories import ArticleFactory, make_claim

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

BODY = "\n\n".join(
    [
        "Nvidia lost nearly $600 billion in market value in one day, the largest single-day "
        "loss for any company in US stock market history."
    ]
    + [f"Paragraph {i} of background about markets, chips and 👍🏽 models." * 3 for i in range(12)]
    + ["DeepSeek said its model cost $5.6 million to train, a fraction of what labs spend."]
)
PHRASE = "its model cost $5.6 million to train"


@pytest.fixture
def story(reviewer, editor):
    article = ArticleFactory(actor=editor, title="Markets and models", body=BODY)
    article_assign(actor=editor, article=article, assignees=[reviewer])
    claim = make_claim(article, reviewer, PHRASE, claimant="DeepSeek", tags=["DeepSeek"])
    return {"article": article, "claim": claim}


def _open(page, claim):
    page.locator(f'[data-open-claim="{claim.pk}"]').click()
    form = page.locator("[data-panel-claim] [data-claim-form]")
    form.wait_for()
    return form


def _wait_draft_saved(form):
    form.locator("[data-draft-status]", has_text="Draft saved").wait_for()


def test_esc_while_typing_asks_before_discarding_and_keeps_the_text(ui, story, reviewer):
    claim = story["claim"]
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{story['article'].pk}/")
    form = _open(page, claim)
    rationale = form.locator('textarea[name="rationale"]')
    rationale.fill("A long rationale I do not want to lose.")
    rationale.press("Escape")
    dialog = page.locator("[data-leave-dialog][open]")
    dialog.wait_for()
    ui.shot(page, "form-esc-asks")
    dialog.get_by_role("button", name="Keep editing").click()
    assert form.is_visible()
    assert rationale.input_value() == "A long rationale I do not want to lose."

    rationale.press("Escape")
    page.locator("[data-leave-dialog][open]").get_by_role("button", name="Discard changes").click()
    page.locator("[data-claim-panel]").wait_for(state="hidden")
    page.wait_for_function("!document.querySelector('[data-leave-dialog][open]')")
    assert not ClaimDraft.objects.exists()  # discarded means gone, also server-side
    claim.refresh_from_db()
    assert claim.rationale == "Checked against filings."

    form = _open(page, claim)  # untouched form: Esc closes at once, no question
    form.locator('textarea[name="rationale"]').press("Escape")
    page.locator("[data-claim-panel]").wait_for(state="hidden")


def test_the_draft_is_autosaved_restored_after_a_reload_and_cleared_by_saving(ui, story, reviewer):
    article, claim = story["article"], story["claim"]
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{article.pk}/")
    form = _open(page, claim)
    form.get_by_label("Claimant").fill("DeepSeek, the company")
    _wait_draft_saved(form)
    draft = ClaimDraft.objects.get(user=reviewer, claim=claim)
    assert draft.fields["claimant"] == "DeepSeek, the company"

    page.reload()
    form = _open(page, claim)
    assert form.get_by_label("Claimant").input_value() == "DeepSeek, the company"
    assert "Restored your unsaved changes" in form.locator("[data-draft-notice]").inner_text()
    ui.shot(page, "form-draft-restored")
    form.locator('[data-action="save-draft"]').click()
    page.locator("[data-panel-claim] .notice").wait_for()
    claim.refresh_from_db()
    assert claim.claimant == "DeepSeek, the company"
    assert not ClaimDraft.objects.exists()


def test_a_new_claims_draft_comes_back_on_the_same_selection(ui, story, reviewer):
    article = story["article"]
    body = article.current_revision.body
    phrase = "Nvidia lost nearly $600 billion"
    start = body.index(phrase)
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{article.pk}/")
    drag_select(page, start, start + len(phrase))
    page.locator('[data-action="check-claim"]').click()
    form = page.locator("[data-panel-new] [data-claim-form]")
    form.get_by_label("Claimant").fill("Los Angeles Times")
    _wait_draft_saved(form)

    page.reload()
    drag_select(page, start, start + len(phrase))  # the same selection brings it back
    page.locator('[data-action="check-claim"]').click()
    form = page.locator("[data-panel-new] [data-claim-form]")
    assert form.get_by_label("Claimant").input_value() == "Los Angeles Times"
    page.keyboard.press("Escape")  # untouched since restored: closes without asking
    page.locator("[data-claim-panel]").wait_for(state="hidden")

    page.reload()  # and so does "Your unsaved claims", without finding the words again
    drafts = page.locator("[data-new-drafts]")
    ui.shot(page, "form-unsaved-claims")
    drafts.get_by_role("button", name=re.compile("Nvidia lost nearly")).click()
    form = page.locator("[data-panel-new] [data-claim-form]")
    assert form.get_by_label("Claimant").input_value() == "Los Angeles Times"
    form.get_by_role("button", name="Discard my changes").click()
    page.locator("[data-panel-new] [data-draft-status]", has_text="Draft discarded").wait_for()
    assert page.locator("[data-panel-new]").get_by_label("Claimant").input_value() == ""
    assert not ClaimDraft.objects.exists()
    assert drafts.count() == 0  # gone from the list too


def test_leaving_with_changes_not_yet_kept_warns(ui, story):
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{story['article'].pk}/")
    form = _open(page, story["claim"])
    seen = []

    def answer(dialog):
        seen.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    form.locator('textarea[name="rationale"]').type("Typed just now")  # autosave not yet run
    with page.expect_event("dialog"):
        page.close(run_before_unload=True)
    assert seen == ["beforeunload"]
    page.close()  # now without asking

    calm = ui.new_page(1440, 900)
    ui.sign_in(calm, "reviewer")
    calm.goto(f"/articles/{story['article'].pk}/")
    form = _open(calm, story["claim"])
    form.locator('textarea[name="rationale"]').type("Typed, then kept as a draft")
    _wait_draft_saved(form)
    quiet = []
    calm.on("dialog", lambda dialog: (quiet.append(dialog.type), dialog.dismiss()))
    calm.goto("/articles/")  # the draft is on the server: no warning
    assert quiet == []


def test_saving_keeps_the_scroll_and_says_it_once(ui, story):
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{story['article'].pk}/")
    form = _open(page, story["claim"])
    form.get_by_label("Claimant").fill("DeepSeek (company)")
    before = page.evaluate("window.scrollY")
    form.locator('[data-action="save-draft"]').click()
    page.locator("[data-panel-claim] .notice", has_text="Saved as a draft.").wait_for()
    settle(page)  # a smooth scroll or a toast started by the save would have begun
    assert abs(page.evaluate("window.scrollY") - before) <= 1
    said = page.get_by_text("Saved as a draft.", exact=True)
    assert said.count() == 1


def test_an_edit_conflict_is_one_error_and_keeps_my_changes_on_theirs(ui, story, editor):
    claim = story["claim"]
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{story['article'].pk}/")
    form = _open(page, claim)
    claim_update(actor=editor, claim=Claim.objects.get(pk=claim.pk), version=claim.version,
                 rationale="The editor's change.")  # fmt: skip
    form.get_by_label("Claimant").fill("My change")
    form.locator('[data-action="save-draft"]').click()
    error = page.locator("[data-panel-claim] [data-panel-error]")
    error.wait_for()
    ui.forgive("status of 409")
    assert "Someone else saved this claim" in error.inner_text()
    assert page.get_by_text(re.compile("Someone else saved this claim")).count() == 1
    assert page.locator("[data-panel-claim] .notice").count() == 0  # no green box
    form = page.locator("[data-panel-claim] [data-claim-form]")
    assert form.get_by_label("Claimant").input_value() == "My change"  # mine kept
    assert form.locator('textarea[name="rationale"]').input_value() == "The editor's change."
    assert "Someone changed this claim" in form.locator("[data-draft-notice]").inner_text()
    ui.shot(page, "form-conflict")
    form.locator('[data-action="save-draft"]').click()  # now on the current version
    page.locator("[data-panel-claim] .notice", has_text="Saved as a draft.").wait_for()
    claim.refresh_from_db()
    assert (claim.claimant, claim.rationale) == ("My change", "The editor's change.")
    assert not ClaimDraft.objects.exists()


@pytest.mark.parametrize("width", [1440, 375])
def test_a_claim_sent_back_opens_with_the_editors_note_first(ui, story, editor, width):
    claim = story["claim"]
    claim_submit(actor=claim.author, claim=claim)
    claim_request_changes(actor=editor, claim=claim, note="Say which filing you checked.")
    page = ui.new_page(width, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{story['article'].pk}/#claim-{claim.pk}")
    note = page.locator("[data-panel-claim] [data-sent-back]")
    note.wait_for()
    assert "Say which filing you checked." in note.inner_text()
    assert note.locator("h3").text_content() == "Changes requested by editor"
    form = page.locator("[data-panel-claim] [data-claim-form]")
    assert note.bounding_box()["y"] < form.bounding_box()["y"]
    ui.shot(page, f"form-sent-back-{width}")


def test_evidence_needs_a_stance_and_rows_are_compact(ui, story):
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{story['article'].pk}/")
    form = _open(page, story["claim"])
    form.locator('[data-action="add-evidence"]').click()
    url = "https://www.reuters.com/technology/artificial-intelligence/deepseek-training-cost-2025-01-28/"
    form.locator('input[name="evidence-1-url"]').fill(url)
    form.locator('[data-action="save-draft"]').click()  # the stance is untouched: refused
    stance = page.locator('[data-panel-claim] [data-field="evidence-1-stance"]')
    stance.locator(".errorlist", has_text="Choose a stance").wait_for()
    ui.forgive("status of 400")
    assert Claim.objects.get(pk=story["claim"].pk).evidence_links.count() == 1
    form = page.locator("[data-panel-claim] [data-claim-form]")
    form.locator('select[name="evidence-1-stance"]').select_option("refutes")
    form.locator('[data-action="save-draft"]').click()
    page.locator("[data-panel-claim] .notice").wait_for()
    link = Claim.objects.get(pk=story["claim"].pk).evidence_links.order_by("id").last()
    assert (link.url, link.stance) == (url, "refutes")

    for width in (1440, 375):
        view = ui.new_page(width, 900)
        ui.sign_in(view, "reviewer")
        view.goto(f"/articles/{story['article'].pk}/")
        rows = _open(view, story["claim"]).locator("[data-evidence-row]")
        row = rows.last.bounding_box()
        field = rows.last.locator('input[name$="-url"]').bounding_box()
        assert row["height"] <= 240, row  # was ~450 px
        assert field["width"] >= 0.85 * row["width"]  # the URL gets the whole line
        assert view.evaluate("document.documentElement.scrollWidth") <= width
        rows.last.scroll_into_view_if_needed()
        ui.shot(view, f"form-evidence-{width}")


def test_tags_keep_case_and_tags_and_claimant_autocomplete(ui, story, reviewer):
    Tag.objects.create(name="Nvidia")
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{story['article'].pk}/")
    form = _open(page, story["claim"])
    tags = form.get_by_label("Tags")
    assert tags.input_value() == "DeepSeek"
    tags.fill("DeepSeek, nv")
    option = form.locator('#tag-suggestions option[value="DeepSeek, Nvidia"]')
    option.wait_for(state="attached")
    claimant = form.get_by_label("Claimant")
    claimant.fill("deep")
    form.locator('#claimant-suggestions option[value="DeepSeek"]').wait_for(state="attached")
    tags.fill("DeepSeek, nvidia, Chips")
    form.locator('[data-action="save-draft"]').click()
    page.locator("[data-panel-claim] .notice").wait_for()
    claim = Claim.objects.get(pk=story["claim"].pk)
    assert sorted(t.name for t in claim.tags.all()) == ["Chips", "DeepSeek", "Nvidia"]
    assert Tag.objects.count() == 3


def test_the_queue_confirms_an_approval_once(ui, story, editor2):
    from factcheck.claims.models import EventAction
    from factcheck.reviews.workflow import TRANSITIONS

    claim = story["claim"]
    claim_submit(actor=claim.author, claim=claim)
    page = ui.new_page(1440, 900)
    ui.sign_in(page, "editor2")
    page.goto("/review/")
    page.locator(f'[data-queue-item="{claim.pk}"] [data-action="approve"]').click()
    done = TRANSITIONS[EventAction.APPROVE].done
    page.get_by_text(done, exact=True).first.wait_for()
    page.wait_for_load_state("networkidle")
    settle(page)  # a second confirmation (a toast) would be on the page by now
    assert page.get_by_text(done, exact=True).count() == 1
