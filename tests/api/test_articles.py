"""Articles, file import and revisions through the API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from factcheck.articles.importers import BINARY_CONTENT, NOT_UTF8
from factcheck.articles.models import Article
from factcheck.articles.services import CANNOT_ASSIGN, CANNOT_EDIT, DUPLICATE_URL, URL_NOT_HTTP
from factcheck.reviews.revisions import BODY_UNCHANGED
from tests.factories import ArticleFactory, make_claim

pytestmark = pytest.mark.django_db

ARTICLE_KEYS = {
    "id", "title", "url", "publisher", "author", "published_on", "language", "body", "revision",
    "status", "assignees", "claim_counts", "created_at", "updated_at",
}  # fmt: skip


def test_an_article_is_created_and_read_back_in_the_api_shape(api, editor, reviewer):
    payload = {"title": "Markets", "body": "Line one.\r\nLine two.", "url": "https://n.example/1",
               "published_on": "2025-01-29", "assignees": ["reviewer"]}  # fmt: skip
    response = api.as_user(editor).post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert set(data) == ARTICLE_KEYS
    assert data["body"] == "Line one.\nLine two."
    assert (data["revision"], data["assignees"], data["claim_counts"]) == (1, ["reviewer"], {})
    assert api.get(f"/api/v1/articles/{data['id']}/").json() == data


def test_a_reviewer_cannot_assign_reviewers_when_creating_an_article(api, reviewer, reviewer2):
    payload = {"title": "Markets", "body": "Line one.", "assignees": ["reviewer2"]}
    response = api.as_user(reviewer).post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"assignees": [CANNOT_ASSIGN]}
    assert not Article.objects.filter(title="Markets").exists()
    payload.pop("assignees")
    created = api.as_user(reviewer).post("/api/v1/articles/", payload, format="json")
    assert created.status_code == 201


def test_article_create_refuses_bad_urls_and_duplicates_naming_the_field(api, reviewer, article):
    client = api.as_user(reviewer)
    bad = client.post("/api/v1/articles/", {"title": "T", "body": "B", "url": "javascript:x"},
                      format="json")  # fmt: skip
    assert bad.status_code == 400 and bad.json()["errors"] == {"url": [URL_NOT_HTTP]}
    dup = client.post("/api/v1/articles/", {"title": "T", "body": article.body}, format="json")
    assert dup.status_code == 400 and set(dup.json()["errors"]) == {"body"}
    long = client.post("/api/v1/articles/", {"title": "x" * 301, "body": "B"}, format="json")
    assert long.status_code == 400 and set(long.json()["errors"]) == {"title"}


def test_the_article_list_filters_searches_and_counts_claims(api, editor, reviewer, article):
    other = ArticleFactory(actor=editor, title="Weather report", publisher="Met Office",
                           body="Rain all week in the north.")  # fmt: skip
    make_claim(article, reviewer)
    make_claim(article, reviewer, "DeepSeek")
    client = api.as_user(editor)
    client.patch(f"/api/v1/articles/{other.pk}/", {"assignees": ["reviewer"]}, format="json")

    def ids(query):
        response = client.get(f"/api/v1/articles/?{query}")
        assert response.status_code == 200, response.json()
        return [a["id"] for a in response.json()["results"]]

    assert ids("q=rain") == [other.pk]
    assert ids("publisher=met office") == [other.pk]
    assert ids("assignee=reviewer") == [other.pk]
    assert sorted(ids("status=in_progress")) == sorted([article.pk, other.pk])
    assert ids("status=published") == []
    assert ids("ordering=title") == [article.pk, other.pk]
    first = client.get("/api/v1/articles/?ordering=id").json()["results"][0]
    assert first["claim_counts"] == {"draft": 2}
    assert client.get("/api/v1/articles/?status=bogus").status_code == 400


def test_patch_edits_metadata_but_only_for_editors_and_assignees(api, editor, reviewer2, article):
    url = f"/api/v1/articles/{article.pk}/"
    refused = api.as_user(reviewer2).patch(url, {"title": "Mine"}, format="json")
    assert refused.status_code == 403 and refused.json()["detail"] == CANNOT_EDIT
    response = api.as_user(editor).patch(url, {"title": "New title", "language": "fr"},
                                         format="json")  # fmt: skip
    assert response.status_code == 200
    assert (response.json()["title"], response.json()["language"]) == ("New title", "fr")
    assert api.patch(url, {"body": "ignored"}, format="json").json()["body"] == article.body


def test_a_file_is_imported_as_plain_text(api, reviewer):
    html = (b"<html><head><title>Big &amp; bold</title><script>alert(1)</script></head>"
            b"<body><p>First <b>para</b>.</p><p>Second<br>line.</p></body></html>")  # fmt: skip
    upload = SimpleUploadedFile("story.html", html, content_type="text/html")
    response = api.as_user(reviewer).post(
        "/api/v1/articles/import/", {"file": upload, "url": "https://n.example/imp"},
        format="multipart",
    )  # fmt: skip
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["title"] == "Big & bold"
    assert data["body"] == "First para.\n\nSecond\nline."
    assert data["url"] == "https://n.example/imp"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("story.txt", b"\xff\xfe bad", NOT_UTF8),
        ("story.txt", b"PK\x03\x04zipzipzip", BINARY_CONTENT),
        ("story.exe", b"MZ", None),
        ("story.md", b"", None),
    ],
)
def test_a_bad_import_file_is_refused_naming_the_file_field(api, reviewer, name, content, message):
    upload = SimpleUploadedFile(name, content)
    response = api.as_user(reviewer).post("/api/v1/articles/import/", {"file": upload},
                                          format="multipart")  # fmt: skip
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"file"}
    if message:
        assert response.json()["errors"]["file"] == [message]


def test_an_oversized_import_is_refused(api, reviewer, settings):
    settings.ARTICLE_UPLOAD_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.txt", b"a" * 101)
    response = api.as_user(reviewer).post("/api/v1/articles/import/", {"file": upload},
                                          format="multipart")  # fmt: skip
    assert response.status_code == 400
    assert "largest accepted" in response.json()["errors"]["file"][0]


def test_importing_a_duplicate_names_the_duplicated_field(api, reviewer, article):
    upload = SimpleUploadedFile("same.txt", article.body.encode())
    response = api.as_user(reviewer).post(
        "/api/v1/articles/import/", {"file": upload, "url": article.url}, format="multipart"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"file", "url"}
    assert errors["url"] == [DUPLICATE_URL.format(link=f"/articles/{article.pk}/")]


def test_a_new_revision_re_anchors_claims_and_is_listed(api, editor, reviewer, article):
    claim = make_claim(article, reviewer, "DeepSeek")
    url = f"/api/v1/articles/{article.pk}/revisions/"
    new_body = "Breaking: " + article.body
    response = api.as_user(editor).post(url, {"body": new_body, "note": "Lede"}, format="json")
    assert response.status_code == 201, response.json()
    assert (response.json()["number"], response.json()["note"]) == (2, "Lede")
    listed = api.get(url).json()
    assert [r["number"] for r in listed["results"]] == [2, 1]
    data = api.get(f"/api/v1/claims/{claim.pk}/").json()
    assert data["revision"] == 2 and data["start"] == claim.start + len("Breaking: ")
    assert api.get(f"/api/v1/articles/{article.pk}/").json()["revision"] == 2
    same = api.post(url, {"body": new_body}, format="json")
    assert same.status_code == 400 and same.json()["errors"] == {"body": [BODY_UNCHANGED]}
