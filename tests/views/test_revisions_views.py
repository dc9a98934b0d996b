"""Browser pages for revisions: revise the text, history, one revision, the diff, and the reading
view's marks for re-anchored claims (text changed, orphaned) with the re-attach endpoint."""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from factcheck.articles.models import ArticleRevision
from factcheck.articles.services import article_create
from factcheck.claims.models import ClaimStatus
from factcheck.reviews import revisions
from factcheck.reviews.services import claim_retract
from factcheck.web.revisions import REATTACHED, SAME_REVISION
from tests.factories import make_claim
from tests.reviews.helpers import claim_in_status

pytestmark = pytest.mark.django_db

BODY = (
    "Nvidia lost nearly $600 billion in market value in one day.\n\n"
    "The Nasdaq fell 3% on Monday.\n\n"
    "Analysts were surprised."
)
DELETED = "The Nasdaq fell 3% on Monday."
NEW_BODY = BODY.replace(DELETED + "\n\n", "").replace("nearly", "almost")
HOSTILE = '<script>alert("x")</script>'


@pytest.fixture
def story(editor, reviewer):
    article = article_create(actor=editor, title="Story", body=BODY)
    article.assignees.add(reviewer)
    return article


@pytest.fixture
def revised(story, reviewer, editor):
    """A fuzzy claim (a word changed), an orphan (its sentence deleted) and an exact one."""
    fuzzy = make_claim(story, reviewer, "Nvidia lost nearly $600 billion")
    orphan = make_claim(story, reviewer, DELETED)
    exact = make_claim(story, reviewer, "Analysts were surprised.")
    revisions.article_revise(actor=editor, article=story, body=NEW_BODY, note="Corrected")
    story.refresh_from_db()
    return story, fuzzy, orphan, exact


def url(name, *args):
    return reverse(f"articles:{name}", args=args)


@pytest.mark.parametrize("name", ["revise", "revisions", "diff"])
def test_anonymous_visitor_is_sent_to_sign_in(client, story, name):
    response = client.get(url(name, story.pk))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_reviewer_not_assigned_cannot_open_or_post_the_revise_form(client, story, reviewer2):
    client.force_login(reviewer2)
    assert client.get(url("revise", story.pk)).status_code == 403
    response = client.post(url("revise", story.pk), {"body": BODY + " More.", "note": ""})
    assert response.status_code == 403
    assert escape(revisions.CANNOT_REVISE) in response.content.decode()
    assert story.revisions.count() == 1


def test_assigned_reviewer_gets_the_form_prefilled_with_the_current_text(client, story, reviewer):
    client.force_login(reviewer)
    response = client.get(url("revise", story.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nvidia lost nearly $600 billion" in html and 'name="base" value="1"' in html


def test_editor_revises_and_sees_what_happened_to_the_claims(client, story, reviewer, editor):
    make_claim(story, reviewer, "Nvidia lost nearly $600 billion")
    make_claim(story, reviewer, DELETED)
    make_claim(story, reviewer, "Analysts were surprised.")
    claim_in_status("published", article=story, author=reviewer, editor=editor,
                    phrase="in market value")  # fmt: skip
    client.force_login(editor)
    response = client.post(url("revise", story.pk),
                           {"body": NEW_BODY, "note": "Publisher fix", "base": 1})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url("detail", story.pk)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message == (
        "Saved revision 2. Claims re-anchored: 2 exact, 1 text changed (fuzzy), 1 orphaned."
    )
    story.refresh_from_db()
    assert story.revision_number == 2 and story.current_revision.note == "Publisher fix"


def test_revision_that_sends_a_vetted_claim_back_says_so(client, story, reviewer, editor):
    claim_in_status("published", article=story, author=reviewer, editor=editor,
                    phrase="Nvidia lost nearly $600 billion")  # fmt: skip
    client.force_login(editor)
    response = client.post(url("revise", story.pk), {"body": NEW_BODY, "base": 1}, follow=True)
    assert "1 sent back to review" in response.content.decode()


@pytest.mark.parametrize(
    ("body", "message"),
    [(BODY, revisions.BODY_UNCHANGED), ("  \n\n ", revisions.BODY_EMPTY)],
)
def test_unchanged_or_empty_text_is_refused_on_the_form(client, story, editor, body, message):
    client.force_login(editor)
    response = client.post(url("revise", story.pk), {"body": body, "base": 1})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert story.revisions.count() == 1


def test_revise_form_refuses_to_overwrite_a_revision_saved_meanwhile(client, story, editor):
    revisions.article_revise(actor=editor, article=story, body=BODY + "\n\nUpdate.")
    client.force_login(editor)
    response = client.post(url("revise", story.pk), {"body": BODY + " Mine.", "base": 1})
    assert response.status_code == 400
    assert "Someone saved revision 2 while you were editing" in response.content.decode()
    assert story.revisions.count() == 2


def test_history_lists_every_revision_with_author_date_and_note(client, revised, reviewer):
    story = revised[0]
    client.force_login(reviewer)
    html = client.get(url("revisions", story.pk)).content.decode()
    assert 'data-revision="1"' in html and 'data-revision="2"' in html
    assert "Corrected" in html and "Current" in html
    assert url("revision", story.pk, 1) in html
    assert f"{url('diff', story.pk)}?old=1&amp;new=2" in html


def test_an_old_revision_is_readable_in_full(client, revised, reviewer):
    story = revised[0]
    client.force_login(reviewer)
    html = client.get(url("revision", story.pk, 1)).content.decode()
    assert DELETED in html and "nearly" in html
    assert client.get(url("revision", story.pk, 9)).status_code == 404


def test_diff_marks_deleted_and_inserted_words(client, revised, reviewer):
    story = revised[0]
    client.force_login(reviewer)
    response = client.get(url("diff", story.pk), {"old": 1, "new": 2})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<del>nearly </del><ins>almost </ins>" in html
    assert f"<del>{DELETED}" in html
    assert client.get(url("diff", story.pk)).content.decode().count("<ins>") >= 1  # default: last


def test_diff_escapes_html_in_the_article_text(client, editor, reviewer):
    article = article_create(actor=editor, title="Hostile", body=f"Intro {HOSTILE} end.")
    hostile_body = f"Intro <img src=x onerror=alert(1)> {HOSTILE}! end."
    revisions.article_revise(actor=editor, article=article, body=hostile_body)
    client.force_login(reviewer)
    html = client.get(url("diff", article.pk), {"old": 1, "new": 2}).content.decode()
    diff = html[html.index("data-diff") :]
    assert "<script>" not in diff and "<img" not in diff
    assert "&lt;img src=x onerror=alert(1)&gt;" in diff
    assert "&lt;script&gt;" in diff


def test_diff_refuses_comparing_a_revision_with_itself_or_an_unknown_one(client, revised, editor):
    story = revised[0]
    client.force_login(editor)
    response = client.get(url("diff", story.pk), {"old": 2, "new": 2})
    assert response.status_code == 400 and SAME_REVISION in response.content.decode()
    assert client.get(url("diff", story.pk), {"old": 1, "new": 7}).status_code == 400


def test_reading_view_names_the_revision_and_links_history(client, revised, reviewer2):
    story = revised[0]
    client.force_login(reviewer2)
    html = client.get(url("detail", story.pk)).content.decode()
    assert "Revision 2" in html and url("revisions", story.pk) in html
    assert url("revise", story.pk) not in html  # not assigned: no revise link


def _sidebar_section(html, marker):
    return html[html.index(marker) :]


def test_reading_view_marks_fuzzy_cards_and_lists_orphans_without_highlight(
    client, revised, editor
):
    story, fuzzy, orphan, exact = revised
    client.force_login(editor)
    html = client.get(url("detail", story.pk)).content.decode()
    assert (
        f'data-claim-id="{orphan.pk}"' not in html and f'data-claim-ids="{orphan.pk}"' not in html
    )
    assert not re.search(rf'data-claim-ids="[^"]*\b{orphan.pk}\b', html)
    assert f'data-claim-id="{fuzzy.pk}"' in html and f'data-claim-id="{exact.pk}"' in html
    card = re.search(rf'data-card-for="{fuzzy.pk}".*?</li>', html, re.S).group(0)
    assert "Text changed" in card
    assert "“Nvidia lost <del>nearly </del><ins>almost </ins>$600 billion”" in card
    orphans = _sidebar_section(html, "data-orphans")
    orphan_card = re.search(rf'data-orphan="{orphan.pk}".*?</li>', orphans, re.S).group(0)
    assert f'<mark class="orphan-quote">{DELETED}</mark>' in orphan_card
    assert "Last found in revision 1" in orphan_card
    assert 'data-action="start-reattach"' in orphan_card and "retract-orphan-" in orphan_card
    assert url("revise", story.pk) in html


def test_orphan_of_another_author_offers_a_reviewer_no_actions(client, revised, reviewer2):
    story, _, orphan, _ = revised
    client.force_login(reviewer2)
    html = client.get(url("detail", story.pk)).content.decode()
    orphan_card = re.search(rf'data-orphan="{orphan.pk}".*?</li>', html, re.S).group(0)
    assert "start-reattach" not in orphan_card and "retract-orphan-" not in orphan_card


def _reattach(client, claim, start, end, quote):
    version = type(claim).objects.get(pk=claim.pk).version  # as the page shows it
    data = {"start": start, "end": end, "quote": quote, "version": version}
    return client.post(reverse("reviews:claim_reattach", args=[claim.pk]), data)


def test_editor_reattaches_an_orphan_and_gets_fresh_fragments(client, revised, editor):
    story, _, orphan, _ = revised
    target = "Analysts were surprised"
    start = NEW_BODY.index(target)
    client.force_login(editor)
    response = _reattach(client, orphan, start, start + len(target), target)
    data = response.json()
    assert response.status_code == 200 and data["ok"] and data["message"] == REATTACHED
    assert re.search(rf'data-claim-ids="[^"]*\b{orphan.pk}\b', data["html"]["body"])
    assert "data-orphans" not in data["html"]["orphans"]
    orphan.refresh_from_db()
    assert (orphan.start, orphan.end, orphan.anchor_state) == (start, start + len(target), "exact")
    assert orphan.revision == story.current_revision


def test_reattach_with_a_quote_that_does_not_match_is_refused(client, revised, editor):
    _, _, orphan, _ = revised
    client.force_login(editor)
    response = _reattach(client, orphan, 0, 6, "Apples")
    assert response.status_code == 400 and not response.json()["ok"]
    orphan.refresh_from_db()
    assert orphan.anchor_state == "orphaned" and orphan.revision.number == 1


def test_reviewer_cannot_reattach_someone_elses_orphan(client, revised, reviewer2):
    _, _, orphan, _ = revised
    client.force_login(reviewer2)
    assert _reattach(client, orphan, 0, 6, "Nvidia").status_code == 403


def test_retracted_orphan_cannot_be_reattached(client, revised, editor):
    _, _, orphan, _ = revised
    claim_retract(actor=editor, claim=orphan, note="Gone from the source")
    client.force_login(editor)
    assert _reattach(client, orphan, 0, 6, "Nvidia").status_code == 403
    orphan.refresh_from_db()
    assert orphan.status == ClaimStatus.RETRACTED


def test_reattach_endpoint_needs_post_and_a_signed_in_user(client, revised):
    _, _, orphan, _ = revised
    endpoint = reverse("reviews:claim_reattach", args=[orphan.pk])
    assert client.post(endpoint, {"start": 0, "end": 6, "quote": "Nvidia"}).status_code == 302
    assert ArticleRevision.objects.count() == 2


def test_hostile_revision_note_and_orphan_quote_are_shown_as_text(client, editor, reviewer):
    body = f"Safe start.\n\nHostile {HOSTILE} sentence.\n\nEnd."
    article = article_create(actor=editor, title="Hostile", body=body)
    make_claim(article, editor, f"Hostile {HOSTILE} sentence.")
    revisions.article_revise(actor=editor, article=article, body="Safe start.\n\nEnd.",
                             note=HOSTILE)  # fmt: skip
    client.force_login(reviewer)
    for page in (url("detail", article.pk), url("revisions", article.pk),
                 url("revision", article.pk, 1), url("diff", article.pk)):  # fmt: skip
        html = client.get(page).content.decode()
        assert "<script>alert" not in html, page
    detail = client.get(url("detail", article.pk)).content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in detail


def _orphans(article, author, count):
    for i in range(count):
        make_claim(article, author, f"Doomed sentence {i}.")


def test_reading_view_queries_do_not_grow_with_orphans(client, editor, reviewer):
    counts = []
    for n in (2, 8):
        body = "Kept.\n\n" + " ".join(f"Doomed sentence {i}." for i in range(n))
        article = article_create(actor=editor, title=f"Many {n}", body=body)
        _orphans(article, reviewer, n)
        revisions.article_revise(actor=editor, article=article, body="Kept.\n\nAll new.")
        client.force_login(editor)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(url("detail", article.pk)).content.decode()
        assert html.count("data-orphan=") == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
