"""XSS payloads in every field a user can fill: every page, fragment, admin screen and export
shows them as text (nothing executable in the HTML), and non-http(s) URLs are refused."""

import csv
import io
import json

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from factcheck.claims.models import Claim
from tests.hardening.hostile import (
    BAD_URLS,
    TITLE,
    XSS,
    assert_inert,
    build_hostile_world,
    json_contains,
    make_hostile_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hostile(editor, editor2):
    author = make_hostile_user(get_user_model())
    article, claims = build_hostile_world(author=author, editor=editor, editor2=editor2)
    return article, claims, author


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_the_reading_view_and_every_claim_panel_show_payloads_as_text(client, hostile, editor):
    article, claims, _ = hostile
    client.force_login(editor)
    html = _get(client, reverse("articles:detail", args=[article.pk]))
    assert_inert(html, shows=(TITLE, *XSS))
    for claim in claims:
        claim.refresh_from_db()
        panel = _get(client, reverse("reviews:claim_panel", args=[claim.pk]))
        assert_inert(panel, shows=(claim.claim_text, claim.claimant))


def test_the_review_queue_article_list_and_dashboard_show_payloads_as_text(client, hostile, editor):
    client.force_login(editor)
    queued = [c for c in Claim.objects.filter(status="submitted")]
    assert queued
    assert_inert(_get(client, reverse("reviews:queue")),
                 shows=tuple(c.claim_text for c in queued))  # fmt: skip
    assert_inert(_get(client, reverse("articles:list")), shows=(TITLE,))
    assert_inert(_get(client, reverse("reports:dashboard")))


@pytest.mark.parametrize("as_staff", [False, True])
def test_the_report_shows_payloads_as_text_and_its_json_ld_stays_json(
    client, hostile, editor, as_staff
):
    article, _, _ = hostile
    if as_staff:
        client.force_login(editor)
    html = _get(client, reverse("reports:report", args=[article.pk]))
    audit = assert_inert(html, shows=(TITLE,))
    assert audit.json_blocks, "the report carries its ClaimReview JSON-LD"
    assert json_contains([json.loads(b) for b in audit.json_blocks], TITLE)


def test_every_admin_changelist_and_change_page_shows_payloads_as_text(client, hostile, admin_user):
    client.force_login(admin_user)
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert_inert(_get(client, changelist))
        obj = model._default_manager.order_by("-pk").first()
        if obj is not None and model_admin.has_view_permission(_request(admin_user)):
            change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
            assert_inert(_get(client, change))


def test_the_admin_shows_every_claim_even_those_the_editor_may_no_longer_edit(
    client, hostile, editor
):
    _, claims, _ = hostile
    client.force_login(editor)
    for claim in claims:  # published and submitted claims are read-only for their content
        assert_inert(_get(client, reverse("admin:claims_claim_change", args=[claim.pk])))


def _request(user):
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    return request


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize("query", ["", "?status=submitted,changes_requested,approved,published"])
def test_the_csv_export_defuses_formulas_and_keeps_payloads_verbatim(
    client, hostile, editor, query
):
    client.force_login(editor)
    response = client.get(reverse("reports-api:claims-csv") + query)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) > 1
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(FORMULA_STARTS)]
    assert any("<script>" in cell for cell in cells)  # text, not stripped


def test_json_exports_are_json_with_payloads_verbatim_and_never_sniffed_as_html(client, hostile):
    article, _, _ = hostile
    for name in ("reports-api:claims-jsonl", "reports-api:claimreview"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "html" not in response.headers["Content-Type"]
        text = b"".join(response.streaming_content).decode()
        if name.endswith("jsonl"):
            items = [json.loads(line) for line in text.splitlines() if line.strip()]
        else:
            items = json.loads(text)
        assert json_contains(items, TITLE)
    url = reverse("reports-api:annotations", args=[article.pk])
    response = client.get(url)
    assert response.status_code == 200 and "html" not in response.headers["Content-Type"]
    assert json_contains(json.loads(b"".join(response.streaming_content)), TITLE)


@pytest.mark.parametrize("url", BAD_URLS)
def test_evidence_urls_other_than_http_are_refused_naming_the_field(api_client, editor, url):
    from tests.factories import ArticleFactory, make_claim

    claim = make_claim(ArticleFactory(actor=editor), editor)
    api_client.force_login(editor)
    response = api_client.post(f"/api/v1/claims/{claim.pk}/evidence/", {"url": url},
                               format="json")  # fmt: skip
    assert response.status_code == 400, response.json()
    assert "url" in response.json()["errors"]
    data = {"url": "https://ok.example", "archived_url": url}
    response = api_client.post(f"/api/v1/claims/{claim.pk}/evidence/", data, format="json")
    assert response.status_code == 400 and "archived_url" in response.json()["errors"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_article_urls_other_than_http_are_refused_by_api_and_browser_form(
    api_client, client, reviewer, url
):
    api_client.force_login(reviewer)
    data = {"title": "T", "body": f"Body for {url!r}.", "url": url}
    response = api_client.post("/api/v1/articles/", data, format="json")
    assert response.status_code == 400 and "url" in response.json()["errors"], response.json()
    client.force_login(reviewer)
    page = client.post(reverse("articles:new"), data)
    assert page.status_code == 400
    assert "Enter a valid http:// or https:// URL." in page.content.decode()


@pytest.fixture
def api_client():
    from rest_framework.test import APIClient

    return APIClient()
