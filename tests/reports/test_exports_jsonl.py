"""JSONL export: the API claim shape plus article title/url, golden file, query count."""

import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import reverse

from tests.reports.helpers import TIMESTAMP, streamed
from tests.reports.test_exports_csv import _published_claims

GOLDEN = Path(__file__).parent / "golden" / "claims.jsonl"
URL = reverse("reports-api:claims-jsonl")


def records(response) -> list[dict]:
    return [json.loads(line) for line in streamed(response).splitlines()]


def normalised(text: str) -> str:
    lines = []
    for n, line in enumerate(text.splitlines(), start=1):
        record = json.loads(line)
        record["id"], record["article"] = f"<claim {n}>", "<article>"
        for i, evidence in enumerate(record["evidence"], start=1):
            evidence["id"] = f"<evidence {i}>"
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return TIMESTAMP.sub("<ts>", "\n".join(lines) + "\n")


def test_jsonl_export_matches_the_golden_file(api, report_article):
    response = api.get(URL)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("application/jsonl")
    actual = normalised(streamed(response))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    assert actual == GOLDEN.read_text(encoding="utf-8")


def test_each_public_line_holds_public_fields_only_plus_article_title_and_url(api, report_article):
    (first, *_) = records(api.get(URL))
    public_fields = {
        "id", "article", "start", "end", "quote", "prefix", "suffix", "claim_text", "claimant",
        "claimant_kind", "verdict", "verdict_label", "rationale", "tags", "evidence", "author",
        "approver", "version", "version_kind", "version_note", "approved_at", "published_at",
        "updated_at",
    }  # fmt: skip
    assert set(first) == public_fields | {"article_title", "article_url"}
    assert first["article_title"] == report_article.title
    assert first["article_url"] == "https://news.example.org/markets"


def test_jsonl_keeps_text_with_newlines_and_emoji_on_one_line(api, report_article):
    text = streamed(api.get(URL))
    assert len(text.splitlines()) == 2
    assert "🎉" in text  # UTF-8, not \\u escapes
    nvidia = next(r for r in records(api.get(URL)) if r["verdict"] == "true")
    assert nvidia["rationale"] == 'Checked *filings*, "quoted", and a\nnew line.'


def test_staff_export_of_approved_claims_shows_the_working_copy(api, report_article, editor):
    api.force_login(editor)
    (approved,) = records(api.get(URL, {"status": "approved"}))
    assert approved["verdict"] == "misleading"
    assert approved["published_at"] is None


@pytest.mark.parametrize("n", [2, 6])
def test_jsonl_export_runs_a_fixed_number_of_queries(
    api, editor, reviewer, django_assert_num_queries, n
):
    _published_claims(editor, reviewer, n)
    # PostgreSQL: one COPY that builds every line; SQLite: claims, evidence and tags.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 3):
        assert len(records(api.get(URL))) == n
