"""Behaviour no other test reached: CSRF on the session-cookie API, evidence ids of another
claim, the PDF renderer's refusal to fetch, and the anonymous export throttle."""

import http.server
import logging
import threading

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from factcheck.claims.models import Claim, ClaimStatus, EvidenceLink, ReviewEvent
from factcheck.reports import api as reports_api
from factcheck.reports.pdf import html_to_pdf
from factcheck.reviews import services as wf
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


def snapshot():
    claims = {c.pk: (c.status, c.version, c.claimant) for c in Claim.objects.all()}
    links = {e.pk: (e.claim_id, e.url, e.title, e.is_removed) for e in EvidenceLink.objects.all()}
    return claims, links, ReviewEvent.objects.count()


@pytest.fixture
def api():
    class Client(APIClient):
        def as_user(self, user):
            self.force_login(user)
            return self

    return Client()


# --------------------------------------------------------------------------- CSRF


@pytest.fixture
def submitted(article, reviewer):
    claim = make_claim(article, reviewer)
    return wf.claim_submit(actor=reviewer, claim=claim)


def csrf_client(user):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_a_session_cookie_api_post_without_the_csrf_token_is_refused(editor, submitted):
    client = csrf_client(editor)
    before = snapshot()
    response = client.post(f"/api/v1/claims/{submitted.pk}/approve/", {}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert snapshot() == before


def test_the_same_post_with_the_token_or_a_token_header_goes_through(editor, submitted):
    client = csrf_client(editor)
    client.get("/articles/")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(f"/api/v1/claims/{submitted.pk}/approve/",
                           {"version": submitted.version}, format="json",
                           HTTP_X_CSRFTOKEN=token)  # fmt: skip
    assert response.status_code == 200, response.content
    submitted.refresh_from_db()
    assert (submitted.status, submitted.approver) == (ClaimStatus.APPROVED, editor)

    # Token authentication carries no ambient credential: no CSRF token needed.
    tokened = APIClient(enforce_csrf_checks=True)
    tokened.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    response = tokened.post(f"/api/v1/claims/{submitted.pk}/request-changes/",
                            {"note": "Check it.", "version": submitted.version},
                            format="json")  # fmt: skip
    assert response.status_code == 200, response.content
    submitted.refresh_from_db()
    assert submitted.status == ClaimStatus.CHANGES_REQUESTED


def test_a_browser_fetch_endpoint_refuses_a_post_without_the_csrf_token(client, editor,
                                                                        submitted):  # fmt: skip
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(editor)
    before = snapshot()
    url = reverse("reviews:claim_action", args=[submitted.pk, "approve"])
    assert client.post(url, {"version": submitted.version}).status_code == 403
    assert snapshot() == before


# --------------------------------------------------------------------------- cross-claim ids


@pytest.fixture
def two_drafts(article, reviewer):
    mine = make_claim(article, reviewer, "$600 billion")
    other = make_claim(article, reviewer, "Nasdaq")
    return mine, other, other.evidence_links.get()


@pytest.mark.parametrize("method", ["patch", "delete"])
def test_evidence_of_another_claim_is_not_found_through_this_claims_url(api, reviewer, two_drafts,
                                                                        method):  # fmt: skip
    mine, _, foreign = two_drafts
    before = snapshot()
    client = api.as_user(reviewer)
    url = f"/api/v1/claims/{mine.pk}/evidence/{foreign.pk}/"
    response = getattr(client, method)(url, {"title": "Hijacked"}, format="json")
    assert response.status_code == 404
    assert snapshot() == before


def test_an_inline_evidence_id_of_another_claim_is_refused_by_the_api(api, reviewer, two_drafts):
    mine, _, foreign = two_drafts
    before = snapshot()
    response = api.as_user(reviewer).patch(
        f"/api/v1/claims/{mine.pk}/",
        {"version": mine.version, "claimant": "Changed",
         "evidence": [{"id": foreign.pk, "url": "https://evil.example/"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "Unknown evidence id(s) for this claim" in str(response.json()["errors"]["evidence"])
    assert snapshot() == before  # the claimant change is not half-applied either


def test_an_inline_evidence_id_of_another_claim_is_refused_by_the_form(client, reviewer,
                                                                      two_drafts):  # fmt: skip
    mine, _, foreign = two_drafts
    before = snapshot()
    client.force_login(reviewer)
    data = {"version": mine.version, "claim_text": "", "claimant": "Changed", "verdict": "true",
            "rationale": "R", "tags": "", "evidence-TOTAL_FORMS": "1",
            "evidence-INITIAL_FORMS": "1", "evidence-0-id": str(foreign.pk),
            "evidence-0-url": "https://evil.example/", "evidence-0-stance": "supports"}  # fmt: skip
    response = client.post(reverse("reviews:claim_edit", args=[mine.pk]), data)
    assert response.status_code == 400
    assert "Unknown evidence id(s) for this claim" in response.content.decode()
    assert snapshot() == before


# --------------------------------------------------------------------------- PDF fetcher


class Hits(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self):
        Hits.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def http_target():
    Hits.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_pdf_renderer_fetches_no_url_of_any_scheme(http_target, tmp_path, caplog):
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    urls = [f"{http_target}/image.png", f"{http_target}/style.css", f"file://{secret}",
            "data:image/png;base64,iVBORw0KGgo=", "/static/css/report.css"]  # fmt: skip
    html = "".join(f'<link rel="stylesheet" href="{url}">' for url in urls[1:3]) + "<p>Report</p>"
    html += "".join(f'<img src="{url}">' for url in (urls[0], *urls[3:]))
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert Hits.seen == []  # the local server was never asked
    refused = "\n".join(r.getMessage() for r in caplog.records)
    for url in urls:
        shown = url if url.startswith(("http", "file", "data")) else url.lstrip("/")
        assert shown[:40] in refused, (url, refused)
    assert refused.count("PDF rendering fetches no URLs") >= len(urls)


# --------------------------------------------------------------------------- export throttle


def test_anonymous_exports_are_throttled_per_client_and_staff_are_not(monkeypatch, editor):
    monkeypatch.setattr(reports_api.ExportAnonThrottle, "rate", "3/min")
    monkeypatch.setattr(reports_api.ExportAnonThrottle, "num_requests", 3, raising=False)
    url = reverse("reports-api:claims-csv")
    anonymous = APIClient()
    assert [anonymous.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = anonymous.get(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["code"] == "throttled"
    other_address = APIClient(REMOTE_ADDR="10.0.0.9")
    assert other_address.get(url).status_code == 200
    staff = APIClient()
    staff.force_login(editor)
    assert [staff.get(url).status_code for _ in range(5)] == [200] * 5
