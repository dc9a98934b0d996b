"""The new-article page with a file or a web address: what was extracted is shown for review
(editable), never saved silently; pasted text and a file at once is an error."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from factcheck.articles.models import Article
from factcheck.web.forms.articles import FETCH_WITH_TEXT, TEXT_AND_FILE
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
PAGES = Path(__file__).resolve().parent.parent / "fixtures/news/pages"
NEW = reverse("articles:new")


def truth(name):
    return json.loads((PAGES / f"{name}.json").read_text())


def resubmit(client, response, **changes):
    data = {k: v for k, v in response.context["form"].data.items() if k != "action"}
    return client.post(NEW, {**data, **changes, "action": "save"})


def test_pasted_text_and_a_file_at_once_is_an_error_not_a_silent_choice(client, reviewer):
    client.force_login(reviewer)
    upload = SimpleUploadedFile("a.txt", b"From the file.")
    response = client.post(NEW, {"title": "T", "body": "Pasted text.", "file": upload})
    assert response.status_code == 400
    assert TEXT_AND_FILE in response.content.decode()
    assert not Article.objects.exists()


def test_an_uploaded_page_fills_the_metadata_for_review_and_edits_are_kept(client, reviewer):
    client.force_login(reviewer)
    html = (PAGES / "09-blox-bundestag-wahl.html").read_bytes()
    response = client.post(NEW, {"file": SimpleUploadedFile("wahl.html", html)})
    assert response.status_code == 200 and not Article.objects.exists()
    form, expected = response.context["form"], truth("09-blox-bundestag-wahl")
    assert form["title"].value() == expected["title"]
    assert (form["author"].value(), form["published_on"].value()) == ("Katrin Vogel", "2025-02-24")
    assert (form["url"].value(), form["language"].value()) == (expected["url"], "de")
    assert "Sponsored Content" not in form["body"].value()
    saved = resubmit(client, response, title="Rekord-Wahlbeteiligung in Sachsen")
    assert saved.status_code == 302
    article = Article.objects.get()
    assert (article.title, article.language, article.url) == (
        "Rekord-Wahlbeteiligung in Sachsen", "de", expected["url"])  # fmt: skip
    assert article.body.startswith("Bei der Bundestagswahl am Sonntag")


def test_a_fetched_page_is_shown_for_review_then_saved(client, reviewer, news_server):
    client.force_login(reviewer)
    address = news_server.url("/redirect/1/20-amp-egg-prices.html")
    response = client.post(NEW, {"source": address, "action": "fetch"})
    assert response.status_code == 200, response.context["form"].errors
    assert f"Fetched from {address}" in response.content.decode()
    expected = truth("20-amp-egg-prices")
    assert response.context["form"]["url"].value() == expected["url"]
    assert resubmit(client, response).status_code == 302
    article = Article.objects.get()
    assert article.title == expected["title"] and article.author == "Henry Walsh"
    assert "ADVERTISEMENT" not in article.body and "You may also like" not in article.body


def test_a_fetched_page_known_under_its_canonical_url_is_flagged_before_saving(
    client, reviewer, editor, news_server
):
    existing = ArticleFactory(actor=editor, url=truth("20-amp-egg-prices")["url"], body="Eggs.")
    client.force_login(reviewer)
    response = client.post(NEW, {"source": news_server.url("/pages/20-amp-egg-prices.html"),
                                 "action": "fetch"})  # fmt: skip
    assert response.status_code == 400
    link = reverse("articles:detail", args=[existing.pk])
    assert f'<a href="{link}">open the existing article</a>' in response.content.decode()
    # An article stored under the address fetched: saving the text under no URL at all is
    # still refused, because the form remembers where the text came from.
    local = news_server.url("/pages/16-ghost-mine-reopening.html")
    ArticleFactory(actor=editor, url=local, body="Mine.")
    response = client.post(NEW, {"title": "x", "body": "Mine again.", "url": "", "source": local})
    assert response.status_code == 400 and response.context["form"].errors["url"]
    assert Article.objects.count() == 2


def test_internal_addresses_are_refused_on_the_address_field(client, reviewer, news_server):
    client.force_login(reviewer)
    for address in ("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:1/x",
                    "file:///etc/passwd"):  # fmt: skip
        response = client.post(NEW, {"source": address, "action": "fetch"})
        assert response.status_code == 400
        assert response.context["form"].errors.get("source"), address
    assert not Article.objects.exists()


def test_fetching_with_text_in_the_box_is_an_error(client, reviewer, news_server):
    client.force_login(reviewer)
    response = client.post(NEW, {"source": news_server.url("/pages/x.html"), "action": "fetch",
                                 "body": "Some pasted text."})  # fmt: skip
    assert response.status_code == 400 and FETCH_WITH_TEXT in response.content.decode()
    assert news_server.requests == []
