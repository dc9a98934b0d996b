"""Presence: who has an article open and which claim they edit, in Redis or PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
import redis
from django.test import Client

from factcheck.live.presence import PostgresPresence, RedisPresence, presence_store
from tests.factories import ArticleFactory, make_claim
from tests.tools import require

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/0"


def _redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture(params=["postgresql", "redis"])
def store(request):
    if request.param == "postgresql":
        yield PostgresPresence()
        return
    require(_redis_answers(), "Redis on 127.0.0.1:6379 (REDIS_URL)")
    prefix = f"test-{uuid.uuid4().hex}"
    yield RedisPresence(REDIS_URL, prefix)
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_a_tab_is_present_until_it_leaves_and_says_which_claim_it_edits(store, editor, reviewer):
    article = ArticleFactory(actor=editor)
    a = dict(article=article.pk, user_id=editor.pk, name=editor.display_name)
    assert store.touch(tab="tab-one-1", claim=None, **a)  # new: others are told
    assert not store.touch(tab="tab-one-1", claim=None, **a)  # a plain heartbeat: nothing new
    assert store.touch(tab="tab-one-1", claim=7, **a)  # now editing claim 7
    store.touch(article=article.pk, tab="tab-two-2", user_id=reviewer.pk,
                name=reviewer.display_name, claim=None)  # fmt: skip
    here = [(h.user_id, h.name, h.claim) for h in store.here(article.pk)]
    assert here == [(editor.pk, editor.display_name, 7), (reviewer.pk, reviewer.display_name, None)]
    assert not store.leave(article=article.pk, tab="tab-one-1", user_id=reviewer.pk)  # not theirs
    assert store.leave(article=article.pk, tab="tab-one-1", user_id=editor.pk)
    assert [h.user_id for h in store.here(article.pk)] == [reviewer.pk]


def test_a_tab_that_stops_beating_expires(store, editor, settings):
    article = ArticleFactory(actor=editor)
    store.touch(article=article.pk, tab="tab-gone-1", user_id=editor.pk, name="Ed", claim=None)
    assert store.here(article.pk)
    settings.LIVE_PRESENCE_TTL = 0  # the heartbeat is now older than the time to live
    assert store.here(article.pk) == []


def _beat(client, article, **fields):
    return client.post(f"/stream/articles/{article.pk}/presence/", fields)


def test_the_heartbeat_checks_the_tab_the_claim_and_who_may_see_it(editor, reviewer, outsider):
    presence_store.cache_clear()
    article = ArticleFactory(actor=editor)
    other = ArticleFactory(actor=editor)
    foreign = make_claim(other, reviewer)
    client = Client()
    assert _beat(client, article, tab="tab-anon-1").status_code == 403
    client.force_login(reviewer)
    bad = _beat(client, article, tab="x")
    assert bad.status_code == 400 and bad.json()["message"].startswith("tab:")
    wrong = _beat(client, article, tab="tab-rev-01", claim=str(foreign.pk))
    assert wrong.status_code == 400 and wrong.json()["message"].startswith("claim:")
    assert _beat(client, article, tab="tab-rev-01", claim="1; drop").status_code == 400
    assert _beat(client, article, tab="tab-rev-01").status_code == 200
    assert [h.name for h in presence_store().here(article.pk)] == [reviewer.display_name]
    client.force_login(outsider)  # no published claim: the article is not theirs to see
    assert _beat(client, article, tab="tab-out-01").status_code == 404


def test_the_heartbeat_needs_the_csrf_token(reviewer, editor):
    article = ArticleFactory(actor=editor)
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert _beat(client, article, tab="tab-rev-01").status_code == 403
    assert PostgresPresence().here(article.pk) == []
