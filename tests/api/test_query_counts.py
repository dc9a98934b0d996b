"""Every list runs the same number of queries whatever the page size (no per-row queries)."""

import pytest
from rest_framework.test import APIClient

from factcheck.claims.services import comment_add, evidence_add
from factcheck.reviews.revisions import article_revise
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


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    client.get("/api/v1/verdicts/")  # warm the user's role cache
    return client


LISTS = {
    "articles": ("/api/v1/articles/", 4),  # count, page, assignees, claim counts
    "claims": ("/api/v1/claims/", 4),  # count, page, live evidence, tags
    # The parent claim (with its 2 prefetches), then count and page.
    "evidence": ("/api/v1/claims/{claim}/evidence/", 5),
    "comments": ("/api/v1/claims/{claim}/comments/", 5),
    "events": ("/api/v1/claims/{claim}/events/", 5),
    # The parent article (with assignees), then count and page.
    "revisions": ("/api/v1/articles/{article}/revisions/", 4),
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
