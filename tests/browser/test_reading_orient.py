"""The reading view orients (issue 11, items 1, 4, 5): a card click scrolls the text to its
claim even with smooth scrolling; legend, hover cards, margin markers, a sidebar that follows
the text with search / status / verdict / mine filters and counts; on phone a bottom sheet
instead of the jump to the list, and touch selections that offer "Check this claim"."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from factcheck.articles.services import article_assign
from factcheck.claims.services import claim_create, claim_update
from factcheck.reviews.services import claim_approve, claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FILLER = (
    "Paragraph {n}: the committee heard evidence from analysts, economists and officials about "
    "the budget, the deficit and the long-term outlook for public services in the region."
)
CLAIMS = {
    "early": "The unemployment rate fell to 3.1% last year",
    "middle": "exports grew by 12% in the first quarter",
    "late": "the minister promised 40,000 new homes by 2030",
}


def _body() -> str:
    paragraphs = [FILLER.format(n=n) for n in range(60)]
    paragraphs[1] = f"{CLAIMS['early']}, the report said."
    paragraphs[30] = f"Officials added that {CLAIMS['middle']}."
    paragraphs[58] = f"In a speech, {CLAIMS['late']}."
    return "\n\n".join(paragraphs)


@pytest.fixture
def long_read(reviewer, reviewer2, editor, editor2):
    article = ArticleFactory(actor=editor, title="Budget hearing", body=_body())
    article_assign(actor=editor, article=article, assignees=[reviewer, reviewer2])
    early = make_claim(article, reviewer, CLAIMS["early"], claimant="Statistics office",
                       verdict="true", rationale="The **official** series shows 3.1%.")  # fmt: skip
    middle = make_claim(article, reviewer2, CLAIMS["middle"], claimant="Trade ministry",
                        verdict="misleading",
                        rationale="Seasonally adjusted it was 4%.")  # fmt: skip
    late = make_claim(article, reviewer, CLAIMS["late"], claimant="Housing minister",
                      verdict="false", rationale="The plan funds 12,000 homes.")  # fmt: skip
    claim_submit(actor=reviewer2, claim=middle)
    claim_submit(actor=reviewer, claim=late)
    claim_approve(actor=editor2, claim=late)
    return {"article": article, "early": early, "middle": middle, "late": late}


def open_page(ui, width=1440, height=900, *, phone=False, motion=False):
    """A page like ui.new_page, optionally with smooth scrolling on or as a touch phone."""
    options = {"base_url": ui.base_url, "viewport": {"width": width, "height": height},
               "reduced_motion": "no-preference" if motion else "reduce"}  # fmt: skip
    if phone:
        options |= {"has_touch": True, "is_mobile": True, "device_scale_factor": 2}
    context = ui.browser.new_context(**options)
    ui.contexts.append(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda m: m.type == "error" and ui.errors.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: ui.errors.append(f"pageerror: {e}"))
    return page


IN_VIEW_JS = """([selector, marginTop]) => {
  const el = document.querySelector(selector);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  return r.top >= marginTop && r.bottom <= window.innerHeight;
}"""


def in_view(page, selector: str, margin_top: int = 0) -> bool:
    return page.evaluate(IN_VIEW_JS, [selector, margin_top])


# Resolves once neither the window nor the sidebar has scrolled for 30 animation frames.
SETTLED_JS = """() => new Promise((resolve) => {
  const side = document.querySelector('.reading-side');
  let last = '', still = 0;
  function tick() {
    const now = `${window.scrollY}:${side.scrollTop}`;
    still = now === last ? still + 1 : 0;
    last = now;
    if (still >= 30) resolve(true); else requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})"""


def settle(page) -> None:
    page.evaluate(SETTLED_JS)


def test_a_card_click_scrolls_the_text_to_its_claim_with_smooth_scrolling(ui, long_read):
    article, late = long_read["article"], long_read["late"]
    page = open_page(ui, motion=True)
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{article.pk}/")
    mark = f'[data-article-body] mark[data-claim-ids~="{late.pk}"]'
    assert not in_view(page, mark)
    page.locator(f'[data-open-claim="{late.pk}"]').click()
    page.locator(f'[data-panel-claim="{late.pk}"]').wait_for()
    # both smooth scrolls finish: the text in the window, the opened card in the sidebar
    page.wait_for_function(IN_VIEW_JS, arg=[mark, 56])
    page.wait_for_function(IN_VIEW_JS, arg=["#panel-title", 56])
    settle(page)  # and nothing scrolls them away afterwards
    assert in_view(page, mark, 56)
    assert in_view(page, "#panel-title", 56)
    assert page.locator(f"{mark}.is-active").count() == 1
    ui.shot(page, "orient-card-click-1440")


# ---- legend, hover cards, margin markers (desktop) -------------------------------------------


def test_the_legend_explains_colours_and_underlines(ui, long_read):
    page = open_page(ui)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{long_read['article'].pk}/")
    legend = page.locator("[data-legend]")
    legend.locator("summary").click()
    verdicts = legend.locator("#legend-verdicts + .legend-list li").all_inner_texts()
    assert [v.strip() for v in verdicts[:5]] == ["True", "Mostly true", "Half true",
                                                 "Mostly false", "False"]  # fmt: skip
    assert "No verdict yet" in verdicts[-1]
    samples = legend.locator("mark.legend-hl")
    styles = samples.evaluate_all(
        "els => els.map(e => [e.textContent, getComputedStyle(e).borderBottomStyle])"
    )
    assert dict(styles) == {"Draft": "dashed", "changes requested": "dashed",
                            "Submitted": "dotted", "Approved": "none", "Published": "none",
                            "Retracted": "solid"}  # fmt: skip
    # a real draft highlight in the text has the underline its legend sample shows
    early = long_read["early"]
    assert (
        page.locator(f'mark[data-claim-ids~="{early.pk}"]').evaluate(
            "e => getComputedStyle(e).borderBottomStyle"
        )
        == "dashed"
    )
    ui.shot(page, "orient-legend-1440")


def test_hovering_a_highlight_shows_its_claim_and_keyboard_focus_does_too(ui, long_read):
    article, middle = long_read["article"], long_read["middle"]
    page = open_page(ui)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{article.pk}/")
    hover = page.locator("[data-hover-card]")
    mark = page.locator(f'[data-article-body] mark[data-claim-ids~="{middle.pk}"]')
    mark.scroll_into_view_if_needed()
    mark.hover()
    hover.wait_for(state="visible")
    text = hover.inner_text()
    for expected in ("Misleading", "Submitted", "Trade ministry", "Seasonally adjusted it was 4%."):
        assert expected in text
    box, card = mark.bounding_box(), hover.bounding_box()
    assert card["y"] >= box["y"] + box["height"]  # under the highlight, not over it
    ui.shot(page, "orient-hover-card-1440")
    page.mouse.move(5, 500)  # away
    hover.wait_for(state="hidden")
    # pointing at a card lights up its words in the text
    page.locator(f'[data-open-claim="{middle.pk}"]').hover()
    assert mark.evaluate("e => e.classList.contains('is-lit')")
    page.mouse.move(5, 500)
    assert not mark.evaluate("e => e.classList.contains('is-lit')")

    # keyboard only: j reaches the first card, its hover card shows at the text; Enter opens
    page.locator("#article-title").click()
    page.keyboard.press("j")
    hover.wait_for(state="visible")
    assert "Statistics office" in hover.inner_text()
    assert "The official series shows 3.1%." in hover.inner_text()  # Markdown marks dropped
    page.keyboard.press("j")
    page.wait_for_function("(t) => document.querySelector('[data-hover-card]').innerText"
                           ".includes(t)", arg="Trade ministry")  # fmt: skip
    page.keyboard.press("Enter")
    page.locator(f'[data-panel-claim="{middle.pk}"]').wait_for()
    assert hover.is_hidden()
    page.keyboard.press("Escape")
    page.locator("[data-claim-panel]").wait_for(state="hidden")
    assert page.evaluate("document.activeElement.dataset.openClaim") == str(middle.pk)


def test_hover_cards_show_names_and_rationales_as_text(ui, long_read, reviewer):
    early = long_read["early"]
    claim_update(actor=reviewer, claim=early, version=early.version,
                 claimant='<img src=x onerror="window.pwned=1">',
                 rationale="<script>window.pwned=2</script> **bold**")  # fmt: skip
    page = open_page(ui)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{long_read['article'].pk}/")
    page.locator(f'[data-article-body] mark[data-claim-ids~="{early.pk}"]').hover()
    hover = page.locator("[data-hover-card]")
    hover.wait_for(state="visible")
    assert '<img src=x onerror="window.pwned=1">' in hover.inner_text()
    assert "<script>window.pwned=2</script> bold" in hover.inner_text()
    assert hover.locator("img, script").count() == 0
    assert page.evaluate("window.pwned") is None


def test_margin_markers_place_a_tick_per_claim_and_open_it(ui, long_read):
    article, early, middle, late = (long_read[k] for k in ("article", "early", "middle", "late"))
    page = open_page(ui)
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{article.pk}/")
    ticks = page.locator("[data-marker-bar] [data-tick-for]")
    assert ticks.count() == 3
    tops = {
        int(t["id"]): t["top"]
        for t in ticks.evaluate_all(
            "els => els.map(e => ({id: e.dataset.tickFor, top: e.getBoundingClientRect().top}))"
        )
    }
    assert tops[early.pk] < tops[middle.pk] < tops[late.pk]
    # at its place: the middle claim (paragraph 31 of 60) is about half-way down the bar
    bar = page.locator("[data-marker-bar]").bounding_box()
    assert 0.4 < (tops[middle.pk] - bar["y"]) / bar["height"] < 0.6
    # coloured by verdict (the class that carries the verdict colour) and never by status
    colours = dict(ticks.evaluate_all("els => els.map(e => [e.dataset.tickFor, "
                                      "getComputedStyle(e).backgroundColor])"))  # fmt: skip
    assert len(set(colours.values())) == 3
    assert page.locator(f'[data-tick-for="{late.pk}"].v-false').count() == 1
    assert page.locator(f'[data-tick-for="{middle.pk}"].v-misleading').count() == 1

    view_top = page.locator("[data-marker-view]").evaluate("e => e.getBoundingClientRect().top")
    page.locator(f'[data-tick-for="{late.pk}"]').click()
    page.locator(f'[data-panel-claim="{late.pk}"]').wait_for()
    mark = f'[data-article-body] mark[data-claim-ids~="{late.pk}"]'
    page.wait_for_function(IN_VIEW_JS, arg=[mark, 56])
    assert page.locator(f'[data-tick-for="{late.pk}"].is-active').count() == 1
    settle(page)
    # the bar's window on the article moved down with the text
    assert page.locator("[data-marker-view]").evaluate(
        "e => e.getBoundingClientRect().top") > view_top + bar["height"] / 2  # fmt: skip
    ui.shot(page, "orient-markers-1440")


# ---- a sidebar for 240 claims: follows the text, search, filters, counts ---------------------

CLAIMANTS = ["Minister Ames", "Senator Brook", "Mayor Chen", "Union of Dockers"]
VERDICTS = ["true", "false", "misleading", None]


@pytest.fixture
def crowded(reviewer, reviewer2, editor):
    paragraphs = [
        f"Speaker {i} told the hearing that the figure for district {i:03d} was {i * 3} percent. "
        + FILLER.format(n=i)
        for i in range(240)
    ]
    article = ArticleFactory(actor=editor, title="Every district, checked",
                             body="\n\n".join(paragraphs))  # fmt: skip
    article_assign(actor=editor, article=article, assignees=[reviewer, reviewer2])
    body = article.current_revision.body
    for i in range(240):
        quote = f"the figure for district {i:03d} was {i * 3} percent"
        start = body.index(quote)
        evidence = [{"url": f"https://stats.example.org/{i}", "title": "Table"}]
        claim = claim_create(actor=reviewer if i % 3 else reviewer2, article=article, start=start,
                             end=start + len(quote), quote=quote, claimant=CLAIMANTS[i % 4],
                             verdict=VERDICTS[i % 4], rationale=f"Checked district {i:03d}.",
                             evidence=evidence)  # fmt: skip
        if i % 10 == 0 and claim.verdict_id:
            claim_submit(actor=claim.author, claim=claim)
    return article


# Is one of the elements wholly visible in the sidebar, below its sticky header?
VISIBLE_IN_SIDE_JS = """(selector) => {
  const side = document.querySelector('.reading-side');
  const header = side.querySelector('.side-header').getBoundingClientRect();
  const box = side.getBoundingClientRect();
  return [...document.querySelectorAll(selector)].some((card) => {
    const r = card.getBoundingClientRect();
    return r.height > 0 && r.top >= header.bottom - 1 && r.bottom <= box.bottom + 1;
  });
}"""


def wait_count(page, text: str) -> None:
    page.wait_for_function(
        "(t) => document.querySelector('[data-filter-count]').innerText === t", arg=text
    )


def test_the_sidebar_follows_the_text_and_filters_240_claims(ui, crowded):
    page = open_page(ui)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{crowded.pk}/")
    count = page.locator("[data-filter-count]")
    assert count.inner_text() == "240 claims"
    assert page.locator("[data-marker-bar] [data-tick-for]").count() == 240

    # reading on: the cards of the claims in view are marked and brought into the sidebar
    page.mouse.move(300, 500)  # over the text, not the sidebar
    target = page.locator("[data-article-body] mark").nth(180)
    target.evaluate("e => window.scrollTo(0, e.getBoundingClientRect().top + scrollY - 300)")
    claim_id = target.get_attribute("data-claim-id")
    page.locator(f'[data-card-for="{claim_id}"].is-in-view').wait_for()
    page.wait_for_function(VISIBLE_IN_SIDE_JS, arg=".claim-card.is-in-view")
    in_view = page.locator(".claim-card.is-in-view").evaluate_all(
        "els => els.map(e => e.dataset.cardFor)")  # fmt: skip
    assert claim_id in in_view and len(in_view) < 20
    assert page.locator("[data-card-for].is-in-view").first.get_attribute("data-card-for") != (
        page.locator("[data-card-for]").first.get_attribute("data-card-for")
    )
    ui.shot(page, "orient-sidebar-follows-1440")

    # search: words of the card, the claimant, the rationale; accents and case do not matter
    search = page.locator("#filter-q")
    page.keyboard.press("/")  # the site-wide "search" key focuses the sidebar's search
    assert page.evaluate("document.activeElement.id") == "filter-q"
    search.fill("senator BROOK")
    wait_count(page, "60 of 240 claims")
    assert page.locator("[data-card-for]:not([hidden])").count() == 60
    assert page.locator("[data-tick-for].is-filtered-out").count() == 180
    search.fill("checked district 007")  # the rationale
    wait_count(page, "1 of 240 claims")
    search.press("Escape")  # clears the search first
    wait_count(page, "240 claims")

    # status and verdict options count what they would show; "only mine" is the signed-in author
    options = page.locator("#filter-status option").all_inner_texts()
    assert "Submitted (24)" in options and "Draft (216)" in options
    page.locator("#filter-verdict").select_option("misleading")
    assert count.inner_text() == "60 of 240 claims"
    assert "Submitted (12)" in page.locator("#filter-status option").all_inner_texts()
    page.get_by_label("Only mine").check()
    assert count.inner_text() == "40 of 240 claims"  # reviewer wrote 2 of every 3
    assert page.locator("[data-mine-label]").inner_text() == "Only mine (40)"
    authors = set(
        page.locator("[data-card-for]:not([hidden])").evaluate_all(
            "els => els.map(e => e.querySelector('.card-meta').innerText.match(/By (\\S+)/)[1])"
        )
    )
    assert authors == {"reviewer"}
    ui.shot(page, "orient-sidebar-filters-1440")


# ---- phone (375 px, touch) -------------------------------------------------------------------

SHEET_STATE_JS = """(selector) => {
  const sheet = document.querySelector('[data-claim-sheet]');
  const list = document.querySelector('[data-claims-list]').getBoundingClientRect();
  const mark = document.querySelector(selector).getBoundingClientRect();
  return {sheetTop: sheet.hidden ? null : sheet.getBoundingClientRect().top,
          listTop: list.top, markTop: mark.top, markBottom: mark.bottom,
          height: window.innerHeight, scrollY: window.scrollY};
}"""

# Select body code points [start, end) the way a touch selection ends: no mouse, no key.
SELECT_JS = """([start, end]) => {
  const body = document.querySelector('[data-article-body]');
  function locate(cp) {
    for (const piece of body.querySelectorAll('[data-start]')) {
      const s = Number(piece.dataset.start), e = Number(piece.dataset.end);
      if (cp >= s && cp <= e) {
        const node = piece.firstChild;
        return [node, Array.from(node.data).slice(0, cp - s).join('').length];
      }
    }
  }
  const [a, ao] = locate(start), [b, bo] = locate(end);
  a.parentElement.scrollIntoView({block: 'center', behavior: 'instant'});
  getSelection().setBaseAndExtent(a, ao, b, bo);
}"""


def test_phone_tapping_a_highlight_opens_a_bottom_sheet_not_the_list(ui, long_read):
    article, middle, late = long_read["article"], long_read["middle"], long_read["late"]
    page = open_page(ui, 375, 812, phone=True)
    ui.sign_in(page, "editor")
    page.goto(f"/articles/{article.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    mark = f'[data-article-body] mark[data-claim-ids~="{middle.pk}"]'
    page.locator(mark).scroll_into_view_if_needed()
    before = page.evaluate(SHEET_STATE_JS, mark)
    page.locator(mark).tap()
    page.locator(f'[data-claim-sheet] [data-panel-claim="{middle.pk}"]').wait_for()
    settle(page)
    state = page.evaluate(SHEET_STATE_JS, mark)
    assert state["listTop"] > state["height"]  # the list is still far below: no jump
    assert abs(state["scrollY"] - before["scrollY"]) < state["height"]
    assert state["sheetTop"] is not None and state["markBottom"] <= state["sheetTop"]
    assert state["markTop"] >= 0  # the claim's words stay visible above the sheet
    assert page.locator("[data-claim-sheet]").locator("text=Trade ministry").count() >= 1
    assert page.locator("[data-hover-card]").is_hidden()  # a tap is not a hover
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    ui.shot(page, "orient-sheet-375")

    page.locator('[data-claim-sheet] [data-action="close-panel"]').tap()
    page.locator("[data-claim-sheet]").wait_for(state="hidden")
    settle(page)
    after = page.evaluate(SHEET_STATE_JS, mark)
    assert after["listTop"] > after["height"]  # closing does not jump to the card either
    assert page.evaluate("document.activeElement.matches('mark')")

    # a card in the list opens the sheet too, and the text scrolls up to its claim
    page.locator(f'[data-open-claim="{late.pk}"]').tap()
    page.locator(f'[data-claim-sheet] [data-panel-claim="{late.pk}"]').wait_for()
    settle(page)
    state = page.evaluate(SHEET_STATE_JS, f'mark[data-claim-ids~="{late.pk}"]')
    assert state["markTop"] >= 0 and state["markBottom"] <= state["sheetTop"]


def test_phone_touch_selection_shows_check_this_claim(ui, long_read):
    article = long_read["article"]
    body = article.current_revision.body
    phrase = "the long-term outlook for public services"
    start = body.index(phrase, body.index("Paragraph 20"))
    page = open_page(ui, 375, 812, phone=True)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{article.pk}/")
    button = page.locator('[data-action="check-claim"]')
    page.evaluate(SELECT_JS, [start, start + len(phrase)])  # no mouseup, no keyup
    button.wait_for(state="visible")
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    ui.shot(page, "orient-touch-check-375")
    button.tap()
    form = page.locator("[data-claim-sheet] [data-claim-form]")
    form.wait_for()
    assert form.locator('input[name="quote"]').input_value() == phrase
    assert form.locator('input[name="start"]').input_value() == str(start)
    page.evaluate("getSelection().removeAllRanges()")
    ui.shot(page, "orient-touch-form-375")


# ---- accessibility of the new pieces --------------------------------------------------------


def serious_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations
            if v["impact"] in ("serious", "critical")]  # fmt: skip


def test_legend_hover_card_filters_and_sheet_pass_an_axe_scan(ui, long_read):
    article, middle = long_read["article"], long_read["middle"]
    page = open_page(ui)
    ui.sign_in(page, "reviewer")
    page.goto(f"/articles/{article.pk}/")
    page.locator("[data-legend] summary").click()
    page.locator("#filter-q").fill("ministry")
    page.get_by_label("Only mine").check()
    mark = page.locator(f'[data-article-body] mark[data-claim-ids~="{middle.pk}"]')
    mark.scroll_into_view_if_needed()
    page.get_by_label("Only mine").uncheck()
    mark.hover()
    page.locator("[data-hover-card]").wait_for(state="visible")
    assert serious_violations(page) == []

    phone = open_page(ui, 375, 812, phone=True)
    ui.sign_in(phone, "reviewer")
    phone.goto(f"/articles/{article.pk}/")
    phone.locator(f'[data-article-body] mark[data-claim-ids~="{middle.pk}"]').tap()
    phone.locator("[data-claim-sheet] [data-panel-claim]").wait_for()
    assert serious_violations(phone) == []
