"""A 5,000-word article with 300 claims (overlapping ones too) opens and stays usable (its
opening time is measured in bench/bench_reading_view.py, not asserted here)."""

import random

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.services import claim_create
from tests.browser.helpers import drag_select
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

WORDS = "the minister said growth reached record levels while critics 👍🏽 disputed café".split()  # noqa: SIM905


def _body(words: int) -> str:
    rng = random.Random(7)
    paragraphs, current = [], []
    for i in range(words):
        current.append(rng.choice(WORDS))
        if len(current) >= 60 or i == words - 1:
            paragraphs.append(" ".join(current).capitalize() + ".")
            current = []
    return "\n\n".join(paragraphs)


@pytest.fixture
def big_article(reviewer, editor):
    article = ArticleFactory(actor=editor, title="A long report", body=_body(5000))
    article_assign(actor=editor, article=article, assignees=[reviewer])
    body = article.current_revision.body
    rng = random.Random(11)
    verdicts = ["true", "false", "mostly-true", "misleading", None]
    for i in range(300):
        start = rng.randrange(0, len(body) - 200)
        end = start + rng.randrange(5, 160)  # random spans: many overlap and nest
        claim_create(actor=reviewer, article=article, start=start, end=end,
                     quote=body[start:end], verdict=verdicts[i % len(verdicts)])  # fmt: skip
    return article


def test_long_article_with_300_claims_opens_and_is_interactive(ui, big_article):
    page = ui.new_page()
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{big_article.pk}/")
    page.locator("[data-card-for]").nth(299).wait_for(state="attached")
    assert page.locator("[data-card-for]").count() == 300
    assert page.locator("[data-article-body] mark[data-claim-ids~=' ']").count() == 0
    overlapping = page.locator("[data-article-body] mark.d2, [data-article-body] mark.d3")
    assert overlapping.count() > 0

    card = page.locator("[data-open-claim]").nth(150)
    card.click()
    page.locator("[data-panel-claim]").wait_for()
    claim_id = page.locator("[data-panel-claim]").get_attribute("data-panel-claim")
    assert page.locator(f'mark[data-claim-ids~="{claim_id}"].is-active').count() > 0

    mark = page.locator("[data-article-body] mark").nth(40)
    mark.scroll_into_view_if_needed()
    mark.click()
    page.locator(".claim-card.is-active [data-panel-claim]").wait_for()

    body = big_article.current_revision.body
    start = body.index("critics", 400)
    drag_select(page, start, start + len("critics"))
    page.locator('[data-action="check-claim"]').wait_for(state="visible")
    page.locator('[data-action="check-claim"]').click()
    assert page.locator('[data-claim-form] input[name="quote"]').input_value() == "critics"
    assert page.locator('[data-claim-form] input[name="start"]').input_value() == str(start)
