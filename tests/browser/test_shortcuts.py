"""Keyboard shortcuts in real Chromium: j/k/a/r in the review queue and a in the reading view
act on the focused claim, and never while the editor is typing (typing "a" in a note must not
approve). Ordering, not delays, proves the negative: a later action that does reach the
server is awaited, then the POSTs the page sent are compared with the one expected."""

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.models import Claim, ClaimStatus, ReviewEvent
from factcheck.reviews.services import claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def submitted(reviewer, editor, editor2):
    article = ArticleFactory(actor=editor)
    article_assign(actor=editor, article=article, assignees=[reviewer])
    claims = []
    for phrase in ("$600 billion", "$5.6 million", "Nasdaq"):
        claims.append(claim_submit(actor=reviewer, claim=make_claim(article, reviewer, phrase)))
    return article, claims


def posts_of(page):
    sent: list[str] = []
    page.on("request", lambda r: r.method == "POST" and sent.append(r.url.split("/review")[-1]))
    return sent


def focused_item(page):
    return page.evaluate("document.activeElement?.dataset?.queueItem ?? null")


def test_queue_shortcuts_act_on_the_focused_claim_and_never_while_typing(ui, submitted, editor):
    _, claims = submitted
    page = ui.new_page()
    ui.sign_in(page, "editor")
    page.goto("/review/")
    order = page.locator("[data-queue-item]").evaluate_all(
        "els => els.map(e => e.dataset.queueItem)"
    )
    assert sorted(map(int, order)) == sorted(c.pk for c in claims)
    sent = posts_of(page)

    page.keyboard.press("j")
    page.wait_for_function("document.activeElement?.dataset?.queueItem === arguments[0]"
                           .replace("arguments[0]", repr(order[0])))  # fmt: skip
    page.keyboard.press("j")
    assert focused_item(page) == order[1]
    page.keyboard.press("k")
    assert focused_item(page) == order[0]

    page.keyboard.press("r")  # opens the note form of the focused claim
    note = page.locator(f"#qnote-text-{order[0]}")
    note.wait_for(state="visible")
    note.press_sequentially("a r j k: ask a reviewer")  # shortcuts are text here
    assert note.input_value() == "a r j k: ask a reviewer"
    page.locator(f'#qnote-{order[0]} [data-confirm="request-changes"]').click()
    page.locator(f'[data-queue-item="{order[0]}"].st-changes_requested').wait_for()
    assert sent == [f"/claims/{order[0]}/request-changes/"]

    page.locator(f'[data-queue-item="{order[1]}"]').focus()
    page.keyboard.press("a")
    page.locator(f'[data-queue-item="{order[1]}"].st-approved').wait_for()
    assert sent == [f"/claims/{order[0]}/request-changes/", f"/claims/{order[1]}/approve/"]

    statuses = dict(Claim.objects.filter(pk__in=map(int, order)).values_list("pk", "status"))
    assert statuses == {int(order[0]): ClaimStatus.CHANGES_REQUESTED,
                        int(order[1]): ClaimStatus.APPROVED,
                        int(order[2]): ClaimStatus.SUBMITTED}  # fmt: skip
    assert list(ReviewEvent.objects.filter(action="approve").values_list("claim_id", "actor")) == [
        (int(order[1]), editor.pk)
    ]
    assert ReviewEvent.objects.get(action="request_changes").note == "a r j k: ask a reviewer"


def test_reading_view_a_approves_the_open_claim_but_not_from_the_comment_box(ui, submitted,
                                                                            editor):  # fmt: skip
    article, claims = submitted
    claim = claims[0]
    page = ui.new_page()
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{article.pk}/")
    sent = posts_of(page)
    page.locator(f'[data-open-claim="{claim.pk}"]').click()
    page.locator(f'[data-panel-claim="{claim.pk}"][data-status="submitted"]').wait_for()

    comment = page.locator(f"#comment-body-{claim.pk}")
    comment.press_sequentially("a")  # typing, not a shortcut
    assert comment.input_value() == "a"
    page.locator(f'[data-panel-claim="{claim.pk}"] button[data-action="approve"]').focus()
    page.evaluate("document.activeElement.blur()")  # focus back on the page, not a field
    page.keyboard.press("a")
    page.locator(f'[data-panel-claim="{claim.pk}"][data-status="approved"]').wait_for()
    assert [url for url in sent if "/claims/" in url] == [f"/claims/{claim.pk}/approve/"]
    claim.refresh_from_db()
    assert (claim.status, claim.approver) == (ClaimStatus.APPROVED, editor)
    assert ReviewEvent.objects.filter(claim=claim, action="approve").count() == 1
