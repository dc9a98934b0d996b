"""Adding articles by paste or upload; duplicates refused with a link to the existing one."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factcheck.articles.models import Article

pytestmark = pytest.mark.django_db


def test_pasted_article_is_created_and_opens_in_the_reading_view(client, reviewer):
    client.force_login(reviewer)
    data = {"title": "Jobs report", "body": "First para.\r\n\r\nSecond para.",
            "url": "https://news.example.org/jobs", "publisher": "Example"}  # fmt: skip
    response = client.post(reverse("articles:new"), data)
    article = Article.objects.get(title="Jobs report")
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:detail", args=[article.pk])
    assert article.body == "First para.\n\nSecond para."


def test_uploaded_html_is_shown_for_review_as_plain_text_then_saved(client, reviewer):
    client.force_login(reviewer)
    html = b"<html><title>Story</title><body><p>Hello <b>world</b></p><script>x()</script></body>"
    upload = SimpleUploadedFile("story.html", html, content_type="text/html")
    response = client.post(reverse("articles:new"), {"file": upload})
    assert response.status_code == 200 and not Article.objects.exists()
    form = response.context["form"]
    assert (form["title"].value(), form["body"].value()) == ("Story", "Hello world")
    assert "Extracted from story.html" in response.content.decode()
    client.post(reverse("articles:new"), {**form.data, "action": "save"})
    article = Article.objects.get()
    assert article.title == "Story" and article.body == "Hello world"


def test_duplicate_url_is_refused_with_a_link_to_the_existing_article(client, reviewer, article):
    client.force_login(reviewer)
    data = {"title": "Again", "body": "Other text entirely.", "url": article.url}
    response = client.post(reverse("articles:new"), data)
    assert response.status_code == 400
    link = reverse("articles:detail", args=[article.pk])
    assert f'<a href="{link}">open the existing article</a>' in response.content.decode()
    assert Article.objects.count() == 1


def test_an_unknown_file_type_is_refused_next_to_the_file_field(client, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("story.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post(reverse("articles:new"), {"title": "x", "file": upload})
    assert response.status_code == 400
    assert "Upload a .txt, .md or .html file" in response.content.decode()


def test_a_reader_without_a_role_cannot_add_articles(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("articles:new")).status_code == 403
