"""GET /api/v1/exports/ lists the exports (issue 11 item 10: it answered 404)."""

import pytest

from factcheck.reviews.services import claim_approve, claim_publish, claim_submit
from tests.factories import make_claim

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(article, reviewer, editor):
    claim = make_claim(article, reviewer)
    claim_submit(actor=reviewer, claim=claim)
    claim_approve(actor=editor, claim=claim)
    claim_publish(actor=editor, claim=claim)
    return claim


def test_the_exports_index_is_public_and_names_every_export(api):
    response = api.get("/api/v1/exports/")
    assert response.status_code == 200
    exports = {e["name"]: e for e in response.json()["exports"]}
    assert set(exports) == {"claims-csv", "claims-jsonl", "claimreview", "annotations"}
    assert exports["claims-csv"]["url"] == "http://testserver/api/v1/exports/claims.csv"
    assert exports["claims-csv"]["format"] == "text/csv"
    assert exports["annotations"]["url"] == (
        "http://testserver/api/v1/articles/{id}/annotations.jsonld"
    )


def test_every_listed_url_answers_with_its_format(api, published):
    for entry in api.get("/api/v1/exports/").json()["exports"]:
        url = entry["url"].replace("{id}", str(published.article_id))
        response = api.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200, entry["name"]
        media_type = entry["format"].split(";")[0]
        assert response["Content-Type"].split(";")[0] == media_type, entry["name"]
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
