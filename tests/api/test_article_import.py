"""Importing articles through the API: files and pages with metadata, by URL (fetched from the
local test server only), previews, and the duplicate check on every URL of a page."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factcheck.articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

PAGES = Path(__file__).resolve().parent.parent / "fixtures/news/pages"
COUNCIL = "01-wordpress-council-budget"


def page(name):
    return (PAGES / f"{name}.html").read_bytes(), json.loads((PAGES / f"{name}.json").read_text())


def test_an_html_upload_keeps_the_article_and_fills_its_metadata(api, reviewer):
    html, truth = page(COUNCIL)
    upload = SimpleUploadedFile("story.html", html, content_type="text/html")
    response = api.as_user(reviewer).post(
        "/api/v1/articles/import/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["title"] == truth["title"]
    assert (data["author"], data["published_on"]) == ("Maria Okafor", "2025-03-04")
    assert (data["publisher"], data["url"], data["language"]) == (
        "Riverside Ledger", truth["url"], "en")  # fmt: skip
    assert data["body"].startswith(truth["main_text"][0])
    assert "ADVERTISEMENT" not in data["body"] and "Leave a Reply" not in data["body"]


def test_fields_sent_with_an_upload_override_the_page(api, reviewer):
    html, _ = page(COUNCIL)
    upload = SimpleUploadedFile("story.html", html)
    response = api.as_user(reviewer).post(
        "/api/v1/articles/import/",
        {"file": upload, "title": "Budget vote", "author": "Desk", "language": "fr"},
        format="multipart",
    )
    data = response.json()
    assert (data["title"], data["author"], data["language"]) == ("Budget vote", "Desk", "fr")
    assert data["publisher"] == "Riverside Ledger"


def test_a_preview_shows_what_would_be_imported_and_saves_nothing(api, reviewer):
    html, truth = page("06-guardian-measles-cases")
    upload = SimpleUploadedFile("m.html", html)
    response = api.as_user(reviewer).post(
        "/api/v1/articles/import/", {"file": upload, "preview": "true"}, format="multipart"
    )
    assert response.status_code == 200
    data = response.json()
    assert (data["title"], data["url"], data["duplicates"]) == (truth["title"], truth["url"], {})
    assert Article.objects.count() == 0


def test_import_by_url_fetches_extracts_and_saves_under_the_canonical_url(api, reviewer,
                                                                         news_server):  # fmt: skip
    _, truth = page("02-arc-heat-record")
    address = news_server.url("/redirect/2/02-arc-heat-record.html")
    response = api.as_user(reviewer).post("/api/v1/articles/import-url/", {"url": address},
                                          format="json")  # fmt: skip
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["title"], data["url"], data["author"]) == (truth["title"], truth["url"],
                                                            "Tom Brennan")  # fmt: skip
    article = Article.objects.get()
    assert article.current.note == f"Imported from {address}."


def test_the_same_page_is_not_imported_twice_under_any_of_its_urls(api, reviewer, editor,
                                                                   news_server):  # fmt: skip
    client = api.as_user(reviewer)
    # Stored under its canonical URL by someone else: fetching the page finds that URL.
    _, truth = page("03-drupal-stadium-vote")
    ArticleFactory(actor=editor, url=truth["url"], body="Other text.")
    response = client.post("/api/v1/articles/import-url/",
                           {"url": news_server.url("/pages/03-drupal-stadium-vote.html")},
                           format="json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["errors"]["url"][0].startswith("An article with this source URL")
    # Stored under the address asked for: refused before fetching anything.
    before = len(news_server.requests)
    local = news_server.url("/pages/04-ghost-ferry-fares.html")
    ArticleFactory(actor=editor, url=local, body="More text.")
    response = client.post("/api/v1/articles/import-url/", {"url": local}, format="json")
    assert response.status_code == 400 and len(news_server.requests) == before
    # A preview says so too.
    response = client.post("/api/v1/articles/import-url/", {"url": news_server.url(
        "/pages/03-drupal-stadium-vote.html"), "preview": True}, format="json")  # fmt: skip
    assert response.status_code == 200 and set(response.json()["duplicates"]) == {"url"}


def test_import_by_url_refuses_internal_addresses_naming_the_field(api, reviewer, news_server):
    client = api.as_user(reviewer)
    for address in (
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost:8000/admin/",
        news_server.url("/redirect-to?url=http://10.0.0.1/"),
        "file:///etc/passwd",
    ):
        response = client.post("/api/v1/articles/import-url/", {"url": address}, format="json")
        assert response.status_code == 400, address
        assert set(response.json()["errors"]) == {"url"}
    assert Article.objects.count() == 0


def test_a_page_without_article_text_is_refused(api, reviewer, news_server):
    response = api.as_user(reviewer).post(
        "/api/v1/articles/import-url/", {"url": news_server.url("/empty")}, format="json"
    )
    assert response.status_code == 400 and set(response.json()["errors"]) == {"url"}


def test_plain_text_pages_are_imported_as_text(api, reviewer, news_server):
    response = api.as_user(reviewer).post(
        "/api/v1/articles/import-url/", {"url": news_server.url("/plain.txt")}, format="json"
    )
    assert response.status_code == 201
    assert response.json()["title"] == "Plain headline"


def test_only_reviewers_and_editors_import_and_nothing_is_fetched_for_others(
    api, outsider, news_server
):
    response = api.as_user(outsider).post(
        "/api/v1/articles/import-url/", {"url": news_server.url("/pages/x.html")}, format="json"
    )
    assert response.status_code == 403
    assert news_server.requests == []
    assert api.as_user(None).post("/api/v1/articles/import-url/", {"url": "x"},
                                  format="json").status_code == 401  # fmt: skip
