"""Which articles and claims the public sees follows the published versions (issue 15, item 8):
an article is public while a claim's latest version is live; a retracted latest version shows
as retracted on the report and nowhere else; counts outside the newsroom are published ones."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from factcheck.reviews.services import (
    claim_approve,
    claim_correct,
    claim_publish,
    claim_retract,
)
from tests.public.helpers import published_claim, run, send_back_by_revision
from tests.reports.helpers import streamed


@pytest.fixture
def outsider_api(outsider):
    api = APIClient()
    api.force_login(outsider)
    return api


def _article_ids(api):
    return [a["id"] for a in api.get("/api/v1/articles/").json()["results"]]


def test_an_article_whose_only_published_claim_was_retracted_is_no_longer_public(
    article, reviewer, editor, editor2, outsider_api, client
):
    claim = published_claim(article, author=reviewer, approver=editor, publisher=editor2)
    assert article.pk in _article_ids(outsider_api)
    run(claim_retract, claim, editor, note="The source withdrew the quote.")
    assert article.pk not in _article_ids(outsider_api)
    assert client.get(reverse("reports:report", args=[article.pk])).status_code == 404
    url = reverse("reports-api:annotations", args=[article.pk])
    assert client.get(url).status_code == 404
    assert outsider_api.get(f"/api/v1/articles/{article.pk}/").status_code == 404


def test_a_retracted_claim_shows_as_retracted_with_its_note_and_no_verdict(
    article, reviewer, editor, editor2, client
):
    kept = published_claim(article, author=reviewer, approver=editor, publisher=editor2,
                           phrase="Nasdaq")  # fmt: skip
    gone = published_claim(article, author=reviewer, approver=editor, publisher=editor2)
    run(claim_retract, gone, editor, note="The source withdrew the quote.")
    html = client.get(reverse("reports:report", args=[article.pk])).content.decode()
    assert f'id="claim-{kept.pk}"' in html
    withdrawn = html[html.index("Withdrawn fact checks") :]
    assert f'id="claim-{gone.pk}"' in withdrawn
    assert "Retracted" in withdrawn and "The source withdrew the quote." in withdrawn
    assert "v-true" not in withdrawn  # its verdict badge is gone
    text = streamed(APIClient().get(reverse("reports-api:claims-csv")))
    assert [int(row["id"]) for row in csv.DictReader(io.StringIO(text))] == [kept.pk]


def test_the_correction_history_is_the_list_of_versions_each_with_its_note(
    article, reviewer, editor, editor2, client
):
    claim = published_claim(article, author=reviewer, approver=editor, publisher=editor2)
    run(claim_correct, claim, editor, verdict="false", note="The filing was misread.")
    proposed = client.get(reverse("reports:report", args=[article.pk])).content.decode()
    assert "Correction history" not in proposed  # a proposal is not public until published
    assert "The filing was misread." not in proposed
    run(claim_approve, claim, editor2)  # another editor than the one who proposed it
    run(claim_publish, claim, editor2)
    html = client.get(reverse("reports:report", args=[article.pk])).content.decode()
    history = html[html.index("Correction history") :]
    assert 'data-version="1"' in history and 'data-version="2"' in history
    assert "The filing was misread." in history
    assert "from <strong>True</strong> to <strong>False</strong>" in history


def test_counts_outside_the_newsroom_are_published_counts(
    article, reviewer, editor, editor2, outsider
):
    claim = published_claim(article, author=reviewer, approver=editor, publisher=editor2)
    send_back_by_revision(claim, editor=editor)  # working status: changes requested
    api = APIClient()
    api.force_login(outsider)
    (listed,) = api.get("/api/v1/articles/").json()["results"]
    assert listed["claim_counts"] == {"published": 1}  # still public: its version is
    page = Client()
    page.force_login(outsider)
    html = page.get(reverse("articles:list")).content.decode()
    assert "Changes requested" not in html


def test_the_public_claim_list_runs_a_fixed_number_of_queries(
    article, reviewer, editor, editor2, outsider, django_assert_num_queries
):
    for phrase in ("DeepSeek", "Nasdaq", "$600 billion"):
        published_claim(article, author=reviewer, approver=editor, publisher=editor2,
                        phrase=phrase, tags=["a", "b"])  # fmt: skip
    api = APIClient()
    api.force_login(outsider)
    api.get("/api/v1/claims/")  # the session is loaded once
    # the session; the user with their roles; the page (evidence and tags are in the versions;
    # a first page that is not full is its own count)
    with django_assert_num_queries(3):
        assert api.get("/api/v1/claims/").json()["count"] == 3
