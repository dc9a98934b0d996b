"""Revise text shows, before saving, which claims the new text would move, change, orphan or
send back to review, through the same re-anchoring as the save (issue 11, item 8)."""

import pytest
from django.urls import reverse

from factcheck.articles.services import article_create
from factcheck.claims.models import Claim, ReviewEvent
from factcheck.reviews.selectors import revision_preview
from factcheck.reviews.services import claim_approve, claim_submit
from tests.factories import make_claim

pytestmark = pytest.mark.django_db

DELETED = "The Nasdaq fell 3% on Monday, its worst day since 2022."
REWORDED = "Nvidia lost nearly $600 billion in market value in one day."
MOVED = "DeepSeek said its model cost $5.6 million to train."
BODY = f"Markets had a rough week.\n\n{REWORDED}\n\n{DELETED} Traders were nervous.\n\n{MOVED}"
NEW_BODY = (
    f"{MOVED}\n\nMarkets had a rough week.\n\n"
    + REWORDED.replace("nearly $600 billion", "almost $600 billion")
    + "\n\nTraders were nervous."
)


@pytest.fixture
def story(editor, editor2, reviewer):
    article = article_create(actor=editor, title="Markets week", body=BODY)
    reworded = make_claim(article, reviewer, REWORDED)
    claim_submit(actor=reviewer, claim=reworded)
    claim_approve(actor=editor2, claim=reworded)
    return {
        "article": article, "reworded": reworded,
        "deleted": make_claim(article, reviewer, DELETED),
        "moved": make_claim(article, reviewer, MOVED),
        "same": make_claim(article, reviewer, "Markets had a rough week."),
    }  # fmt: skip


def test_the_preview_names_the_claims_each_outcome_touches(story):
    preview = revision_preview(article=story["article"], body=NEW_BODY)
    assert [r.claim.pk for r in preview.orphaned] == [story["deleted"].pk]
    assert [r.claim.pk for r in preview.changed] == [story["reworded"].pk]
    assert preview.changed[0].new_quote.startswith("Nvidia lost almost $600 billion")
    assert preview.back_to_review == 1 and preview.changed[0].back_to_review
    assert preview.exact + len(preview.moved) == 2  # the moved sentence and the kept one


def test_the_preview_agrees_with_what_saving_does(client, editor, story):
    client.force_login(editor)
    preview = revision_preview(article=story["article"], body=NEW_BODY)
    url = reverse("articles:revise", args=[story["article"].pk])
    client.post(url, {"body": NEW_BODY, "note": "", "base": 1, "intent": "save"})
    states = dict(Claim.objects.values_list("pk", "anchor_state"))
    assert {row.claim.pk: row.state for row in preview.rows} == states


def test_previewing_saves_nothing_and_keeps_the_text(client, editor, story):
    article = story["article"]
    client.force_login(editor)
    events = ReviewEvent.objects.count()
    response = client.post(
        reverse("articles:revise", args=[article.pk]),
        {"body": NEW_BODY, "note": "typed", "base": 1, "intent": "preview"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "If you save this text" in html and "Will be orphaned" in html
    assert f"Claim #{story['deleted'].pk}" in html and "almost $600 billion" in html
    assert "Nvidia lost almost" in html  # the typed text is kept in the textarea
    article.refresh_from_db()
    assert article.revision_number == 1 and article.body == BODY
    assert ReviewEvent.objects.count() == events


def test_the_preview_is_for_those_who_may_revise(client, reviewer2, story):
    client.force_login(reviewer2)  # not assigned, not an editor
    url = reverse("articles:revise", args=[story["article"].pk])
    response = client.post(url, {"body": NEW_BODY, "base": 1, "intent": "preview"})
    assert response.status_code == 403
