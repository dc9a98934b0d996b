"""The reading view's claim cards are built in Python (web.fragments.cards_html) for speed:
they must be the markup the template loop produced, and `_cut` must be `truncatechars`."""

import html
import re

import pytest
from django.template import Context, Template
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.articles.text.diff import word_diff
from factcheck.claims.models import AnchorState, Claim
from factcheck.claims.selectors import article_claim_cards, claim_base_queryset
from factcheck.web import fragments
from factcheck.web.diff import diff_html
from factcheck.web.fragments import _cut, cards_html, plain_rationale
from tests.factories import ArticleFactory, make_claim

# The loop of templates/claims/_cards.html before the cards moved to Python (with the
# imported-claim line, the author's id and the claimant's class added since; the rationale's
# start, for hover cards, is tested on its own below).
OLD_LOOP = """{% for claim in card_claims %}
  <li class="claim-card {% if claim.status == "retracted" %}v-retracted{% elif claim.verdict_id %}v-{{ claim.verdict.slug }}{% else %}v-none{% endif %} st-{{ claim.status }}"
      data-card-for="{{ claim.pk }}" data-status="{{ claim.status }}" data-verdict="{% if claim.verdict_id %}{{ claim.verdict.slug }}{% else %}none{% endif %}" data-author="{{ claim.author_id }}">
    <button type="button" class="card-button" data-open-claim="{{ claim.pk }}" aria-label="Claim {{ forloop.counter }}: {{ claim.claim_text|truncatechars:80 }}">
      <span class="card-top">
        {% include "claims/_verdict_badge.html" %}
        <span class="pill st-{{ claim.status }}">{{ claim.get_status_display }}</span>
        {% if claim.anchor_state == "fuzzy" %}<span class="pill anchor-fuzzy" title="The article was revised and this claim's words changed">Text changed</span>{% elif claim.anchor_state == "moved" %}<span class="pill anchor-moved" title="The article was revised and this claim's words moved">Moved</span>{% endif %}
      </span>
      {% if claim.quote_change %}<span class="card-quote card-change" data-text-changed><span class="visually-hidden">The revision changed the quoted words (removed words struck out, added words marked): </span><bdi>“{{ claim.quote_change }}”</bdi></span>
      {% else %}<span class="card-quote" dir="auto">“{{ claim.quote|truncatechars:160 }}”</span>{% endif %}
      <span class="card-meta">
        {% if claim.claimant %}<span class="card-claimant">Claimant: <bdi>{{ claim.claimant }}</bdi></span>{% endif %}
        <span>By {{ claim.author.display_name }}</span>
        {% if claim.original_creator %}<span>Imported, originally by <bdi>{{ claim.original_creator }}</bdi></span>{% endif %}
        <span>{{ claim.live_evidence|length }} source{{ claim.live_evidence|length|pluralize }}</span>
      </span>
    </button>
  </li>
  {% endfor %}"""  # noqa: E501


def _normalised(html: str) -> str:
    html = re.sub(r' data-rationale="[^"]*"', "", str(html))
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


BODY = (
    "Plain words <b>&amp; “quotes” here. " * 8
    + "\n\nCafe\u0301 with combining marks and 🇺🇦 flags. " * 6
)


@pytest.mark.django_db
def test_cards_are_the_template_loops_markup(editor, reviewer, reviewer2):
    reviewer2.first_name, reviewer2.last_name = "Zoë", "O'Brien"
    reviewer2.save()
    article = ArticleFactory(actor=editor, body=BODY)
    long_quote = article.current_revision.body[:170]
    make_claim(article, reviewer, long_quote, claimant="<script>x</script> & co")
    make_claim(article, reviewer2, "with combining marks and 🇺🇦 flags.", verdict=None, evidence=0,
               claim_text="Cafe\u0301 " * 30)  # fmt: skip
    fuzzy = make_claim(article, reviewer, "“quotes”", evidence=2)
    Claim.objects.filter(pk=fuzzy.pk).update(anchor_state=AnchorState.FUZZY,
                                             previous_quote="“quoted”")  # fmt: skip
    moved = make_claim(article, reviewer, "Plain words", occurrence=3)
    Claim.objects.filter(pk=moved.pk).update(anchor_state=AnchorState.MOVED)

    claims = list(claim_base_queryset().filter(article=article).order_by("start", "-end", "id"))
    for claim in claims:
        if claim.anchor_state == AnchorState.FUZZY:
            claim.quote_change = diff_html(word_diff(claim.previous_quote, claim.quote))
    old = Template(OLD_LOOP).render(Context({"card_claims": claims}))

    cards = article_claim_cards(user=editor, article=article)
    changes = {c.pk: c.quote_change for c in claims if getattr(c, "quote_change", None)}
    assert [c.pk for c in cards] == [c.pk for c in claims]
    assert _normalised(cards_html(cards, changes)) == _normalised(old)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200),
    length=st.integers(min_value=1, max_value=170),
)
def test_cut_is_truncatechars(text, length):
    assert _cut(text, length, "…") == truncatechars(text, length)


@pytest.mark.parametrize("text", ["e\u0301" * 100, "🇺🇦" * 90, "a" * 81, "a" * 80, "é" * 200])
def test_cut_is_truncatechars_on_marks_and_emoji(text):
    assert _cut(text, 80, "…") == truncatechars(text, 80)


@pytest.mark.django_db
def test_a_card_carries_the_start_of_its_rationale_as_escaped_plain_text(editor, reviewer):
    article = ArticleFactory(actor=editor, body=BODY)
    markdown = (
        '**Filings** show "<script>alert(1)</script>" & [the report](https://x.example/a) says '
        "snake_case 2*3. " + "More words follow here. " * 20
    )
    make_claim(article, reviewer, "Plain words", rationale=markdown)
    (card,) = article_claim_cards(user=editor, article=article)
    (value,) = re.findall(r'data-rationale="([^"]*)"', cards_html([card], {}))
    assert value.startswith(
        "Filings show &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; &amp; the report says "
        "snake_case 2*3. More words"
    )
    assert html.unescape(value).endswith("…")
    assert len(html.unescape(value)) == 140


# The definition plain_rationale was written from: one pass of one expression (its faster form
# splits it into expressions that each start with a literal or a character class).
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(
    r"(?<!\w)[*_~]+|[*_~]+(?!\w)|`+|^[ \t]{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])[ \t]+", re.M
)


@settings(max_examples=2000, deadline=None)
@given(
    text=st.lists(
        st.sampled_from([*"ab1 _*~`#>-+.)\n\t[]()!é", "12", "   ", "[x](y)", "![z](w)"]),
        max_size=30,
    ).map("".join)
)
def test_plain_rationale_is_its_one_pass_definition(text):
    assert plain_rationale(text) == " ".join(_MARKS.sub("", _LINK.sub(r"\1", text)).split())


# ---- a long list of cards comes in two parts (fragments.DEFER_CARDS_FROM) --------------------


@pytest.fixture
def many_cards(monkeypatch, editor, reviewer):
    monkeypatch.setattr(fragments, "CARDS_PER_LIST", 4)
    monkeypatch.setattr(fragments, "DEFER_CARDS_FROM", 10)
    monkeypatch.setattr(fragments, "INITIAL_CARDS", 8)
    body = " ".join(f"Claim number {n:02d} was checked." for n in range(12))
    article = ArticleFactory(actor=editor, body=body)
    for n in range(12):
        make_claim(article, reviewer, f"number {n:02d}", evidence=0)
    return article


def _card_numbers(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'aria-label="Claim (\d+):', page)]


@pytest.mark.django_db
def test_a_long_list_of_cards_leaves_the_rest_to_a_second_request(client, editor, many_cards):
    # one claim re-anchored fuzzily on the page, one in the rest: each card shows its changed words
    claims = list(many_cards.claims.order_by("start"))
    for claim in (claims[1], claims[9]):
        Claim.objects.filter(pk=claim.pk).update(
            anchor_state=AnchorState.FUZZY, previous_quote=claim.quote.replace("number", "No.")
        )
    client.force_login(editor)
    page = client.get(reverse("articles:detail", args=[many_cards.pk])).content.decode()
    assert _card_numbers(page) == list(range(1, 9))
    assert page.count('<ol class="card-list" start=') == 2
    rest_url = reverse("articles:cards", args=[many_cards.pk])
    assert f'data-cards-rest="{rest_url}?from=8" data-cards-total="12"' in page
    assert '<a href="?cards=all">Show all claims</a>' in page  # without JavaScript

    rest = re.findall(r"<ol .*?</ol>", client.get(f"{rest_url}?from=8").content.decode(), re.S)
    assert [_card_numbers(html) for html in rest] == [[9, 10, 11, 12]]
    assert rest[0].startswith('<ol class="card-list" start="9">')
    whole = client.get(reverse("articles:detail", args=[many_cards.pk]), {"cards": "all"})
    whole = whole.content.decode()
    assert _card_numbers(whole) == list(range(1, 13))
    assert "data-cards-rest" not in whole
    # the rest is the cards of the whole page past the first ones, as it shows them
    rest_cards = re.findall(r"<li .*?</li>", rest[0], re.S)
    assert len(rest_cards) == 4
    assert all(card in whole for card in rest_cards)
    assert "<del>No." in rest_cards[1] and "<ins>number" in rest_cards[1]  # card 10
    page_cards = re.findall(r"<li class=\"claim-card.*?</li>", page, re.S)
    assert "<del>No." in page_cards[1] and "<ins>number" in page_cards[1]  # card 2
    assert sum("<del>" in card for card in page_cards) == 1


@pytest.mark.django_db
def test_the_rest_of_the_cards_needs_the_article_to_be_visible(client, many_cards):
    url = reverse("articles:cards", args=[many_cards.pk])
    assert client.get(url).status_code == 302  # signed out: to the sign-in page
