"""A long article's reading view lays out only what is near the screen (issue 10: paragraphs and
lists of cards with `content-visibility: auto`, heights estimated until they are rendered), and
everything in it still works: every highlight opens its card, far cards open and bring their
words into view, the margin markers, j / k, the filters, find in page, a save keeps the place.

The thresholds are lowered here so that a small article is "long" (the speed itself is measured
in bench/bench_reading_browser.py)."""

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.services import claim_create
from factcheck.web import fragments
from tests.browser.test_reading_orient import IN_VIEW_JS, VISIBLE_IN_SIDE_JS, open_page, settle
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PARAGRAPHS = 120
CLAIMS = 60  # one in every other paragraph
FILLER = (
    "The council met on a wet Tuesday to discuss the harbour, the ferry timetable and the "
    "repairs to the old sea wall, which engineers said would take several years to finish."
)


def _quote(n: int) -> str:
    return f"the harbour fees for berth {n:03d} rose by {n + 7} percent"


@pytest.fixture
def lazy(monkeypatch):
    monkeypatch.setattr(fragments, "LAZY_BODY_FROM", 5_000)
    monkeypatch.setattr(fragments, "LAZY_CARDS_FROM", 20)
    monkeypatch.setattr(fragments, "CARDS_PER_LIST", 10)


@pytest.fixture
def long_read(lazy, reviewer, editor):
    paragraphs = [f"Item {i}. {FILLER} {FILLER}" for i in range(PARAGRAPHS)]
    for n in range(CLAIMS):
        paragraphs[2 * n + 1] = f"Item {2 * n + 1}: {_quote(n)}, the report said. {FILLER}"
    paragraphs[-1] += " The last words mention a kingfisher."
    article = ArticleFactory(actor=editor, title="Harbour fees", body="\n\n".join(paragraphs))
    article_assign(actor=editor, article=article, assignees=[reviewer])
    body = article.current_revision.body
    claims = []
    for n in range(CLAIMS):
        quote = _quote(n)
        start = body.index(quote)
        claims.append(
            claim_create(
                actor=reviewer,
                article=article,
                start=start,
                end=start + len(quote),
                quote=quote,
                claimant=f"Harbour master {n:03d}",
                verdict=["true", "false", "misleading"][n % 3],
            )
        )
    return {"article": article, "claims": claims}


# Is the element's content laid out (not skipped by content-visibility)?
RENDERED_JS = "(e) => e.checkVisibility({contentVisibilityAuto: true})"


def _open(ui, long_read, user="editor"):
    page = open_page(ui)
    ui.sign_in(page, user)
    page.goto(f"/articles/{long_read['article'].pk}/")
    return page


def test_only_what_is_near_the_screen_is_laid_out_yet_every_claim_is_in_the_page(ui, long_read):
    page = _open(ui, long_read)
    assert page.locator("[data-article-body].is-lazy").count() == 1
    assert page.locator(".card-lists.is-lazy > .card-list").count() == CLAIMS // 10
    first_words = page.locator("[data-article-body] > p").first.locator("span").first
    last_words = page.locator("[data-article-body] > p").last.locator("span").first
    assert first_words.evaluate(RENDERED_JS)
    assert not last_words.evaluate(RENDERED_JS)  # far below: skipped
    last_card = page.locator("[data-card-for]").last
    assert not last_card.locator(".card-button").evaluate(RENDERED_JS)
    # yet everything is in the page: every highlight, card and tick; the count says all
    assert page.locator("[data-article-body] mark[data-claim-ids]").count() == CLAIMS
    assert page.locator("[data-card-for]").count() == CLAIMS
    assert page.locator("[data-marker-bar] [data-tick-for]").count() == CLAIMS
    assert page.locator("[data-filter-count]").inner_text() == f"{CLAIMS} claims"
    # the estimated page is about as long as the rendered one will be
    estimated = page.evaluate("document.documentElement.scrollHeight")
    page.evaluate(
        "document.querySelectorAll('[data-article-body] > p')"
        ".forEach((p) => { p.style.contentVisibility = 'visible'; })"
    )
    rendered = page.evaluate("document.documentElement.scrollHeight")
    assert abs(estimated - rendered) < 0.1 * rendered


def test_a_far_highlight_opens_its_card_after_scrolling(ui, long_read):
    last = long_read["claims"][-1]
    page = _open(ui, long_read)
    mark = page.locator(f'[data-article-body] mark[data-claim-ids~="{last.pk}"]')
    mark.scroll_into_view_if_needed()
    mark.click()
    page.locator(f'.claim-card.is-active [data-panel-claim="{last.pk}"]').wait_for()
    settle(page)
    assert page.evaluate(VISIBLE_IN_SIDE_JS, "#panel-title")
    assert page.locator("#panel-title").evaluate(RENDERED_JS)
    assert _quote(CLAIMS - 1) in page.locator("[data-claim-panel]").inner_text()


def test_a_far_card_opens_and_brings_its_words_into_view(ui, long_read):
    claims = long_read["claims"]
    page = _open(ui, long_read)
    far = claims[-3]
    page.locator(f'[data-open-claim="{far.pk}"]').click()
    page.locator(f'[data-panel-claim="{far.pk}"]').wait_for()
    mark = f'[data-article-body] mark[data-claim-ids~="{far.pk}"]'
    page.wait_for_function(IN_VIEW_JS, arg=[mark, 56])
    settle(page)
    assert page.evaluate(IN_VIEW_JS, [mark, 56])
    assert page.locator(f"{mark}.is-active").count() == 1

    # keyboard: Escape, then k from the list's end reaches the last card and shows its words
    page.keyboard.press("Escape")
    page.locator("[data-claim-panel]").wait_for(state="hidden")
    page.locator("#article-title").click()
    page.keyboard.press("k")
    last = claims[-1]
    assert page.evaluate("document.activeElement.dataset.openClaim") == str(last.pk)
    last_mark = f'[data-article-body] mark[data-claim-ids~="{last.pk}"]'
    page.wait_for_function(IN_VIEW_JS, arg=[last_mark, 56])
    page.locator("[data-hover-card]").wait_for(state="visible")
    assert "Harbour master 059" in page.locator("[data-hover-card]").inner_text()


def test_a_far_tick_opens_its_claim_at_its_place(ui, long_read):
    claims = long_read["claims"]
    page = _open(ui, long_read)
    bar = page.locator("[data-marker-bar]").bounding_box()
    middle = claims[len(claims) // 2]
    top = page.locator(f'[data-tick-for="{middle.pk}"]').bounding_box()["y"]
    assert 0.4 < (top - bar["y"]) / bar["height"] < 0.6
    far = claims[-2]
    page.locator(f'[data-tick-for="{far.pk}"]').click()
    page.locator(f'[data-panel-claim="{far.pk}"]').wait_for()
    mark = f'[data-article-body] mark[data-claim-ids~="{far.pk}"]'
    page.wait_for_function(IN_VIEW_JS, arg=[mark, 56])
    settle(page)
    assert page.evaluate(IN_VIEW_JS, [mark, 56])
    assert page.locator(f'[data-tick-for="{far.pk}"].is-active').count() == 1


def test_the_filters_find_far_cards_and_hide_empty_lists(ui, long_read):
    page = _open(ui, long_read)
    page.locator("#filter-q").fill("harbour master 057")
    page.wait_for_function(
        "() => document.querySelector('[data-filter-count]').innerText === '1 of 60 claims'"
    )
    assert page.locator(".card-lists > .card-list:not([hidden])").count() == 1
    card = page.locator("[data-card-for]:not([hidden])")
    assert card.count() == 1
    page.wait_for_function(VISIBLE_IN_SIDE_JS, arg="[data-card-for]:not([hidden])")
    assert "Harbour master 057" in card.inner_text()
    page.locator("#filter-verdict").select_option("false")
    page.locator("#filter-q").fill("")
    page.wait_for_function(
        "() => document.querySelector('[data-filter-count]').innerText === '20 of 60 claims'"
    )
    assert page.locator(".card-lists > .card-list:not([hidden])").count() == CLAIMS // 10
    assert page.locator("[data-tick-for].is-filtered-out").count() == 40


def test_find_in_page_reaches_the_words_far_below(ui, long_read):
    page = _open(ui, long_read)
    last_words = page.locator("[data-article-body] > p").last.locator("span").last
    assert not last_words.evaluate(RENDERED_JS)
    assert page.evaluate("window.find('kingfisher')")
    assert page.evaluate("String(getSelection())") == "kingfisher"


def test_a_save_far_down_keeps_the_readers_place(ui, long_read):
    far = long_read["claims"][-4]
    page = _open(ui, long_read, user="reviewer")
    mark = f'[data-article-body] mark[data-claim-ids~="{far.pk}"]'
    page.locator(f'[data-open-claim="{far.pk}"]').click()
    form = page.locator(f'[data-panel-claim="{far.pk}"] [data-claim-form]')
    form.wait_for()
    page.wait_for_function(IN_VIEW_JS, arg=[mark, 56])
    settle(page)
    form.locator('[name="claimant"]').fill("The harbour board")
    form.get_by_role("button", name="Save draft").click()
    page.locator("[data-claim-panel] .notice").wait_for()
    settle(page)
    # the body was redrawn from the server: its paragraphs kept their heights, the text its place
    assert page.evaluate(IN_VIEW_JS, [mark, 56])
    assert "The harbour board" in page.locator(f'[data-card-for="{far.pk}"]').inner_text()


# ---- a long list of cards comes after the page (fragments.DEFER_CARDS_FROM) ------------------


@pytest.fixture
def deferred(lazy, monkeypatch):
    monkeypatch.setattr(fragments, "DEFER_CARDS_FROM", 30)
    monkeypatch.setattr(fragments, "INITIAL_CARDS", 20)


def _all_cards_in(page) -> None:
    page.locator("[data-cards-rest]").wait_for(state="detached")


def test_the_cards_past_the_first_ones_arrive_after_the_page_and_work(ui, long_read, deferred):
    claims = long_read["claims"]
    page = open_page(ui)
    ui.sign_in(page, "editor")
    asked = []
    page.on("request", lambda r: "/cards/" in r.url and asked.append(r.url))
    page.goto(f"/articles/{long_read['article'].pk}/")
    _all_cards_in(page)
    # asked for once: the page's preload, whose answer the script uses
    assert [url.split("/articles/")[1] for url in asked] == [
        f"{long_read['article'].pk}/cards/?from=20"
    ]
    cards = page.locator("[data-card-for]")
    assert cards.count() == CLAIMS
    assert cards.evaluate_all("els => els.map(e => e.dataset.cardFor)") == [
        str(c.pk) for c in claims
    ]
    last_button = page.locator(f'[data-open-claim="{claims[-1].pk}"]')
    assert last_button.get_attribute("aria-label").startswith(f"Claim {CLAIMS}:")
    assert page.locator("[data-filter-count]").inner_text() == f"{CLAIMS} claims"
    assert "Draft (60)" in page.locator("#filter-status option").all_inner_texts()
    # ticks coloured by their claims' verdicts, whether the card came with the page or after
    ticks = page.locator("[data-marker-bar] [data-tick-for]")
    assert ticks.count() == CLAIMS
    assert page.locator(f'[data-tick-for="{claims[-1].pk}"].v-misleading').count() == 1
    assert page.locator(f'[data-tick-for="{claims[0].pk}"].v-true').count() == 1

    # a far highlight opens its card, which came after the page
    mark = page.locator(f'[data-article-body] mark[data-claim-ids~="{claims[-1].pk}"]')
    mark.scroll_into_view_if_needed()
    mark.click()
    page.locator(f'.claim-card.is-active [data-panel-claim="{claims[-1].pk}"]').wait_for()
    # the filters reach them too
    page.locator("#filter-q").fill("harbour master 058")
    page.wait_for_function(
        "() => document.querySelector('[data-filter-count]').innerText === '1 of 60 claims'"
    )


def test_a_link_to_a_claim_whose_card_comes_after_the_page_opens_it(ui, long_read, deferred):
    far = long_read["claims"][-2]
    page = open_page(ui)
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{long_read['article'].pk}/#claim-{far.pk}")
    page.locator(f'.claim-card.is-active [data-panel-claim="{far.pk}"]').wait_for()
    mark = f'[data-article-body] mark[data-claim-ids~="{far.pk}"]'
    page.wait_for_function(IN_VIEW_JS, arg=[mark, 56])


def test_a_highlight_clicked_before_its_card_arrives_opens_its_panel_in_the_card(
    ui, long_read, deferred
):
    far = long_read["claims"][-1]
    page = open_page(ui)
    ui.sign_in(page, "editor")
    # hold the rest of the cards back until the panel is open
    held = []
    page.route("**/cards/?from=20", lambda route: held.append(route))
    page.goto(f"/articles/{long_read['article'].pk}/")
    page.wait_for_function("() => document.querySelector('[data-cards-rest]')")
    assert page.locator("[data-filter-count]").inner_text() == f"{CLAIMS} claims"
    mark = page.locator(f'[data-article-body] mark[data-claim-ids~="{far.pk}"]')
    mark.scroll_into_view_if_needed()
    mark.click()
    page.locator(f'[data-panel-claim="{far.pk}"]').wait_for()
    assert page.locator(f'[data-card-for="{far.pk}"]').count() == 0
    assert len(held) == 1  # the rest of the cards is on its way
    held[0].continue_()
    _all_cards_in(page)
    page.locator(f'.claim-card.is-active [data-panel-claim="{far.pk}"]').wait_for()
    assert page.locator(f'[data-tick-for="{far.pk}"].v-misleading').count() == 1
