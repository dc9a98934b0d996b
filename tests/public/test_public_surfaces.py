"""Every public surface reads only the published version (issue 15, items 3 and 8).

The state of the bug: a published claim sent back to review by a revision of the article,
whose author then PATCHes its verdict, rationale, text, claimant, tags and evidence. None of it
was approved, so the report, its PDF, the public API and its filters, every export, the W3C
annotations, ClaimReview and the search still show (and filter on) the approved version.
"""

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from factcheck.claims.models import Claim
from tests.public.helpers import published_claim, send_back_by_revision
from tests.reports.helpers import run_validator, streamed

PROBES = ("PROBE", "Probe Claimant", "probe.example", '"probe"', "#probe")


@pytest.fixture
def probed(article, reviewer, editor, editor2):
    """The published claim, then its unapproved working copy (the author's PATCH)."""
    claim = published_claim(article, author=reviewer, approver=editor, publisher=editor2,
                            claimant="Jane Doe", tags=["markets"])  # fmt: skip
    checked = datetime.now(UTC)
    claim = send_back_by_revision(claim, editor=editor)
    claim.published_checked_at = checked  # after publication, before the author's edits
    author = APIClient()
    author.force_login(reviewer)
    response = author.patch(f"/api/v1/claims/{claim.pk}/", {
        "version": claim.version, "verdict": "false", "claimant": "Probe Claimant",
        "tags": ["probe"], "claim_text": "PROBE TEXT", "rationale": "PROBE RATIONALE",
        "evidence": [{"url": "https://probe.example/x", "title": "Probe", "stance": "refutes"}],
    }, format="json")  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["claimant"] == "Probe Claimant"  # staff see the working copy
    return claim


def _no_probe(text):
    for probe in PROBES:
        assert probe not in text, probe


def _approved(text, claim):
    assert "Jane Doe" in text
    assert f"https://evidence.example.org/{claim.pk}/0" in text
    assert "Checked against filings." in text


def test_the_report_shows_the_approved_version(probed, client):
    html = client.get(reverse("reports:report", args=[probed.article_id])).content.decode()
    _no_probe(html)
    _approved(html, probed)
    assert "<mark>DeepSeek</mark>" in html  # the published quote, not the revised text's


def test_the_pdf_shows_the_approved_version(probed, client, monkeypatch):
    from factcheck.reports import pdf

    rendered = []
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: rendered.append(html) or b"%PDF-x")
    response = client.get(reverse("reports:report_pdf", args=[probed.article_id]))
    assert response.status_code == 200
    _no_probe(rendered[0])
    _approved(rendered[0], probed)


def _public_clients(outsider):
    signed_in = APIClient()
    signed_in.force_login(outsider)
    return [APIClient(), signed_in]


def test_the_csv_export_shows_the_approved_version(probed, outsider):
    for api in _public_clients(outsider):
        text = streamed(api.get(reverse("reports-api:claims-csv")))
        _no_probe(text)
        (row,) = [r for r in csv.DictReader(io.StringIO(text)) if r["id"] == str(probed.pk)]
        assert (row["claimant"], row["claimant_kind"], row["verdict"], row["tags"]) == (
            "Jane Doe", "person", "true", "markets")  # fmt: skip
        assert row["evidence_urls"] == f"https://evidence.example.org/{probed.pk}/0"
        assert (row["quote"], row["version"], row["version_kind"]) == ("DeepSeek", "1",
                                                                       "publication")  # fmt: skip
        assert "status" not in row and "anchor_state" not in row  # public fields only


def test_the_jsonl_export_shows_the_approved_version(probed, outsider):
    for api in _public_clients(outsider):
        text = streamed(api.get(reverse("reports-api:claims-jsonl")))
        _no_probe(text)
        (record,) = [json.loads(line) for line in text.splitlines()]
        assert record["claimant"] == "Jane Doe" and record["verdict"] == "true"
        assert record["tags"] == ["markets"] and record["rationale"] == "Checked against filings."
        assert [e["url"] for e in record["evidence"]] == [
            f"https://evidence.example.org/{probed.pk}/0"
        ]


def test_the_annotations_show_the_approved_version(probed, client, tmp_path):
    text = streamed(client.get(reverse("reports-api:annotations", args=[probed.article_id])))
    _no_probe(text)
    (annotation,) = json.loads(text)["first"]["items"]
    values = {body.get("purpose"): body.get("value") for body in annotation["body"]}
    assert values["assessing"] == "True" and values["identifying"] == "Jane Doe"
    assert values["tagging"] == "markets"
    assert annotation["target"]["selector"][0]["exact"] == "DeepSeek"
    path = tmp_path / "annotations.jsonld"
    path.write_text(text, encoding="utf-8")
    result = run_validator("validate_w3c_annotation.py", path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_claimreview_shows_the_approved_version(probed, client, tmp_path):
    text = streamed(client.get(reverse("reports-api:claimreview")))
    _no_probe(text)
    (review,) = json.loads(text)
    assert review["claimReviewed"] == "DeepSeek"
    assert review["reviewRating"]["alternateName"] == "True"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Doe"}
    assert review["itemReviewed"]["appearance"]["url"] == probed.article.url  # not our report
    path = tmp_path / "claimreview.json"
    path.write_text(text, encoding="utf-8")
    result = run_validator("validate_claimreview.py", path, "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_public_api_reads_the_approved_version(probed, outsider):
    api = _public_clients(outsider)[1]
    (listed,) = api.get("/api/v1/claims/").json()["results"]
    detail = api.get(f"/api/v1/claims/{probed.pk}/").json()
    for payload in (listed, detail):
        _no_probe(json.dumps(payload))
        assert (payload["claimant"], payload["verdict"], payload["tags"]) == (
            "Jane Doe", "true", ["markets"])  # fmt: skip
        assert payload["status"] == "published" and payload["version"] == 1
    evidence = api.get(f"/api/v1/claims/{probed.pk}/evidence/").json()["results"]
    assert [e["url"] for e in evidence] == [f"https://evidence.example.org/{probed.pk}/0"]


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"verdict": "false"}, False),
        ({"verdict": "true"}, True),
        ({"claimant": "Probe"}, False),
        ({"claimant": "jane"}, True),
        ({"tag": "probe"}, False),
        ({"tag": "markets"}, True),
        ({"status": "submitted"}, False),
        ({"status": "changes_requested"}, False),
        ({"status": "published"}, True),
        ({"ordering": "-updated_at"}, True),
    ],
)
def test_public_filters_run_on_the_published_values(probed, outsider, params, found):
    """Nobody outside the newsroom can probe unapproved values through the filters."""
    api, signed_in = _public_clients(outsider)
    listed = signed_in.get("/api/v1/claims/", params).json()["results"]
    assert (probed.pk in [c["id"] for c in listed]) is found, params
    for client in (api, signed_in):
        text = streamed(client.get(reverse("reports-api:claims-jsonl"), params))
        assert (f'{{"id": {probed.pk},' in text) is found, params


def test_updated_since_is_the_published_versions_time(probed, outsider):
    api = _public_clients(outsider)[1]
    since = probed.published_checked_at.isoformat()
    # The author's edits came later, but nothing new was published since.
    assert api.get("/api/v1/claims/", {"updated_since": since}).json()["count"] == 0
    text = streamed(api.get(reverse("reports-api:claims-csv"), {"updated_since": since}))
    assert text.count("\n") == 1  # the header only


def test_search_matches_the_published_version_only(probed, outsider, client):
    api = _public_clients(outsider)[1]
    similar = api.get("/api/v1/claims/similar/", {"text": "PROBE TEXT RATIONALE"}).json()
    assert similar["count"] == 0
    similar = api.get("/api/v1/claims/similar/", {"text": "DeepSeek"}).json()
    assert [c["id"] for c in similar["results"]] == [probed.pk]
    _no_probe(json.dumps(similar))
    assert api.get("/api/v1/claims/", {"q": "PROBE"}).json()["count"] == 0
    page = Client()
    page.force_login(outsider)
    html = page.get(reverse("claims:search"), {"q": "DeepSeek"}).content.decode()
    assert f'data-result="{probed.pk}"' in html
    _no_probe(html)
    html = page.get(reverse("claims:search"), {"q": "PROBE RATIONALE"}).content.decode()
    assert f'data-result="{probed.pk}"' not in html


def test_staff_keep_reading_the_working_claim(probed, editor):
    api = APIClient()
    api.force_login(editor)
    payload = api.get(f"/api/v1/claims/{probed.pk}/").json()
    assert (payload["claimant"], payload["verdict"]) == ("Probe Claimant", "false")
    assert Claim.objects.get(pk=probed.pk).public_version.claimant == "Jane Doe"
