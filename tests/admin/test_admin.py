"""The admin: workflow actions through the services, no way to set status, pinned queries."""

import pytest
from django.contrib import admin
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.claims.models import Claim, ReviewEvent
from tests.factories import ArticleFactory, make_claim
from tests.reviews.helpers import claim_in_status


def changelist(model: str) -> str:
    return reverse(f"admin:{model.replace('.', '_')}_changelist")


INLINES = {f"{prefix}-{k}": "0" for prefix in ("evidence_links", "comments", "events")
           for k in ("TOTAL_FORMS", "INITIAL_FORMS")}  # fmt: skip


def run_action(client, action, claims, **extra):
    data = {"action": action, "_selected_action": [c.pk for c in claims], **extra}
    return client.post(changelist("claims.claim"), data, follow=True)


def test_admin_approve_action_goes_through_four_eyes(client, article, reviewer, editor,
                                                     editor2):  # fmt: skip
    theirs = claim_in_status("submitted", article=article, author=reviewer, editor=editor)
    own = claim_in_status("submitted", article=article, author=editor, editor=editor2,
                          phrase="fell 3%")  # fmt: skip
    client.force_login(editor)
    response = run_action(client, "approve_selected", [theirs, own])
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(f"done for #{theirs.pk}" in t for t in texts)
    assert any(f"#{own.pk}" in t and "another editor" in t for t in texts)
    theirs.refresh_from_db()
    own.refresh_from_db()
    assert (theirs.status, own.status) == ("approved", "submitted")
    assert ReviewEvent.objects.filter(claim=theirs, action="approve").count() == 1


def test_admin_request_changes_asks_for_a_note_first(client, article, reviewer, editor):
    claim = claim_in_status("submitted", article=article, author=reviewer, editor=editor)
    client.force_login(editor)
    response = run_action(client, "request_changes_selected", [claim])
    assert b"a note is required" in response.content
    claim.refresh_from_db()
    assert claim.status == "submitted"
    run_action(client, "request_changes_selected", [claim], apply="1", note="Add a source.")
    claim.refresh_from_db()
    assert claim.status == "changes_requested"
    assert claim.events.latest("id").note == "Add a source."


def test_admin_publish_refuses_unapproved_claims_with_reason(client, article, reviewer, editor):
    claim = make_claim(article, reviewer)
    client.force_login(editor)
    response = run_action(client, "publish_selected", [claim])
    texts = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "cannot be published" in texts
    claim.refresh_from_db()
    assert claim.status == "draft"


def test_no_admin_form_can_set_status(client, article, reviewer, editor):
    claim = make_claim(article, reviewer)
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    page = client.get(url)
    assert b'name="status"' not in page.content
    client.post(url, {"claim_text": "Edited", "claimant": "", "verdict": claim.verdict_id,
                      "rationale": "r", "tag_names": "", "loaded_version": claim.version,
                      "status": "published", **INLINES})  # fmt: skip
    claim.refresh_from_db()
    assert claim.status == "draft"
    assert claim.claim_text == "Edited"
    assert claim.events.filter(action="edit").count() == 1


def test_admin_edit_with_stale_version_is_refused(client, article, reviewer, editor):
    claim = make_claim(article, reviewer)
    client.force_login(editor)
    url = reverse("admin:claims_claim_change", args=[claim.pk])
    response = client.post(url, {"claim_text": "Edited", "claimant": "", "verdict": "",
                                 "rationale": "", "tag_names": "",
                                 "loaded_version": claim.version + 5, **INLINES})  # fmt: skip
    assert b"changed by someone else" in response.content
    claim.refresh_from_db()
    assert claim.claim_text != "Edited"


def test_review_events_are_read_only_in_the_admin(client, article, reviewer, admin_user):
    make_claim(article, reviewer)
    event = ReviewEvent.objects.first()
    client.force_login(admin_user)
    assert client.get(changelist("claims.reviewevent")).status_code == 200
    page = client.get(reverse("admin:claims_reviewevent_change", args=[event.pk]))
    assert page.status_code == 200
    assert event.action.encode() in page.content  # the event is shown...
    assert b'name="_save"' not in page.content  # ...with no button to save a change
    assert b'name="_continue"' not in page.content
    assert (
        client.post(reverse("admin:claims_reviewevent_delete", args=[event.pk])).status_code == 403
    )


def test_claims_cannot_be_deleted_in_the_admin(client, article, reviewer, admin_user):
    claim = make_claim(article, reviewer)
    client.force_login(admin_user)
    response = client.post(reverse("admin:claims_claim_delete", args=[claim.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_admin_creates_articles_through_the_service(client, editor):
    client.force_login(editor)
    response = client.post(reverse("admin:articles_article_add"), {
        "title": "Pasted", "url": "https://example.org/a", "publisher": "P", "author": "",
        "published_on": "", "language": "en", "body": "Line one.\r\nLine two.",
        "revisions-TOTAL_FORMS": "0", "revisions-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get(title="Pasted")
    assert article.body == "Line one.\nLine two."
    assert article.current_revision.number == 1


def test_admin_refuses_duplicate_and_non_http_urls(client, article, editor):
    client.force_login(editor)
    base = {
        "title": "Dup",
        "publisher": "",
        "author": "",
        "published_on": "",
        "language": "en",
        "body": "Other text.",
        "revisions-TOTAL_FORMS": "0",
        "revisions-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("admin:articles_article_add"), base | {"url": article.url})
    assert b"already exists" in response.content
    response = client.post(reverse("admin:articles_article_add"),
                           base | {"url": "javascript:alert(1)"})  # fmt: skip
    assert response.status_code == 200
    assert not Article.objects.filter(title="Dup").exists()


@pytest.mark.parametrize("model", ["claims.claim", "articles.article", "claims.reviewevent",
                                   "accounts.user"])  # fmt: skip
def test_changelist_queries_do_not_grow_with_rows(client, django_assert_max_num_queries, editor,
                                                  reviewer, admin_user, model):  # fmt: skip
    client.force_login(admin_user)

    def add_rows(n):
        for _ in range(n):
            article = ArticleFactory(actor=editor)
            make_claim(article, reviewer)

    add_rows(2)
    client.get(changelist(model))  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(changelist(model)).status_code == 200
    add_rows(8)
    with django_assert_max_num_queries(len(few)):
        assert client.get(changelist(model)).status_code == 200


def test_admin_new_revision_reanchors_claims(client, article, reviewer, editor):
    claim = make_claim(article, reviewer, "$600 billion")
    client.force_login(editor)
    url = reverse("admin:articles_article_revise", args=[article.pk])
    assert b"$600 billion" in client.get(url).content
    response = client.post(url, {"body": "Breaking.\n\n" + article.body, "note": "Intro added"})
    assert response.status_code == 302
    claim.refresh_from_db()
    article.refresh_from_db()
    assert article.current_revision.number == 2
    assert claim.revision == article.current_revision
    assert article.body[claim.start : claim.end] == "$600 billion"


def test_admin_revision_with_unchanged_text_shows_the_reason(client, article, editor):
    client.force_login(editor)
    url = reverse("admin:articles_article_revise", args=[article.pk])
    response = client.post(url, {"body": article.body, "note": ""})
    assert response.status_code == 200
    assert b"identical to the current revision" in response.content


def test_article_admin_counts_open_and_published_claims(article, reviewer, editor, admin_user):
    claim_in_status("draft", article=article, author=reviewer, editor=editor)
    claim_in_status("published", article=article, author=reviewer, editor=editor,
                    phrase="fell 3%")  # fmt: skip
    request = RequestFactory().get("/")
    request.user = admin_user
    row = admin.site.get_model_admin(Article).get_queryset(request).get(pk=article.pk)
    assert (row.n_claims, row.n_open, row.n_published) == (2, 1, 1)
