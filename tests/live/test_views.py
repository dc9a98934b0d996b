"""Who may open which stream, and the queue row a stream's submission is fetched as."""

from __future__ import annotations

import pytest
from django.test import Client

from factcheck.reviews.services import claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_streams_refuse_strangers_before_opening(editor, reviewer, outsider):
    article = ArticleFactory(actor=editor)
    assert _client().get(f"/stream/articles/{article.pk}/").status_code == 403
    assert _client(outsider).get(f"/stream/articles/{article.pk}/").status_code == 404
    assert _client(outsider).get("/stream/queue/").status_code == 403
    assert _client(reviewer).get("/stream/queue/").status_code == 403  # editors only


def test_a_queue_row_is_for_editors_and_visible_claims(editor, reviewer):
    article = ArticleFactory(actor=editor)
    claim = claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    row = _client(editor).get(f"/stream/queue/{claim.pk}/row/")
    assert row.status_code == 200 and f'data-queue-item="{claim.pk}"' in row.content.decode()
    assert _client(reviewer).get(f"/stream/queue/{claim.pk}/row/").status_code == 403
    assert _client(editor).get("/stream/queue/999999/row/").status_code == 404


def test_pages_start_their_stream_where_they_were_rendered(editor):
    article = ArticleFactory(actor=editor)
    page = _client(editor).get(f"/articles/{article.pk}/").content.decode()
    assert f'data-stream-url="/stream/articles/{article.pk}/?since=' in page
    assert (
        'data-stream-url="/stream/queue/?since=' in _client(editor).get("/review/").content.decode()
    )


def test_a_wsgi_server_answers_no_stream_rather_than_holding_a_worker(editor):
    """The test client is WSGI-like: a stream would block it until the stream ended."""
    article = ArticleFactory(actor=editor)
    assert _client(editor).get(f"/stream/articles/{article.pk}/").status_code == 204
    assert _client(editor).get("/stream/queue/").status_code == 204


def test_the_needs_me_number_is_fetched_again_for_the_signed_in_user_only(editor, reviewer):
    article = ArticleFactory(actor=editor)
    claim_submit(actor=reviewer, claim=make_claim(article, reviewer))
    assert _client().get("/stream/needs-me/").status_code == 403
    waiting = _client(editor).get("/stream/needs-me/").json()["count"]
    assert waiting >= 1  # the submission waits for an editor
    assert _client(reviewer).get("/stream/needs-me/").json()["count"] < waiting + 1
