"""What each role is shown, by id and by count: lists, search hits, claim counts, the reading
view. A status code alone would stay 200 if drafts leaked to outsiders; these tests would not.

World: `shown` has a published claim, a draft and a submitted one (the article is public once
a claim is published); `hidden` has only a draft; `empty` has no claim. Outsiders (signed in,
no newsroom role) must see `shown` and its published claim only, with counts of published
claims only; reviewers and editors see everything.
"""

import re

import pytest
from rest_framework.test import APIClient

from factcheck.reviews import services as wf
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

STAFF = ("reviewer", "reviewer2", "editor")


@pytest.fixture
def world(reviewer, reviewer2, editor, editor2, outsider):
    shown = ArticleFactory(actor=editor, title="Budget story", publisher="Daily Ledger")
    hidden = ArticleFactory(actor=editor, title="Secret deficit memo", publisher="Daily Ledger")
    empty = ArticleFactory(actor=editor, title="Weather notes", publisher="Daily Ledger")
    published = make_claim(shown, reviewer, "$600 billion")
    wf.claim_submit(actor=reviewer, claim=published)
    wf.claim_approve(actor=editor, claim=published)
    wf.claim_publish(actor=editor2, claim=published)
    draft = make_claim(shown, reviewer, "Nasdaq")
    submitted = make_claim(shown, reviewer2, "$5.6 million")
    wf.claim_submit(actor=reviewer2, claim=submitted)
    hidden_draft = make_claim(hidden, reviewer, "Nasdaq")
    return {
        "users": {"outsider": outsider, "reviewer": reviewer, "reviewer2": reviewer2,
                  "editor": editor},
        "shown": shown.pk, "hidden": hidden.pk, "empty": empty.pk,
        "published": published.pk, "draft": draft.pk, "submitted": submitted.pk,
        "hidden_draft": hidden_draft.pk,
    }  # fmt: skip


def api_for(world, role):
    client = APIClient()
    client.force_login(world["users"][role])
    return client


def api_list(client, url, **query):
    response = client.get(url, {"page_size": 100, **query})
    assert response.status_code == 200, response.content[:300]
    data = response.json()
    assert data["count"] == len(data["results"])
    return data["results"]


def html_rows(client, url="/articles/", **query):
    """[(article id, {status: count})] of the HTML article list, in page order."""
    response = client.get(url, query)
    assert response.status_code == 200
    html = response.content.decode()
    rows = html.split("<tr>")[2:]  # the header row first
    result = []
    for row in rows:
        pk = int(re.search(r'class="row-title" href="/articles/(\d+)/"', row).group(1))
        counts = {s: int(n) for s, n in re.findall(r'class="count st-(\w+)"[^>]*>.*?(\d+) <', row)}
        result.append((pk, counts))
    return result


def test_the_api_article_list_shows_outsiders_only_public_articles_and_published_counts(world):
    rows = api_list(api_for(world, "outsider"), "/api/v1/articles/")
    assert [(a["id"], a["claim_counts"]) for a in rows] == [(world["shown"], {"published": 1})]
    for role in STAFF:
        rows = api_list(api_for(world, role), "/api/v1/articles/")
        by_id = {a["id"]: a["claim_counts"] for a in rows}
        assert by_id == {
            world["shown"]: {"published": 1, "draft": 1, "submitted": 1},
            world["hidden"]: {"draft": 1},
            world["empty"]: {},
        }, role


@pytest.mark.parametrize(
    ("query", "outsider_sees", "staff_sees"),
    [("budget", ["shown"], ["shown"]), ("deficit", [], ["hidden"]),
     ("weather", [], ["empty"]), ("Ledger", ["shown"], ["shown", "hidden", "empty"])],
)  # fmt: skip
def test_search_hits_are_limited_to_what_the_role_may_see(world, query, outsider_sees, staff_sees):
    for role, expected in [("outsider", outsider_sees)] + [(r, staff_sees) for r in STAFF]:
        client = api_for(world, role)
        api_ids = {a["id"] for a in api_list(client, "/api/v1/articles/", q=query)}
        assert api_ids == {world[name] for name in expected}, (role, "api")
        html_ids = {pk for pk, _ in html_rows(client, q=query)}
        assert html_ids == {world[name] for name in expected}, (role, "html")


def test_the_api_claim_list_shows_outsiders_the_published_claim_only(world):
    rows = api_list(api_for(world, "outsider"), "/api/v1/claims/")
    assert [(c["id"], c["status"]) for c in rows] == [(world["published"], "published")]
    every = {world[k] for k in ("published", "draft", "submitted", "hidden_draft")}
    for role in STAFF:
        assert {c["id"] for c in api_list(api_for(world, role), "/api/v1/claims/")} == every
    drafts = api_list(api_for(world, "outsider"), "/api/v1/claims/", status="draft")
    assert drafts == []


def test_the_html_article_list_shows_outsiders_one_row_with_the_published_count_only(world):
    rows = html_rows(api_for(world, "outsider"))
    assert rows == [(world["shown"], {"published": 1})]
    for role in STAFF:
        assert dict(html_rows(api_for(world, role))) == {
            world["shown"]: {"published": 1, "draft": 1, "submitted": 1},
            world["hidden"]: {"draft": 1},
            world["empty"]: {},
        }, role


def marked_claims(client, article):
    response = client.get(f"/articles/{article}/")
    assert response.status_code == 200
    html = response.content.decode()
    return set(map(int, re.findall(r'data-card-for="(\d+)"', html)))


def test_the_reading_view_shows_outsiders_the_published_claim_only(world):
    outsider = api_for(world, "outsider")
    assert marked_claims(outsider, world["shown"]) == {world["published"]}
    assert outsider.get(f"/articles/{world['hidden']}/").status_code == 404
    assert outsider.get(f"/articles/{world['empty']}/").status_code == 404
    for role in STAFF:
        client = api_for(world, role)
        assert marked_claims(client, world["shown"]) == {
            world["published"],
            world["draft"],
            world["submitted"],
        }, role
        assert marked_claims(client, world["hidden"]) == {world["hidden_draft"]}, role
