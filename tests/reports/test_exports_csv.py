"""CSV export: golden file, filters and visibility, formula injection, query count."""

import csv
import io
import os
from pathlib import Path

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.urls import reverse

from factcheck.reports.exporters.csv_export import PUBLIC_COLUMNS, neutralise
from tests.factories import ArticleFactory
from tests.reports.helpers import PUBLISH, TIMESTAMP, add_claim, drive, streamed

GOLDEN = Path(__file__).parent / "golden" / "claims.csv"
URL = reverse("reports-api:claims-csv")


def rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(streamed(response))))


def normalised(text: str) -> str:
    """Ids and timestamps vary between runs: replace them by stable placeholders."""
    table = list(csv.reader(io.StringIO(text)))
    header, body = table[0], table[1:]
    for n, row in enumerate(body, start=1):
        row[header.index("id")] = f"<claim {n}>"
        row[header.index("article_id")] = "<article>"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    return TIMESTAMP.sub("<ts>", out.getvalue())


def test_csv_export_matches_the_golden_file(api, report_article):
    response = api.get(URL)
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="claims.csv"' in response["Content-Disposition"]
    actual = normalised(streamed(response))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(actual, encoding="utf-8")
    assert actual == GOLDEN.read_text(encoding="utf-8")


def test_csv_export_defaults_to_published_claims_with_their_published_verdict(api, report_article):
    exported = rows(api.get(URL))
    claims = report_article.claims_by_name
    assert {int(r["id"]) for r in exported} == {claims["chomage"].pk, claims["nvidia"].pk}
    assert {r["verdict"] for r in exported} == {"true", "mostly-false"}
    assert list(PUBLIC_COLUMNS) == list(exported[0])  # public fields only (README "Exports")


def test_csv_offsets_are_code_points_of_the_body(api, report_article):
    body = report_article.current_revision.body
    for row in rows(api.get(URL)):
        assert body[int(row["start"]) : int(row["end"])] == row["quote"]


def test_formula_cells_get_a_leading_apostrophe(api, report_article):
    (nvidia,) = [
        r for r in rows(api.get(URL)) if r["id"] == str(report_article.claims_by_name["nvidia"].pk)
    ]
    assert nvidia["claimant"] == '\'=HYPERLINK("http://x")'
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    assert neutralise("Plain text") == "Plain text"
    assert neutralise(-5) == -5


def test_staff_may_export_approved_claims(api, report_article, editor):
    api.force_login(editor)
    exported = rows(api.get(URL, {"status": "approved"}))
    assert [r["id"] for r in exported] == [str(report_article.claims_by_name["approved"].pk)]
    assert exported[0]["claimant"] == "Nobody"
    assert exported[0]["quote"] == "'-5% growth"  # neutralised too


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_non_staff_never_get_unpublished_claims(api, report_article, outsider, who):
    if who == "outsider":
        api.force_login(outsider)
    assert rows(api.get(URL, {"status": "approved,draft"})) == []


def test_filters_narrow_the_export(api, report_article, reviewer):
    claims = report_article.claims_by_name
    assert [r["id"] for r in rows(api.get(URL, {"tag": "markets"}))] == [str(claims["nvidia"].pk)]
    assert [r["id"] for r in rows(api.get(URL, {"verdict": "mostly-false"}))] == [
        str(claims["chomage"].pk)
    ]
    assert [r["id"] for r in rows(api.get(URL, {"claimant": "ministre"}))] == [
        str(claims["chomage"].pk)
    ]
    assert rows(api.get(URL, {"article": report_article.pk + 1000})) == []
    assert len(rows(api.get(URL, {"author": reviewer.username}))) == 2


def test_a_bad_filter_is_a_400_naming_the_parameter(api, report_article):
    response = api.get(URL, {"status": "bogus", "updated_since": "yesterday"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"status", "updated_since"}


def _published_claims(editor, reviewer, n):
    article = ArticleFactory(actor=editor)
    for _ in range(n):
        claim = add_claim(article, reviewer, "$600 billion", verdict="true", rationale="r",
                          tags=["t"], evidence=[{"url": "https://e.example.org/"}])  # fmt: skip
        drive(claim, PUBLISH, author=reviewer, editor=editor)


@pytest.mark.parametrize("n", [2, 6])
def test_csv_export_runs_a_fixed_number_of_queries(
    api, editor, reviewer, django_assert_num_queries, n
):
    _published_claims(editor, reviewer, n)
    # claims (1) + evidence (1) + tags (1), whatever the row count (below one chunk).
    # PostgreSQL: one COPY that builds every line; SQLite: claims, evidence and tags.
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 3):
        assert len(rows(api.get(URL))) == n


def test_blank_filters_are_ignored(api, report_article):
    params = {"status": "", "verdict": "", "claimant": "", "tag": "", "author": ""}
    assert len(rows(api.get(URL, params))) == 2
