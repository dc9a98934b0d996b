"""Hostile uploads through both doors (the API import and the browser's new-article form):
wrong types, oversized files, invalid UTF-8, compressed "bombs" and tag/entity bombs are refused
with a clear message, and nothing is created (bench/bench_diff.py times the tag bomb).
(tests/api/test_importers.py covers the extractor itself.)"""

import gzip

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from factcheck.articles.importers import BINARY_CONTENT, FILE_EMPTY, NOT_UTF8
from factcheck.articles.models import Article

pytestmark = pytest.mark.django_db

LIMIT = 4096
NESTED = b"<div>" * 150_000 + b"</div>" * 150_000  # ~1.6 MB, no text at all
LAUGHS = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><title>Laughs</title><p>&lol3;</p>'
)
REFUSED = [
    ("story.exe", b"MZ\x90\x00", "Upload a .txt, .md or .html file"),
    ("drawing.svg", b"<svg onload=alert(1)></svg>", "Upload a .txt, .md or .html file"),
    ("noextension", b"plain text", "Upload a .txt, .md or .html file"),
    ("big.txt", b"a" * (LIMIT + 1), "the largest accepted is 4.0\xa0KB"),
    ("latin1.txt", "Café crème".encode("latin-1"), NOT_UTF8),
    # 3 MB of text in ~3 KB: under the size limit, so the content check must catch it.
    ("bomb.html", gzip.compress(b"<p>" + b"a" * 3_000_000), BINARY_CONTENT),
    ("bomb.txt", gzip.compress(b"a" * 3_000_000), BINARY_CONTENT),
    ("archive.md", b"PK\x03\x04" + b"\x00" * 100, BINARY_CONTENT),
    ("nul.html", b"<p>te\x00xt</p>", BINARY_CONTENT),
    ("empty.html", b"<script>alert(1)</script><style>p{}</style>", FILE_EMPTY),
]


@pytest.fixture(autouse=True)
def _small_limit(settings):
    settings.ARTICLE_UPLOAD_MAX_BYTES = LIMIT


def api_import(client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post("/api/v1/articles/import/", {"file": upload}, format="multipart")


def form_upload(client, name, content):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("articles:new"), {"title": "", "file": upload})


@pytest.fixture
def api(reviewer):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(reviewer)
    return client


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_the_api_import_refuses_hostile_files_naming_the_file_field(api, name, content, message):
    response = api_import(api, name, content)
    assert response.status_code == 400, response.content
    assert any(message in m for m in response.json()["errors"]["file"]), response.json()
    assert not Article.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), REFUSED)
def test_the_upload_form_refuses_hostile_files_with_the_message_by_the_field(
    client, reviewer, name, content, message
):
    client.force_login(reviewer)
    response = form_upload(client, name, content)
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.parametrize("door", [api_import, form_upload])
def test_a_deeply_nested_tag_bomb_is_refused(settings, api, client, reviewer, door):
    settings.ARTICLE_UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    client.force_login(reviewer)
    response = door(api if door is api_import else client, "nested.html", NESTED)
    assert response.status_code == 400
    assert escape(FILE_EMPTY) in response.content.decode()


@pytest.mark.parametrize("door", [api_import, form_upload])
def test_entity_definitions_are_never_expanded(api, client, reviewer, door):
    client.force_login(reviewer)
    response = door(api if door is api_import else client, "laughs.html", LAUGHS)
    if door is form_upload:  # the browser shows the extracted text for review first
        assert response.status_code == 200, response.content
        data = {k: v for k, v in response.context["form"].data.items() if k != "action"}
        response = client.post(reverse("articles:new"), {**data, "action": "save"})
    assert response.status_code in (201, 302), response.content
    article = Article.objects.get()
    assert article.title == "Laughs"
    assert len(article.body) < 100 and "lollol" not in article.body
