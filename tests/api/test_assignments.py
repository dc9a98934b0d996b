"""Assigning through the API goes through the same service: audited, notified, editors only;
comments posted through the API notify the people they mention."""

import pytest

from factcheck.claims.models import EventAction, ReviewEvent
from factcheck.reviews.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def test_an_editor_assigns_through_the_api_audited_and_notified(
    api, editor, reviewer, article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_user(editor).patch(
            f"/api/v1/articles/{article.pk}/", {"assignees": ["reviewer"]}, format="json"
        )
    assert response.status_code == 200, response.json()
    event = ReviewEvent.objects.get(article=article, action=EventAction.ASSIGN)
    assert event.changes == {"added": ["reviewer"], "removed": []}
    assert Notification.objects.filter(recipient=reviewer, kind=NotificationKind.ASSIGNED).exists()


def test_a_reviewer_cannot_assign_through_the_api(api, reviewer, reviewer2, article):
    article.assignees.add(reviewer)  # an assignee may edit the metadata, never the assignees
    response = api.as_user(reviewer).patch(
        f"/api/v1/articles/{article.pk}/", {"assignees": ["reviewer2"]}, format="json"
    )
    assert response.status_code == 403
    assert list(article.assignees.values_list("username", flat=True)) == ["reviewer"]
    assert not ReviewEvent.objects.filter(action=EventAction.ASSIGN).exists()


def test_a_comment_posted_through_the_api_notifies_who_it_mentions(
    api, reviewer, editor2, draft_claim, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api.as_user(reviewer).post(
            f"/api/v1/claims/{draft_claim.pk}/comments/", {"body": "@editor2 ok?"}, format="json"
        )
    assert response.status_code == 201, response.json()
    mention = Notification.objects.get(recipient=editor2)
    assert mention.kind == NotificationKind.MENTIONED and mention.claim_id == draft_claim.pk
