"""Notifications are written after the change commits, to the right people, and mailed to those
with an address; mentions reach only newsroom people; assignments are audited."""

import pytest
from django.contrib.auth.models import Group

from factcheck.accounts.roles import EDITOR, REVIEWER
from factcheck.articles.services import article_assign
from factcheck.claims.mentions import mentioned_names, mentioned_users, people_matching
from factcheck.claims.models import ClaimStatus, EventAction, ReviewEvent
from factcheck.claims.services import comment_add
from factcheck.core.errors import ActionForbidden
from factcheck.reviews import revisions
from factcheck.reviews.models import Notification, NotificationKind
from factcheck.reviews.notifications import notifications_mark_read
from factcheck.reviews.services import (
    claim_approve,
    claim_publish,
    claim_request_changes,
    claim_submit,
)
from tests.factories import ArticleFactory, UserFactory, make_claim

pytestmark = pytest.mark.django_db


def kinds_for(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.fixture
def claim(article, reviewer):
    return make_claim(article, reviewer)


def test_request_changes_tells_the_author_with_the_note_and_mails_them(
    claim, reviewer, editor, mailoutbox, django_capture_on_commit_callbacks
):
    claim_submit(actor=reviewer, claim=claim)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_request_changes(actor=editor, claim=claim, note="Check the closing figure.")
    note = Notification.objects.get(recipient=reviewer, kind=NotificationKind.SENT_BACK)
    assert note.actor == editor and note.claim_id == claim.pk and note.is_unread
    assert note.note == "Check the closing figure."
    assert [m.to for m in mailoutbox] == [[reviewer.email]]
    assert "sent back your claim" in mailoutbox[0].subject
    assert "Check the closing figure." in mailoutbox[0].body
    assert f"/articles/{claim.article_id}/#claim-{claim.pk}" in mailoutbox[0].body


def test_nothing_is_notified_before_the_transaction_commits(
    claim, reviewer, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        claim_submit(actor=reviewer, claim=claim)
    assert Notification.objects.count() == 0 and callbacks
    for callback in callbacks:
        callback()
    assert kinds_for(editor) == [NotificationKind.SUBMITTED]


def test_submit_tells_editors_but_not_the_author_even_when_the_author_is_an_editor(
    article, editor, editor2, reviewer, django_capture_on_commit_callbacks
):
    own = make_claim(article, editor, "The Nasdaq fell 3% on Monday")
    with django_capture_on_commit_callbacks(execute=True):
        claim_submit(actor=editor, claim=own)
    assert kinds_for(editor2) == [NotificationKind.SUBMITTED]
    assert kinds_for(editor) == [] and kinds_for(reviewer) == []


def test_submit_goes_to_the_articles_assigned_editors_when_it_has_some(
    article, editor, editor2, reviewer, claim, django_capture_on_commit_callbacks
):
    article_assign(actor=editor, article=article, assignees=[reviewer, editor2])
    with django_capture_on_commit_callbacks(execute=True):
        claim_submit(actor=reviewer, claim=claim)
    assert kinds_for(editor2) == [NotificationKind.SUBMITTED]
    assert kinds_for(editor) == []


def test_approve_and_publish_tell_the_author(
    claim, reviewer, editor, django_capture_on_commit_callbacks
):
    claim_submit(actor=reviewer, claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        claim_approve(actor=editor, claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        claim_publish(actor=editor, claim=claim)
    assert kinds_for(reviewer) == [NotificationKind.APPROVED, NotificationKind.PUBLISHED]


def test_a_user_without_an_address_gets_the_notification_but_no_mail(
    article, editor, mailoutbox, django_capture_on_commit_callbacks
):
    quiet = UserFactory(username="quiet", email="")
    quiet.groups.add(Group.objects.get(name=REVIEWER))
    claim = make_claim(article, quiet)
    claim_submit(actor=quiet, claim=claim)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_request_changes(actor=editor, claim=claim, note="Why?")
    assert kinds_for(quiet) == [NotificationKind.SENT_BACK]
    assert mailoutbox == []


def test_a_revision_that_changes_a_vetted_claims_words_tells_its_author(
    editor, editor2, reviewer, django_capture_on_commit_callbacks
):
    article = ArticleFactory(actor=editor, body="Nvidia lost nearly $600 billion in one day.")
    claim = make_claim(article, reviewer, "nearly $600 billion")
    claim_submit(actor=reviewer, claim=claim)
    claim_approve(actor=editor2, claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        revisions.article_revise(actor=editor, article=article,
                                 body="Nvidia lost nearly $590 billion in one day.")  # fmt: skip
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SUBMITTED
    note = Notification.objects.get(recipient=reviewer, kind=NotificationKind.REVISION_SENT_BACK)
    assert note.actor == editor and "revision 2" in note.note


def test_a_comment_notifies_the_newsroom_people_it_mentions_only(
    claim, reviewer, reviewer2, editor, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    body = "@reviewer2 and @editor, see this. Not @outsider, @nobody, jo@example.org or @editor."
    with django_capture_on_commit_callbacks(execute=True):
        comment = comment_add(actor=reviewer, claim=claim, body=body)
    assert kinds_for(reviewer2) == [NotificationKind.MENTIONED]
    assert kinds_for(editor) == [NotificationKind.MENTIONED]
    assert kinds_for(outsider) == [] and kinds_for(reviewer) == []
    mention = Notification.objects.get(recipient=reviewer2)
    assert mention.comment == comment and mention.note == body
    event = ReviewEvent.objects.get(action=EventAction.COMMENT, claim=claim)
    assert event.changes["mentions"] == ["reviewer2", "editor"]
    assert sorted(m.to[0] for m in mailoutbox) == ["editor@example.org", "reviewer2@example.org"]


def test_mentions_skip_the_commenter_emails_and_trailing_punctuation(reviewer, editor):
    assert mentioned_names("Hi @editor. Mail jo@example.org, ask @re-viewer_2!") == [
        "editor",
        "re-viewer_2",
    ]
    assert [u.username for u in mentioned_users("@editor, @reviewer @ghost")] == [
        "editor",
        "reviewer",
    ]


def test_people_matching_finds_newsroom_people_by_prefix_only(reviewer, reviewer2, outsider):
    assert [p["username"] for p in people_matching("rev")] == ["reviewer", "reviewer2"]
    assert people_matching("out") == []


def test_assignment_is_audited_and_tells_the_new_assignees(
    article, editor, reviewer, reviewer2, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article_assign(actor=editor, article=article, assignees=[reviewer])
    with django_capture_on_commit_callbacks(execute=True):
        article_assign(actor=editor, article=article, assignees=[reviewer2])
    events = ReviewEvent.objects.filter(article=article, action=EventAction.ASSIGN).order_by("id")
    assert [(e.actor, e.changes) for e in events] == [
        (editor, {"added": ["reviewer"], "removed": []}),
        (editor, {"added": ["reviewer2"], "removed": ["reviewer"]}),
    ]
    assert kinds_for(reviewer) == [NotificationKind.ASSIGNED]
    assert kinds_for(reviewer2) == [NotificationKind.ASSIGNED]
    assert len(mailoutbox) == 2


def test_assigning_the_same_people_again_records_nothing(article, editor, reviewer):
    article_assign(actor=editor, article=article, assignees=[reviewer])
    article_assign(actor=editor, article=article, assignees=[reviewer])
    assert ReviewEvent.objects.filter(action=EventAction.ASSIGN).count() == 1


def test_a_reviewer_cannot_assign_and_nothing_is_recorded(article, reviewer, reviewer2):
    with pytest.raises(ActionForbidden):
        article_assign(actor=reviewer, article=article, assignees=[reviewer2])
    assert not article.assignees.exists()
    assert not ReviewEvent.objects.filter(action=EventAction.ASSIGN).exists()


def test_mark_read_touches_only_my_own_notifications(
    claim, reviewer, editor, editor2, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        claim_submit(actor=reviewer, claim=claim)
    mine = Notification.objects.get(recipient=editor)
    theirs = Notification.objects.get(recipient=editor2)
    assert notifications_mark_read(actor=editor, ids=[theirs.pk]) == 0
    assert notifications_mark_read(actor=editor, ids=[mine.pk]) == 1
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert theirs.is_unread and not mine.is_unread


def test_an_editor_role_user_is_reachable_by_mention(article, reviewer):
    chief = UserFactory(username="chief")
    chief.groups.add(Group.objects.get(name=EDITOR))
    assert [u.username for u in mentioned_users("@chief")] == ["chief"]
