"""Pages of the browser UI render for each role, escape hostile text and refuse what they must."""

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim, ClaimStatus
from factcheck.reviews.permissions import FOUR_EYES
from factcheck.reviews.services import claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(reverse("articles:list"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_sign_in_page_has_labelled_fields(client):
    html = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">' in html and '<label for="id_password">' in html


def test_article_list_shows_claim_counts_per_status(client, reviewer, article):
    make_claim(article, reviewer)
    client.force_login(reviewer)
    response = client.get(reverse("articles:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert article.title in html
    assert "draft" in html


def test_article_list_filters_by_search_and_assignment(client, reviewer, editor):
    ArticleFactory(actor=editor, title="Budget deficit story")
    other = ArticleFactory(actor=editor, title="Weather report")
    other.assignees.add(reviewer)
    client.force_login(reviewer)
    html = client.get(reverse("articles:list"), {"q": "deficit"}).content.decode()
    assert "Budget deficit story" in html
    assert "Weather report" not in html
    html = client.get(reverse("articles:list"), {"mine": "on"}).content.decode()
    assert "Weather report" in html
    assert "Budget deficit story" not in html


def test_reading_view_marks_every_claim_in_the_body(client, reviewer, article):
    claim = make_claim(article, reviewer)
    client.force_login(reviewer)
    html = client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    assert "data-article-body" in html
    assert f'data-claim-id="{claim.pk}"' in html
    assert f'data-card-for="{claim.pk}"' in html


def test_hostile_claimant_and_article_text_are_shown_as_text(client, reviewer, editor):
    article = ArticleFactory(actor=editor, title=HOSTILE, body=f"Intro {HOSTILE} and more text.")
    make_claim(article, reviewer, phrase="and more", claimant=HOSTILE, rationale=HOSTILE)
    client.force_login(reviewer)
    for url in (reverse("articles:detail", args=[article.pk]), reverse("articles:list")):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert HOSTILE not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    claim = Claim.objects.get(article=article)
    response = client.get(reverse("reviews:claim_panel", args=[claim.pk]))
    assert response.status_code == 200
    assert HOSTILE not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_reviewer_does_not_see_the_review_queue(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("reviews:queue")).status_code == 403


def test_editor_sees_own_submitted_claim_in_queue_without_approve_button(client, editor, article):
    claim = make_claim(article, editor)
    claim_submit(actor=editor, claim=claim)
    client.force_login(editor)
    html = client.get(reverse("reviews:queue")).content.decode()
    assert f'data-queue-item="{claim.pk}"' in html
    assert 'data-action="approve"' not in html


def test_forged_approve_of_own_claim_is_refused_and_changes_nothing(client, editor, article):
    claim = make_claim(article, editor)
    claim = claim_submit(actor=editor, claim=claim)
    client.force_login(editor)
    url = reverse("reviews:claim_action", args=[claim.pk, "approve"])
    response = client.post(url, {"version": claim.version})
    assert response.status_code == 403
    assert response.json()["message"] == FOUR_EYES.format(verb="approve")
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    assert not claim.events.filter(action="approve").exists()


def test_a_retracted_claim_shows_retracted_instead_of_its_verdict(
    client, reviewer, editor, article
):
    """The reading view's card, its highlight and the claim panel drop the withdrawn verdict."""
    import re

    from factcheck.reviews.services import claim_retract

    claim = make_claim(article, reviewer, verdict="false")
    claim_retract(actor=editor, claim=claim, note="Misattributed quote.")
    client.force_login(editor)
    html = client.get(reverse("articles:detail", args=[article.pk])).content.decode()
    card = re.search(
        rf'<li class="claim-card[^"]*"\s+data-card-for="{claim.pk}".*?</li>', html, re.S
    )
    assert card, "the retracted claim still has its card"
    assert "v-retracted" in card.group(0) and "v-false" not in card.group(0)
    assert '<span class="verdict-badge v-retracted">Retracted</span>' in card.group(0)
    assert ">False</span>" not in card.group(0)
    mark = re.search(rf'<mark[^>]*data-claim-id="{claim.pk}"[^>]*>', html) or re.search(
        rf'<[^>]*data-claim-id="{claim.pk}"[^>]*>', html
    )
    assert mark and "v-false" not in mark.group(0)
    panel = client.get(reverse("reviews:claim_panel", args=[claim.pk])).content.decode()
    assert '<span class="verdict-badge v-retracted">Retracted</span>' in panel
    assert "verdict-badge v-false" not in panel
