"""The Needs me page, the header count, notifications read/unread, the @mention autocomplete and
assigning reviewers from the article page and the list: rendered per role, refused where they
must be, escaped."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from factcheck.accounts.roles import REVIEWER
from factcheck.claims.models import EventAction, ReviewEvent
from factcheck.claims.services import comment_add
from factcheck.reviews.models import Notification
from factcheck.reviews.services import claim_request_changes, claim_submit
from tests.factories import UserFactory, make_claim

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def sent_back(article, reviewer, editor, django_capture_on_commit_callbacks):
    claim = make_claim(article, reviewer)
    claim_submit(actor=reviewer, claim=claim)
    with django_capture_on_commit_callbacks(execute=True):
        claim_request_changes(actor=editor, claim=claim, note=f"Fix {HOSTILE}")
        comment_add(actor=editor, claim=claim, body=f"@reviewer look {HOSTILE}")
    return claim


def header_count(html):
    found = re.search(r"data-needs-me-count>(\d+)<", html)
    return int(found.group(1)) if found else 0


def test_needs_me_page_lists_what_waits_for_a_reviewer_escaped(client, reviewer, sent_back):
    client.force_login(reviewer)
    response = client.get(reverse("needs_me"))
    html = response.content.decode()
    assert response.status_code == 200
    assert f"#claim-{sent_back.pk}" in html
    assert "requested changes" in html and "Fix &lt;script&gt;" in html
    assert HOSTILE not in html
    assert "mentioned you in a comment" in html and "Mark read" in html
    assert header_count(html) == 2  # the sent-back claim and the unread mention


def test_the_header_count_is_on_every_page_for_the_newsroom(client, reviewer, sent_back):
    client.force_login(reviewer)
    html = client.get(reverse("articles:list")).content.decode()
    assert header_count(html) == 2  # the sent-back claim and the unread mention
    Notification.objects.filter(recipient=reviewer).update(read_at="2026-01-01T00:00Z")
    html = client.get(reverse("articles:list")).content.decode()
    assert header_count(html) == 1


def test_readers_get_no_needs_me_link_and_a_403_on_the_page(client, outsider):
    client.force_login(outsider)
    html = client.get(reverse("articles:list")).content.decode()
    assert "data-needs-me" not in html and 'href="/needs-me/"' not in html
    assert client.get(reverse("needs_me")).status_code == 403
    assert client.get(reverse("people"), {"q": "r"}).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in ("needs_me", "people"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response["Location"]


def test_mark_read_needs_csrf_and_marks_only_mine(reviewer, editor, sent_back):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(reviewer)
    assert strict.post(reverse("notifications_read")).status_code == 403
    assert Notification.objects.filter(recipient=reviewer, read_at__isnull=True).count() == 2
    client = Client()
    client.force_login(editor)
    others = Notification.objects.filter(recipient=reviewer).values_list("pk", flat=True)
    for pk in others:
        client.post(reverse("notifications_read"), {"id": pk})
    assert Notification.objects.filter(recipient=reviewer, read_at__isnull=True).count() == 2
    client.force_login(reviewer)
    response = client.post(reverse("notifications_read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=reviewer, read_at__isnull=True).exists()


def test_people_autocomplete_lists_newsroom_people_as_json(client, reviewer, reviewer2, outsider):
    hostile = UserFactory(username="rev_x", first_name=HOSTILE)
    hostile.groups.add(Group.objects.get(name=REVIEWER))
    client.force_login(reviewer)
    response = client.get(reverse("people"), {"q": "@rev"})
    assert response["Content-Type"] == "application/json"
    results = response.json()["results"]
    assert [p["username"] for p in results] == ["rev_x", "reviewer", "reviewer2"]
    assert results[0]["name"] == HOSTILE  # data, inserted as text by the script
    assert response["X-Content-Type-Options"] == "nosniff"  # never sniffed as HTML


def test_editors_see_the_assign_control_on_the_list_and_the_article(client, editor, reviewer,
                                                                   article):  # fmt: skip
    client.force_login(editor)
    for url in (reverse("articles:list"), reverse("articles:detail", args=[article.pk])):
        html = client.get(url).content.decode()
        assert f'data-assign="{article.pk}"' in html
        assert f'value="{reviewer.pk}"' in html
    client.force_login(reviewer)
    for url in (reverse("articles:list"), reverse("articles:detail", args=[article.pk])):
        assert "data-assign=" not in client.get(url).content.decode()


def test_an_editor_assigns_from_the_list_and_returns_to_it_audited(
    client, editor, reviewer, reviewer2, article
):
    client.force_login(editor)
    back = reverse("articles:list") + "?q=Article"
    response = client.post(reverse("articles:assign", args=[article.pk]),
                           {"assignees": [reviewer.pk, reviewer2.pk], "next": back})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == back
    assert set(article.assignees.values_list("username", flat=True)) == {"reviewer", "reviewer2"}
    event = ReviewEvent.objects.get(article=article, action=EventAction.ASSIGN)
    assert event.actor == editor
    assert event.changes == {"added": ["reviewer", "reviewer2"], "removed": []}


def test_a_reviewer_who_tries_to_assign_is_refused_and_nothing_changes(
    client, reviewer, reviewer2, article
):
    client.force_login(reviewer)
    response = client.post(reverse("articles:assign", args=[article.pk]),
                           {"assignees": [reviewer.pk, reviewer2.pk]})  # fmt: skip
    assert response.status_code == 403
    assert not article.assignees.exists()
    assert not ReviewEvent.objects.filter(action=EventAction.ASSIGN).exists()


def test_assigning_refuses_readers_and_off_site_redirects(client, editor, outsider, article):
    client.force_login(editor)
    data = {"assignees": [outsider.pk], "next": "https://evil.example/"}
    response = client.post(reverse("articles:assign", args=[article.pk]), data)
    assert response["Location"] == reverse("articles:detail", args=[article.pk])
    assert not article.assignees.exists()  # a reader is not a choice: nothing assigned


def test_assign_needs_csrf(editor, reviewer, article):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    url = reverse("articles:assign", args=[article.pk])
    assert strict.post(url, {"assignees": [reviewer.pk]}).status_code == 403
    assert not article.assignees.exists()
