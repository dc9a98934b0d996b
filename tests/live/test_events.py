"""The live-update bus, replay and permissions, against real PostgreSQL LISTEN/NOTIFY.

Each scenario runs one asyncio loop (as one app server process does) with the process's bus;
changes are made through the services in a worker thread and committed, as a request would.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from django.db import transaction

from factcheck.claims.models import Claim, ClaimStatus
from factcheck.claims.selectors import claim_state_visible, visible_claims
from factcheck.claims.services import claim_create, claim_update, comment_add
from factcheck.live.bus import Bus
from factcheck.live.events import events_after, latest_event_id
from factcheck.live.streams import Stream
from factcheck.reviews.services import claim_approve, claim_publish, claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 10  # seconds before a missing event fails the test (never reached when it works)


def run(scenario):
    return asyncio.run(asyncio.wait_for(scenario(), 60))


def in_thread(function, *args, **kwargs):
    return sync_to_async(function, thread_sensitive=False)(*args, **kwargs)


def published_claim(article, reviewer, editor, editor2):
    claim = make_claim(article, reviewer, "$600 billion")
    claim = claim_submit(actor=reviewer, claim=claim)
    claim = claim_approve(actor=editor, claim=claim)
    return claim_publish(actor=editor2, claim=claim)


async def next_event(subscription):
    kind, item = await asyncio.wait_for(subscription.items.get(), WAIT)
    while kind != "event":
        kind, item = await asyncio.wait_for(subscription.items.get(), WAIT)
    return item


def test_a_committed_comment_reaches_the_streams_of_its_article_only(reviewer, editor):
    article = ArticleFactory(actor=editor)
    other = ArticleFactory(actor=editor)
    claim = make_claim(article, reviewer)

    async def scenario():
        bus = Bus()
        here = await bus.subscribe(article=article.pk)
        elsewhere = await bus.subscribe(article=other.pk)
        comment = await in_thread(comment_add, actor=editor, claim=claim, body="Source?")
        event = await next_event(here)
        await bus.stop()
        return comment, event, elsewhere.items.empty()

    _comment, event, elsewhere_empty = run(scenario)
    assert (event.claim, event.action, event.actor) == (claim.pk, "comment", "editor")
    assert event.version == claim.version
    assert elsewhere_empty
    assert "Source?" not in json.dumps(event.data())  # ids and versions only, no content


def test_a_rolled_back_change_announces_nothing(reviewer, editor):
    article = ArticleFactory(actor=editor)
    claim = make_claim(article, reviewer)

    def rolled_back():
        with pytest.raises(RuntimeError), transaction.atomic():
            comment_add(actor=editor, claim=claim, body="never")
            raise RuntimeError

    async def scenario():
        bus = Bus()
        subscription = await bus.subscribe(article=article.pk)
        await in_thread(rolled_back)
        kept = await in_thread(claim_update, actor=reviewer, claim=claim, version=claim.version,
                               claimant="The CEO")  # fmt: skip
        event = await next_event(subscription)
        await bus.stop()
        return kept, event

    kept, event = run(scenario)
    assert (event.action, event.version) == ("edit", kept.version)  # the first event is the edit


def test_a_created_claim_is_announced_by_its_own_statement_and_only_once_committed(
    reviewer, editor
):
    # The create's one statement queues the NOTIFY (claims.services.claims): PostgreSQL sends
    # it at the commit, so the create that is rolled back first announces nothing.
    article = ArticleFactory(actor=editor)
    body = article.current_revision.body
    start = body.index("$600 billion")
    span = {"start": start, "end": start + 12, "quote": "$600 billion"}

    def rolled_back():
        with pytest.raises(RuntimeError), transaction.atomic():
            claim_create(actor=reviewer, article=article, **span, claimant="never")
            raise RuntimeError

    async def scenario():
        bus = Bus()
        subscription = await bus.subscribe(article=article.pk)
        await in_thread(rolled_back)
        claim = await in_thread(claim_create, actor=reviewer, article=article, **span)
        event = await next_event(subscription)
        await bus.stop()
        return claim, event, subscription.items.empty()

    claim, event, nothing_else = run(scenario)
    assert (event.claim, event.action, event.actor) == (claim.pk, "create", "reviewer")
    assert event.version == claim.version
    assert nothing_else
    assert Claim.objects.filter(article=article).count() == 1


def _messages(stream_user, article, since, until_claim, *, reconnect=False):
    """Every SSE message one user's stream writes until an event of `until_claim` arrives."""

    async def scenario(act):
        bus = Bus()
        stream = Stream(bus=bus, user=stream_user, last_id=since, reconnect=reconnect,
                        article=article.pk)  # fmt: skip
        subscription = await bus.subscribe(article=article.pk)
        out = []
        messages = stream.messages(subscription)
        out.append(await anext(messages))  # retry:, and the replay, before any live event
        await in_thread(act)
        async for message in messages:
            out.append(message)
            if f'"claim":{until_claim},' in message and "comment" in message:
                break
        await messages.aclose()
        await bus.stop()
        return out

    return scenario


def test_an_unprivileged_stream_never_carries_events_of_claims_it_cannot_see(
    reviewer, editor, editor2, outsider
):
    article = ArticleFactory(actor=editor)
    public = published_claim(article, reviewer, editor, editor2)
    since = latest_event_id()
    draft = make_claim(article, reviewer, "$5.6 million")  # replayed: created after `since`

    def act():
        comment_add(actor=editor, claim=draft, body="Draft talk")
        version = Claim.objects.get(pk=draft.pk).version
        claim_update(actor=reviewer, claim=draft.pk, version=version, claimant="Someone")
        comment_add(actor=editor, claim=public, body="Public talk")

    outsider_sees = run(lambda: _messages(outsider, article, since, public.pk)(act))
    staff_sees = run(lambda: _messages(reviewer, article, since, public.pk)(act))
    assert not [m for m in outsider_sees if f'"claim":{draft.pk},' in m]
    assert [m for m in outsider_sees if f'"claim":{public.pk},' in m]
    assert len([m for m in staff_sees if f'"claim":{draft.pk},' in m]) >= 4  # create, evidence…


def test_a_reconnect_replays_what_was_missed_from_the_audit_trail(reviewer, editor):
    article = ArticleFactory(actor=editor)
    claim = make_claim(article, reviewer)
    last_seen = latest_event_id()
    missed = [comment_add(actor=editor, claim=claim, body=f"n{i}") for i in range(3)]
    replayed, more = events_after(last_seen, article_id=article.pk, overlap=False)
    assert [e.action for e in replayed] == ["comment"] * 3
    assert not more
    assert len(missed) == 3
    # the overlap re-sends a few older ids (the browser drops the ones it has)
    overlapped, _ = events_after(last_seen, article_id=article.pk)
    assert {e.id for e in replayed} < {e.id for e in overlapped}


def test_a_replay_is_bounded_and_says_so(reviewer, editor, settings):
    settings.LIVE_REPLAY_LIMIT = 2
    article = ArticleFactory(actor=editor)
    claim = make_claim(article, reviewer)
    last_seen = latest_event_id()
    for i in range(3):
        comment_add(actor=editor, claim=claim, body=f"n{i}")
    replayed, more = events_after(last_seen, article_id=article.pk, overlap=False)
    assert len(replayed) == 2 and more

    async def scenario():
        bus = Bus()
        stream = Stream(bus=bus, user=editor, last_id=last_seen, reconnect=True, article=article.pk)
        subscription = await bus.subscribe(article=article.pk)
        messages = stream.messages(subscription)
        out = [await anext(messages) for _ in range(2)]
        await messages.aclose()
        await bus.stop()
        return out

    assert run(scenario)[1].startswith("event: reload")


def test_the_queue_stream_takes_submissions_and_decisions(reviewer, editor):
    article = ArticleFactory(actor=editor)
    claim = make_claim(article, reviewer)

    async def scenario():
        bus = Bus()
        subscription = await bus.subscribe(queue=True)
        await in_thread(comment_add, actor=editor, claim=claim, body="not for the queue")
        submitted = await in_thread(claim_submit, actor=reviewer, claim=claim)
        first = await next_event(subscription)
        await in_thread(claim_approve, actor=editor, claim=submitted)
        second = await next_event(subscription)
        await bus.stop()
        return first, second

    first, second = run(scenario)
    assert (first.action, second.action, second.actor) == ("submit", "approve", "editor")


@pytest.mark.parametrize("who", ["reviewer", "outsider"])
def test_the_stream_predicate_agrees_with_visible_claims(who, request, reviewer, editor, editor2):
    user = request.getfixturevalue(who)
    article = ArticleFactory(actor=editor)
    claims = [make_claim(article, reviewer, "$600 billion"),
              published_claim(article, reviewer, editor, editor2)]  # fmt: skip
    visible = set(visible_claims(user).values_list("pk", flat=True))
    for claim in claims:
        claim.refresh_from_db()
        event = events_after(0, article_id=article.pk)[0]
        live = {e.claim: e.published for e in event}
        decided = claim_state_visible(user, status=claim.status, published=live[claim.pk])
        assert decided == (claim.pk in visible), claim.status
    assert claims[0].status == ClaimStatus.DRAFT
