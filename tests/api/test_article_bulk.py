"""POST /api/v1/articles/bulk/: the API's validation per article, all-or-nothing per article,
a result for each, a stated limit per request."""

from pathlib import Path

import pytest

from factcheck.articles.bulk import TOO_MANY
from factcheck.articles.models import Article
from factcheck.articles.serializers import BODY_AND_HTML
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
PAGES = Path(__file__).resolve().parent.parent / "fixtures/news/pages"


def test_the_bulk_endpoint_reports_each_article_and_keeps_the_good_ones(api, reviewer, editor):
    ArticleFactory(actor=editor, url="https://n.example/old", body="Old.")
    html = (PAGES / "08-amp-app-privacy.html").read_text()
    payload = {"articles": [
        {"title": "Fine", "body": "A fine story."},
        {"title": "Dup", "body": "x", "url": "https://n.example/old"},
        {"body": "no title"},
        {"html": html},
        {"html": "<p>x</p>", "body": "both"},
        "not an object",
    ]}  # fmt: skip
    response = api.as_user(reviewer).post("/api/v1/articles/bulk/", payload, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert (data["created"], data["duplicates"], data["invalid"]) == (2, 1, 3)
    statuses = [(r["index"], r["status"]) for r in data["results"]]
    assert statuses == [(0, "created"), (1, "duplicate"), (2, "invalid"), (3, "created"),
                        (4, "invalid"), (5, "invalid")]  # fmt: skip
    assert data["results"][2]["errors"] == {"title": ["Give the article a title."]}
    assert data["results"][4]["errors"] == {"html": [BODY_AND_HTML]}
    page = Article.objects.get(pk=data["results"][3]["id"])
    assert page.title.startswith("Popular fitness app") and page.language == "en"
    assert Article.objects.count() == 3


def test_the_bulk_endpoint_has_a_stated_limit_and_a_dry_run(api, reviewer, settings):
    settings.ARTICLE_BULK_MAX = 3
    client = api.as_user(reviewer)
    items = [{"title": f"T{n}", "body": f"Body {n}."} for n in range(4)]
    too_many = client.post("/api/v1/articles/bulk/", {"articles": items}, format="json")
    assert too_many.status_code == 400
    assert too_many.json()["errors"] == {"articles": [TOO_MANY.format(limit=3, count=4)]}
    dry = client.post("/api/v1/articles/bulk/", {"articles": items[:3], "dry_run": True},
                      format="json")  # fmt: skip
    assert [r["status"] for r in dry.json()["results"]] == ["valid"] * 3
    assert Article.objects.count() == 0
    assert client.post("/api/v1/articles/bulk/", {"articles": []}, format="json").status_code == 400


def test_the_bulk_endpoint_needs_a_reviewer(api, outsider):
    payload = {"articles": [{"title": "T", "body": "B"}]}
    assert api.as_user(outsider).post("/api/v1/articles/bulk/", payload,
                                      format="json").status_code == 403  # fmt: skip
    assert Article.objects.count() == 0
