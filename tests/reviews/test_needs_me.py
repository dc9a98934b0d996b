"""The "Needs me" lists hold exactly what waits for that person; the count is one query."""

import pytest

from factcheck.articles.services import article_assign
from factcheck.claims.services import claim_update, comment_add
from factcheck.reviews import needs_me, revisions
from factcheck.reviews.needs_me import NeedsMeCounts, needs_me_count, needs_me_counts
from factcheck.reviews.notifications import notifications_mark_read
from factcheck.reviews.services import (
    claim_approve,
    claim_request_changes,
    claim_submit,
)
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(editor, editor2, reviewer, reviewer2, django_capture_on_commit_callbacks):
    """A reviewer with one claim sent back by an editor, one sent back by a revision, one still
    submitted and one draft; reviewer2 with one submitted claim; comments with mentions."""
    article = ArticleFactory(
        actor=editor,
        body="Nvidia lost nearly $600 billion in one day. The Nasdaq fell 3% on Monday. "
        "DeepSeek said its model cost $5.6 million.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        article_assign(actor=editor, article=article, assignees=[reviewer])
    back = make_claim(article, reviewer, "The Nasdaq fell 3%")
    revised = make_claim(article, reviewer, "nearly $600 billion")
    waiting = make_claim(article, reviewer, "$5.6 million")
    make_claim(article, reviewer, "DeepSeek said")  # a draft: needs nobody
    other = make_claim(article, reviewer2, "on Monday")
    for claim in (back, revised, waiting):
        claim_submit(actor=reviewer, claim=claim)
    claim_submit(actor=reviewer2, claim=other)
    claim_request_changes(actor=editor, claim=back, note="Which index?")
    claim_approve(actor=editor2, claim=revised)
    new_body = article.current_revision.body.replace("$600 billion", "$590 billion")
    revisions.article_revise(actor=editor, article=article, body=new_body)
    with django_capture_on_commit_callbacks(execute=True):
        comment_add(actor=editor, claim=waiting, body="@reviewer is this the training cost?")
        comment_add(actor=editor, claim=other, body="@reviewer2 see @reviewer's note")
    return {"article": article, "back": back, "revised": revised, "waiting": waiting,
            "other": other}  # fmt: skip


def pks(claims):
    return [c.pk for c in claims]


def test_my_claims_sent_back_are_changes_requested_and_revision_send_backs(desk, reviewer):
    claims = needs_me.sent_back_claims(user=reviewer)
    assert pks(claims) == [desk["back"].pk, desk["revised"].pk]
    back, revised = claims
    assert back.last_move.action == "request_changes" and back.last_move.note == "Which index?"
    assert revised.last_move.action == "reanchor_review"
    assert revised.last_move.actor.username == "editor"


def test_claims_waiting_for_my_review_exclude_my_own(desk, editor, reviewer):
    everything = {desk["waiting"].pk, desk["other"].pk, desk["revised"].pk}
    assert set(pks(needs_me.review_claims(user=editor))) == everything
    assert needs_me.review_claims(user=reviewer) == []  # reviewers review nothing


def test_an_editors_own_submitted_claim_is_not_waiting_for_their_review(article, editor, editor2):
    own = make_claim(article, editor)
    claim_submit(actor=editor, claim=own)
    assert needs_me.review_claims(user=editor) == []
    assert pks(needs_me.review_claims(user=editor2)) == [own.pk]


def test_a_claim_an_editor_changed_waits_for_another_editor(article, editor, editor2, reviewer):
    claim = make_claim(article, reviewer)
    claim_submit(actor=reviewer, claim=claim)
    claim_request_changes(actor=editor, claim=claim, note="Name the source.")
    claim.refresh_from_db()
    claim_update(actor=editor, claim=claim, version=claim.version, rationale="Per the filing.")
    claim_submit(actor=reviewer, claim=claim)
    assert needs_me.review_claims(user=editor) == []
    assert needs_me_counts(editor).to_review == 0
    assert pks(needs_me.review_claims(user=editor2)) == [claim.pk]
    assert needs_me_counts(editor2).to_review == 1


def test_mentions_until_read_and_assigned_open_articles(desk, reviewer, reviewer2):
    mentions = needs_me.mention_list(user=reviewer)
    assert [m.claim_id for m in mentions] == [desk["other"].pk, desk["waiting"].pk]
    assert [a.pk for a in needs_me.assigned_articles(user=reviewer)] == [desk["article"].pk]
    notifications_mark_read(actor=reviewer, ids=[mentions[0].pk])
    assert [m.claim_id for m in needs_me.mention_list(user=reviewer)] == [desk["waiting"].pk]
    assert needs_me.assigned_articles(user=reviewer2) == []


def test_the_counts_match_the_lists_in_one_query(desk, reviewer, editor, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = needs_me_counts(reviewer)
    assert counts == NeedsMeCounts(sent_back=2, to_review=0, mentions=2, assigned=1)
    with django_assert_num_queries(1):
        assert needs_me_count(editor) == 3


def test_readers_and_visitors_need_nothing_and_cost_no_query(outsider, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(1):  # the outsider's groups, read once
        assert needs_me_count(outsider) == 0
    with django_assert_num_queries(0):
        assert needs_me_count(AnonymousUser()) == 0
