"""User text cannot reorder the interface around it: every place that shows a claimant, a claim,
a quote, a title, a comment or a note wraps it in an isolating element (dir="auto" or <bdi>),
so an unclosed right-to-left override (U+202E) stops at the end of that element.
Also: audit statuses read as words, and counts say what they count."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from factcheck.claims.services import comment_add, evidence_add
from factcheck.reviews.services import claim_approve, claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

RLO = "\u202e"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
SELF_CONTAINED = {"title", "textarea", "script", "option"}  # not laid out in the page's text


class IsolationAudit(HTMLParser):
    """Collects every run of page text holding U+202E that no isolating ancestor contains."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.leaks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            isolating = tag in {"bdi", *SELF_CONTAINED} or "dir" in dict(attrs)
            self.stack.append((tag, isolating))

    def handle_endtag(self, tag):
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data):
        if RLO in data and not any(isolating for _, isolating in self.stack):
            self.leaks.append(f"{data.strip()!r} inside {[t for t, _ in self.stack][-4:]}")


def leaks(html: str) -> list[str]:
    audit = IsolationAudit()
    audit.feed(html)
    return audit.leaks


@pytest.fixture
def hostile(reviewer, editor, editor2):
    article = ArticleFactory(actor=editor, title=f"Budget {RLO}story", publisher=f"Daily {RLO}Post")
    claim = make_claim(article, reviewer, claimant=f"Minister {RLO}Smith",
                       claim_text=f"The deficit {RLO}halved", rationale=f"Figures {RLO}differ.",
                       evidence=0)  # fmt: skip
    evidence_add(actor=reviewer, claim=claim, url="https://example.org/a", title=f"Report {RLO}A",
                 publisher=f"Office {RLO}B", excerpt=f"Excerpt {RLO}C")  # fmt: skip
    comment_add(actor=reviewer, claim=claim, body=f"Check {RLO}this")
    claim_submit(actor=reviewer, claim=claim)
    return article, claim


def test_reading_view_panel_and_cards_isolate_every_user_string(client, hostile, editor):
    article, claim = hostile
    client.force_login(editor)
    page = client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    panel = client.get(reverse("reviews:claim_panel", args=[claim.pk])).content.decode()
    assert page.count(RLO) >= 2 and panel.count(RLO) >= 6
    assert leaks(page) == [] and leaks(panel) == []


def test_queue_and_report_isolate_every_user_string(client, hostile, editor, editor2):
    article, claim = hostile
    client.force_login(editor)
    queue = client.get(reverse("reviews:queue")).content.decode()
    assert queue.count(RLO) >= 4 and leaks(queue) == []
    claim_approve(actor=editor2, claim=claim)
    report = client.get(reverse("reports:report", args=[article.pk])).content.decode()
    assert report.count(RLO) >= 5 and leaks(report) == []
    assert "(1 approved, not yet published)" in report


def test_history_shows_status_names_not_codes_and_queue_counts_submitted_claims(
    client, hostile, editor
):
    _, claim = hostile
    client.force_login(editor)
    panel = client.get(reverse("reviews:claim_panel", args=[claim.pk])).content.decode()
    assert "Draft → Submitted" in panel and "draft → submitted" not in panel
    queue = client.get(reverse("reviews:queue")).content.decode()
    assert "<span data-queue-count" in queue and "1 submitted claim</span>" in queue
