"""Every list runs the same number of queries whatever the page size or the amount of data (no
per-row queries). Each request is a signed-in user's first: a fresh client with a session, so
the session, the user and their roles are loaded and counted, as in production."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from factcheck.claims.services import comment_add, evidence_add
from factcheck.reviews.revisions import article_revise
from factcheck.reviews.services import claim_submit
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

BODY = " ".join(f"Sentence {i} says something." for i in range(20))
ROWS = 12


@pytest.fixture
def busy(editor, reviewer, reviewer2):
    article = ArticleFactory(actor=editor, body=BODY)
    article.assignees.set([reviewer, reviewer2])
    claims = [make_claim(article, reviewer, "says", occurrence=i, tags=[f"t{i}", "all"])
              for i in range(ROWS)]  # fmt: skip
    first = claims[0]
    for i in range(ROWS):
        evidence_add(actor=reviewer, claim=first, url=f"https://more.example/{i}")
        comment_add(actor=editor, claim=first, body=f"Comment {i}")
    for _ in range(ROWS):
        ArticleFactory(actor=editor)
    for i in range(3):
        article.refresh_from_db()
        article_revise(actor=editor, article=article, body=f"{article.body} More {i}.")
    return article, first


def _client(user, cls=APIClient):
    """A new client signed in through a session: nothing about the user is cached yet."""
    client = cls()
    client.force_login(user)
    return client


SIGNED_IN = 2  # the session; the user with their groups (roles) in one query
LISTS = {
    "articles": ("/api/v1/articles/", SIGNED_IN + 4),  # count, page, assignees, claim counts
    "claims": ("/api/v1/claims/", SIGNED_IN + 2),  # count, the page as JSON (tags, evidence in it)
    # The parent claim (with its 2 prefetches), then count and page.
    "evidence": ("/api/v1/claims/{claim}/evidence/", SIGNED_IN + 5),
    "comments": ("/api/v1/claims/{claim}/comments/", SIGNED_IN + 5),
    "events": ("/api/v1/claims/{claim}/events/", SIGNED_IN + 5),
    # The parent article (with assignees), then count and page.
    "revisions": ("/api/v1/articles/{article}/revisions/", SIGNED_IN + 4),
}


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("page_size", [2, 10])
def test_a_list_runs_a_fixed_number_of_queries(busy, editor, django_assert_num_queries, name,
                                               page_size):  # fmt: skip
    article, claim = busy
    template, queries = LISTS[name]
    url = template.format(article=article.pk, claim=claim.pk)
    client = _client(editor)
    with django_assert_num_queries(queries):
        response = client.get(url, {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, response.json()["count"])
    assert response.json()["count"] > 2


# The HTML pages, measured with a few rows and again with many more: same count, pinned.
# Every page of the newsroom adds one for the header's "Needs me" count; pages with the editors'
# "Assign" control one for the people who can be assigned.
NEEDS_ME, ASSIGNABLE = 1, 1
PAGES = {
    # count, page of articles, their assignees, claim counts by status
    "article list": ("/articles/", SIGNED_IN + 4 + NEEDS_ME + ASSIGNABLE),
    # submitted claims with article, author and verdict joined (and their last status move),
    # their live evidence and tags, the latest audit-trail id (where the live stream starts),
    # the events that moved them with their actors; the filter bar's articles, authors, verdicts
    "review queue": ("/review/", SIGNED_IN + 4 + 1 + 3 + NEEDS_ME),
    # the article, its assignees, the cards as flat rows (evidence counted in the same query),
    # the ratings, the latest audit-trail id (where the live stream starts), the user's drafts
    "reading view": ("/articles/{article}/", SIGNED_IN + 6 + NEEDS_ME + ASSIGNABLE),
}


def _grow(article, reviewer, editor, n):
    for _ in range(n):
        claim = make_claim(article, reviewer, "says", occurrence=article.claims.count(),
                           tags=["x", f"t{article.claims.count()}"], evidence=2)  # fmt: skip
        claim_submit(actor=reviewer, claim=claim)
        ArticleFactory(actor=editor).assignees.set([reviewer])


@pytest.mark.parametrize("name", PAGES)
def test_an_html_page_runs_a_fixed_number_of_queries(editor, reviewer, django_assert_num_queries,
                                                     name):  # fmt: skip
    article = ArticleFactory(actor=editor, body=BODY)
    article.assignees.set([reviewer])
    template, queries = PAGES[name]
    url = template.format(article=article.pk)
    sizes = []
    for n in (2, 8):
        _grow(article, reviewer, editor, n)
        client = _client(editor, Client)
        with django_assert_num_queries(queries):
            response = client.get(url)
        assert response.status_code == 200
        sizes.append(response.content.count(b"data-queue-item=") if name == "review queue"
                     else response.content.count(b"data-card-for=") if name == "reading view"
                     else response.content.count(b'class="row-title"'))  # fmt: skip
    assert sizes[1] > sizes[0] > 0  # the second page really had more rows


def test_roles_read_with_the_session_user_are_current_on_every_request(editor, reviewer):
    """The session backend reads the user's groups with the user: a role taken away between
    two requests is gone on the next one (nothing is cached beyond a request)."""
    article = ArticleFactory(actor=editor, body=BODY)
    client = _client(reviewer)
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 200
    reviewer.groups.clear()
    response = client.get(f"/api/v1/articles/{article.pk}/")
    assert response.status_code == 404  # unpublished: outside the newsroom it does not exist
    reviewer.groups.add(*editor.groups.all())
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["id"] == article.pk
