"""ClaimReview and W3C Web Annotation exports, run through the shared validators."""

import json

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.reports.helpers import document, run_validator, streamed
from tests.reports.test_exports_csv import _published_claims

CLAIMREVIEW_URL = reverse("reports-api:claimreview")


def annotations_url(article) -> str:
    return reverse("reports-api:annotations", args=[article.pk])


def claimreviews(api, **params) -> list[dict]:
    response = api.get(CLAIMREVIEW_URL, params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    return json.loads(streamed(response))


# --- ClaimReview ----------------------------------------------------------------------------------


def test_claimreview_export_passes_the_validator(api, report_article, tmp_path):
    path = tmp_path / "claimreview.json"
    path.write_text(json.dumps(claimreviews(api)), encoding="utf-8")
    result = run_validator("validate_claimreview.py", path, "--quiet")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "errors=0" in result.stdout


@override_settings(SITE_URL="https://checks.example.org", PUBLISHER_NAME="Checks Desk",
                   PUBLISHER_URL="https://checks.example.org/about")  # fmt: skip
def test_claimreview_describes_the_published_version(api, report_article):
    claims = report_article.claims_by_name
    reviews = {r["url"]: r for r in claimreviews(api)}
    assert len(reviews) == 2
    corrected = reviews[
        f"https://checks.example.org/articles/{report_article.pk}/report/#claim-{claims['chomage'].pk}"
    ]
    assert corrected["@context"] == "https://schema.org"
    assert corrected["@type"] == "ClaimReview"
    assert corrected["claimReviewed"] == "Le chômage a baissé de 40 %"
    assert corrected["reviewRating"] == {
        "@type": "Rating", "alternateName": "Mostly false", "ratingValue": 2,
        "bestRating": 5, "worstRating": 1,
    }  # fmt: skip
    assert corrected["author"] == {"@type": "Organization", "name": "Checks Desk",
                                   "url": "https://checks.example.org/about"}  # fmt: skip
    assert corrected["datePublished"] == claims["chomage"].published_at.date().isoformat()
    item = corrected["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Le ministre du Travail"}
    assert item["appearance"] == {
        "@type": "CreativeWork", "url": "https://news.example.org/markets",
        "headline": report_article.title, "datePublished": "2025-01-28",
        "publisher": {"@type": "Organization", "name": "Example News"},
    }  # fmt: skip


def test_a_rating_off_the_scale_has_a_label_and_no_number(
    api, report_article, editor, reviewer, tmp_path
):
    claims = report_article.claims_by_name
    from factcheck.reviews.services import claim_publish

    claim_publish(actor=editor, claim=claims["approved"])
    (misleading,) = [r for r in claimreviews(api) if r["claimReviewed"] == "-5% growth"]
    assert misleading["reviewRating"] == {"@type": "Rating", "alternateName": "Misleading"}
    assert misleading["itemReviewed"]["author"] == {"@type": "Person", "name": "Nobody"}


def test_claimreview_never_includes_unpublished_claims_even_for_staff(api, report_article, editor):
    api.force_login(editor)
    reviewed = {r["claimReviewed"] for r in claimreviews(api, status="approved")}
    assert reviewed == {"Le chômage a baissé de 40 %", "Nvidia lost nearly $600 billion in one day"}


@pytest.mark.parametrize("n", [2, 6])
def test_claimreview_export_runs_a_fixed_number_of_queries(
    api, editor, reviewer, django_assert_num_queries, n
):
    _published_claims(editor, reviewer, n)
    with django_assert_num_queries(1):
        assert len(claimreviews(api)) == n


# --- W3C Web Annotation ---------------------------------------------------------------------------


def test_annotation_collection_passes_every_must_of_the_w3c_validator(
    api, report_article, tmp_path
):
    response = api.get(annotations_url(report_article))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    path = tmp_path / "annotations.jsonld"
    path.write_text(streamed(response), encoding="utf-8")
    result = run_validator("validate_w3c_annotation.py", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "must-FAIL=0" in result.stdout


def test_staff_annotations_with_an_approved_claim_also_validate(
    api, report_article, editor, tmp_path
):
    api.force_login(editor)
    response = api.get(annotations_url(report_article), {"status": "approved,published"})
    text = streamed(response)
    assert json.loads(text)["total"] == 3
    path = tmp_path / "annotations.jsonld"
    path.write_text(text, encoding="utf-8")
    result = run_validator("validate_w3c_annotation.py", path)
    assert result.returncode == 0, result.stdout


@override_settings(SITE_URL="https://checks.example.org")
def test_each_claim_is_an_assessing_annotation_with_quote_and_position_selectors(
    api, report_article
):
    collection = document(api.get(annotations_url(report_article)))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    assert collection["id"] == (
        f"https://checks.example.org/api/v1/articles/{report_article.pk}/annotations.jsonld"
    )
    page = collection["first"]
    assert page["type"] == "AnnotationPage" and collection["total"] == len(page["items"]) == 2
    body = report_article.current_revision.body
    for annotation in page["items"]:
        assert annotation["motivation"] == "assessing"
        assert annotation["id"].startswith("https://checks.example.org/articles/")
        target = annotation["target"]
        assert target["source"] == "https://news.example.org/markets"
        quote, position = target["selector"]
        assert quote["type"] == "TextQuoteSelector"
        assert position["type"] == "TextPositionSelector"
        assert body[position["start"] : position["end"]] == quote["exact"]  # code points
        assert body[: position["start"]].endswith(quote["prefix"])
        assert annotation["created"].endswith("Z")
    corrected = next(a for a in page["items"] if "chômage" in a["target"]["selector"][0]["exact"])
    bodies = {body["purpose"]: body for body in corrected["body"]}
    verdict, rationale, evidence = bodies["assessing"], bodies["commenting"], bodies["linking"]
    assert set(bodies) <= {"assessing", "commenting", "linking", "describing", "identifying"}
    assert verdict == {"type": "TextualBody", "purpose": "assessing", "value": "Mostly false",
                       "format": "text/plain"}  # fmt: skip
    assert rationale["purpose"] == "commenting" and rationale["format"] == "text/markdown"
    assert evidence == {"type": "SpecificResource", "purpose": "linking",
                        "source": "https://insee.example.fr/chomage"}  # fmt: skip


def test_annotations_of_an_article_with_nothing_published_are_a_404(api, article, editor):
    response = api.get(annotations_url(article))
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    api.force_login(editor)
    assert document(api.get(annotations_url(article)))["total"] == 0


def test_an_article_without_a_source_url_is_targeted_through_its_report(
    api, editor, reviewer, settings
):
    from factcheck.articles.services import article_create
    from tests.reports.helpers import PUBLISH, add_claim, drive

    article = article_create(actor=editor, title="No URL", body="Some text to check here.")
    claim = add_claim(article, reviewer, "text to check", verdict="true", rationale="r",
                      evidence=[{"url": "https://e.example.org/"}])  # fmt: skip
    drive(claim, PUBLISH, author=reviewer, editor=editor)
    (annotation,) = document(api.get(annotations_url(article)))["first"]["items"]
    assert annotation["target"]["source"] == (f"{settings.SITE_URL}/articles/{article.pk}/report/")


@pytest.mark.parametrize("n", [2, 6])
def test_annotations_run_a_fixed_number_of_queries(
    api, editor, reviewer, django_assert_num_queries, n
):
    from factcheck.articles.models import Article

    _published_claims(editor, reviewer, n)
    article = Article.objects.latest("id")
    # article (1) + claims with their published versions (1): evidence and tags are in them
    with django_assert_num_queries(2):
        assert document(api.get(annotations_url(article)))["total"] == n
