"""The review queue (issue 11 item 7): filters by article, author, verdict and "sent back by a
revision"; publish in place under the four-eyes rule; a claim sent back by a revision names the
revision and who saved it, the reason and the old → new words."""

import re

import pytest
from django.urls import reverse

from factcheck.claims.models import ClaimStatus
from factcheck.reviews import revisions
from factcheck.reviews.services import claim_approve, claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db
QUEUE = reverse("reviews:queue")


def queued(client, query=None):
    html = client.get(QUEUE, query or {}).content.decode()
    return [int(pk) for pk in re.findall(r'data-queue-item="(\d+)"', html)], html


@pytest.fixture
def queue(editor, editor2, reviewer, reviewer2):
    body = "Nvidia lost nearly $600 billion in one day. Stocks fell."
    first = ArticleFactory(actor=editor, title="Markets story", body=body)
    second = ArticleFactory(actor=editor, title="Weather story", body="It rained 40 mm on Monday.")
    a = make_claim(first, reviewer, "nearly $600 billion", verdict="true")
    b = make_claim(first, reviewer2, "Stocks fell", verdict="false")
    c = make_claim(second, reviewer, "40 mm", verdict="false")
    for claim in (a, b, c):
        claim_submit(actor=claim.author, claim=claim)
    return {"first": first, "second": second, "a": a, "b": b, "c": c}


def test_the_queue_filters_by_article_author_and_verdict(client, editor, queue):
    client.force_login(editor)
    a, b, c = queue["a"].pk, queue["b"].pk, queue["c"].pk
    assert queued(client)[0] == [a, b, c]
    assert queued(client, {"article": queue["first"].pk})[0] == [a, b]
    assert queued(client, {"author": "reviewer"})[0] == [a, c]
    assert queued(client, {"verdict": "false"})[0] == [b, c]
    assert queued(client, {"verdict": "false", "author": "reviewer"})[0] == [c]
    html = queued(client)[1]
    for label in ("Article", "Author", "Verdict", "Sent back by a revision"):
        assert f">{label}</label>" in html


def test_sent_back_by_a_revision_shows_who_why_and_the_old_and_new_words(
    client, editor, editor2, queue
):
    claim = queue["a"]
    claim_approve(actor=editor2, claim=claim)
    article = queue["first"]
    new_body = article.current_revision.body.replace("$600 billion", "$590 billion")
    revisions.article_revise(actor=editor, article=article, body=new_body)
    client.force_login(editor2)
    pks, html = queued(client, {"revision": "1"})
    assert pks == [claim.pk]
    row = html[html.index(f'data-queue-item="{claim.pk}"') :]
    row = row[: row.index("</article>")]
    assert "Sent back to review by revision 2, saved by editor" in row
    assert "Submitted <time" not in row  # not "Submitted … by reviewer"
    assert "needs review again" in row  # the reason, from the audit trail
    assert "nearly $<del>600 </del><ins>590 </ins>billion" in row


def test_editors_publish_approved_claims_from_the_queue(client, editor, editor2, queue):
    claim_approve(actor=editor2, claim=queue["c"])
    client.force_login(editor)
    pks, html = queued(client, {"stage": "publish"})
    assert pks == [queue["c"].pk] and 'data-action="publish"' in html
    url = reverse("reviews:claim_action", args=[queue["c"].pk, "publish"])
    queue["c"].refresh_from_db()
    response = client.post(url, {"version": queue["c"].version, "context": "queue"})
    assert response.status_code == 200, response.content
    payload = response.json()
    assert payload["status"] == ClaimStatus.PUBLISHED
    assert "Published." in payload["html"][f"queue-{queue['c'].pk}"]


def test_an_editor_cannot_publish_their_own_claim_from_the_queue(client, editor, editor2, article):
    own = make_claim(article, editor)
    claim_submit(actor=editor, claim=own)
    claim_approve(actor=editor2, claim=own)
    own.refresh_from_db()
    client.force_login(editor)
    html = queued(client, {"stage": "publish"})[1]
    assert 'data-action="publish"' not in html and "nobody publishes their own work" in html
    url = reverse("reviews:claim_action", args=[own.pk, "publish"])
    response = client.post(url, {"version": own.version, "context": "queue"})
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == ClaimStatus.APPROVED


def test_approving_in_the_queue_offers_publish_in_the_same_row(client, editor, queue):
    client.force_login(editor)
    claim = queue["b"]
    claim.refresh_from_db()
    url = reverse("reviews:claim_action", args=[claim.pk, "approve"])
    response = client.post(url, {"version": claim.version, "context": "queue"})
    row = response.json()["html"][f"queue-{claim.pk}"]
    assert "Approved." in row and 'data-action="publish"' in row


def test_the_queue_runs_the_same_queries_for_3_and_6_claims(client, editor, reviewer, queue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    client.get(QUEUE)  # warm the session and the verdict scale
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for phrase in ("Nvidia", "in one day", "lost"):
        claim = make_claim(queue["first"], reviewer, phrase)
        claim_submit(actor=reviewer, claim=claim)
    with CaptureQueriesContext(connection) as more:
        assert len(queued(client)[0]) == 6
    assert len(more) == len(few)
