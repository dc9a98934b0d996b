"""Issue 15 in the browser: internal material stays with the newsroom (item 4), and the review
views honour their forms (a missing or malformed `version` changes nothing)."""

import re

import pytest
from django.urls import reverse

from factcheck.claims.models import Claim
from factcheck.claims.services import comment_add
from factcheck.reviews import services as wf
from factcheck.web.reading import NEWSROOM_ONLY
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def under_correction(article, reviewer, editor, editor2):
    """A published claim (verdict true) whose correction to false awaits review."""
    claim = make_claim(article, reviewer, "DeepSeek", claimant="OpenAI")
    wf.claim_submit(actor=reviewer, claim=claim)
    wf.claim_approve(actor=editor, claim=claim)
    wf.claim_publish(actor=editor2, claim=claim)
    comment_add(actor=editor, claim=claim, body="Internal: the desk doubts the source.")
    claim = Claim.objects.get(pk=claim.pk)
    return wf.claim_correct(actor=editor, claim=claim, verdict="false",
                            rationale="Working rationale.", note="Proposed fix.")  # fmt: skip


def test_a_reader_without_a_role_gets_no_claim_panel_of_a_published_claim(
    client, under_correction, outsider, reviewer
):
    client.force_login(outsider)
    response = client.get(reverse("reviews:claim_panel", args=[under_correction.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "desk doubts" not in html and "Working rationale" not in html
    assert NEWSROOM_ONLY.split(":")[0] in html
    client.force_login(reviewer)
    staff = client.get(reverse("reviews:claim_panel", args=[under_correction.pk]))
    assert staff.status_code == 200 and "desk doubts" in staff.content.decode()


def _card(html, pk):
    return re.search(rf'<li class="claim-card[^"]*" data-card-for="{pk}".*?</li>', html, re.S)[0]


def test_reading_cards_and_state_show_readers_the_published_verdict_and_status_only(
    client, under_correction, outsider, editor
):
    article = under_correction.article_id
    client.force_login(outsider)
    page = client.get(reverse("articles:detail", args=[article])).content.decode()
    state = client.get(reverse("articles:state", args=[article])).json()["html"]
    for html in (page, state["cards"]):
        card = _card(html, under_correction.pk)
        assert 'data-status="published"' in card and 'data-verdict="true"' in card, card
        assert "Submitted" not in card and 'data-verdict="false"' not in card
    assert "st-submitted" not in state["body"] and "v-false" not in state["body"]
    client.force_login(editor)  # the newsroom sees the working copy
    card = _card(client.get(reverse("articles:state", args=[article])).json()["html"]["cards"],
                 under_correction.pk)  # fmt: skip
    assert 'data-status="submitted"' in card and 'data-verdict="false"' in card


@pytest.mark.parametrize("version", [None, "", "abc", "0", "1e3"])
def test_a_workflow_action_with_a_missing_or_malformed_version_changes_nothing(
    client, article, reviewer, editor, version
):
    claim = wf.claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    client.force_login(editor)
    data = {"note": "Fine."} | ({} if version is None else {"version": version})
    response = client.post(reverse("reviews:claim_action", args=[claim.pk, "approve"]), data)
    assert response.status_code == 400
    assert response.json()["message"].startswith("version:")
    after = Claim.objects.get(pk=claim.pk)
    assert (after.status, after.version) == ("submitted", claim.version)


def test_a_reattach_without_a_version_changes_nothing(client, article, reviewer):
    claim = make_claim(article, reviewer)
    client.force_login(reviewer)
    start = article.current_revision.body.index("Nasdaq")
    response = client.post(reverse("reviews:claim_reattach", args=[claim.pk]),
                           {"start": start, "end": start + 6, "quote": "Nasdaq"})  # fmt: skip
    assert response.status_code == 400
    assert response.json()["message"].startswith("version:")
    assert Claim.objects.get(pk=claim.pk).quote == claim.quote
