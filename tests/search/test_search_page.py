"""The claims search page: ranking, filters, highlighted and escaped snippets, visibility."""

import pytest
from django.urls import reverse

from factcheck.web.forms.search import DATES_REVERSED
from tests.factories import make_claim
from tests.search.conftest import publish

pytestmark = pytest.mark.django_db
URL = "/claims/search/"


@pytest.fixture
def claims(older, newer, reviewer, editor, editor2):
    wall = make_claim(older, reviewer, "The Great Wall of China is visible from space",
                      claimant="A <script>alert(1)</script> blog", tags=["space"])  # fmt: skip
    mmr = publish(make_claim(older, reviewer, "The MMR vaccine causes autism in children",
                             verdict="false"), reviewer, editor, editor2)  # fmt: skip
    jobs = make_claim(newer, reviewer, "Unemployment fell to 3.5%, the lowest rate in 50 years")
    return {"wall": wall, "mmr": mmr, "jobs": jobs}


def result_ids(response):
    return [row["claim"].pk for row in response.context["rows"]]


def test_the_page_ranks_matches_and_highlights_the_query_words(client, reviewer, claims):
    client.force_login(reviewer)
    response = client.get(URL, {"q": "vaccines cause autism"})
    assert response.status_code == 200
    assert result_ids(response) == [claims["mmr"].pk]
    html = response.content.decode()
    assert "<mark>vaccine</mark>" in html and "<mark>autism</mark>" in html
    assert f'href="/articles/{claims["mmr"].article_id}/#claim-{claims["mmr"].pk}"' in html


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"verdict": "false"}, ["mmr"]),
        ({"status": "published"}, ["mmr"]),
        ({"status": "draft"}, ["jobs", "wall"]),
        ({"tag": "space"}, ["wall"]),
        ({"claimant": "blog"}, ["wall"]),
        ({"author": "reviewer"}, ["jobs", "mmr", "wall"]),
        ({"author": "editor"}, []),
        ({"date_from": "2000-01-01", "date_to": "2999-12-31"}, ["jobs", "mmr", "wall"]),
        ({"date_to": "2000-01-01"}, []),
    ],
)
def test_each_filter_narrows_the_results(client, reviewer, claims, filters, expected):
    client.force_login(reviewer)
    response = client.get(URL, filters)
    assert sorted(result_ids(response)) == sorted(claims[name].pk for name in expected)


def test_the_article_filter_and_the_query_combine(client, reviewer, claims, newer):
    client.force_login(reviewer)
    response = client.get(URL, {"q": "unemployment 3.5%", "article": newer.pk})
    assert result_ids(response) == [claims["jobs"].pk]
    response = client.get(URL, {"q": "great wall", "article": newer.pk})
    assert result_ids(response) == []


def test_user_text_is_escaped_in_results(client, reviewer, claims):
    client.force_login(reviewer)
    html = client.get(URL, {"q": "great wall blog"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_bad_filters_say_which_field_and_show_no_results(client, reviewer, claims):
    client.force_login(reviewer)
    response = client.get(URL, {"date_from": "2025-02-01", "date_to": "2025-01-01"})
    assert response.status_code == 200
    assert DATES_REVERSED in response.content.decode() and response.context["rows"] == []
    response = client.get(URL, {"article": "not-a-number"})
    assert "Enter a whole number." in response.content.decode()


def test_outsiders_find_published_claims_only_with_their_public_copy(client, outsider, claims):
    client.force_login(outsider)
    assert result_ids(client.get(URL, {"q": "great wall space"})) == []
    response = client.get(URL, {"q": "vaccine autism"})
    assert result_ids(response) == [claims["mmr"].pk]
    assert reverse("reports:report", args=[claims["mmr"].article_id]) in response.content.decode()
    assert result_ids(client.get(URL, {"status": "draft"})) == []


def test_the_page_needs_a_sign_in(client):
    response = client.get(URL, {"q": "x"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
