"""Branded 404 and 500 pages with DEBUG off (issue 11 item 10: Django's bare pages showed).

The 500 page is rendered with an empty context, no request and no database: a failing database
must still get a page that looks like the site.
"""

import pytest
from django.test import Client, RequestFactory
from django.views.defaults import server_error

BRAND = '<a class="brand" href="/">'
STYLESHEET = "css/app.css"


@pytest.fixture
def production(settings):
    settings.DEBUG = False


@pytest.mark.django_db
def test_an_unknown_address_gets_the_branded_404_page(client, production):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert BRAND in html and STYLESHEET in html
    assert "Page not found" in html and 'href="/articles/"' in html


@pytest.mark.django_db
def test_a_missing_article_shows_the_404_page_inside_the_signed_in_site(client, production,
                                                                       reviewer):  # fmt: skip
    client.force_login(reviewer)
    response = client.get("/articles/987654/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html and "Sign out" in html and "Search claims" in html


@pytest.mark.django_db
@pytest.mark.urls("tests.views.error_urls")
def test_a_failing_view_gets_the_branded_500_page(production):
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert BRAND in html and STYLESHEET in html and "Something went wrong" in html
    assert "RuntimeError" not in html and "a bug in a view" not in html


def test_the_500_page_renders_without_the_database_or_a_request_context(production):
    # No django_db mark: any query here fails the test.
    response = server_error(RequestFactory().get("/anything/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert BRAND in html and "Something went wrong" in html
    assert "Sign out" not in html  # no user: nothing that needs the session
