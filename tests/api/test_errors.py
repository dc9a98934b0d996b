"""Every error status comes back as {"detail", "code"[, "errors"]} (docs/api.md "Errors")."""

import pytest
from rest_framework.test import APIClient

from factcheck.accounts.permissions import NEWSROOM_ONLY
from factcheck.core.exceptions import NOT_FOUND, SERVER_ERROR, flatten_errors

pytestmark = pytest.mark.django_db


def test_a_validation_error_names_each_field(api, reviewer):
    response = api.as_user(reviewer).post("/api/v1/claims/", {"start": "x"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}
    assert body["code"] == "invalid"
    assert set(body["errors"]) == {"article", "start", "end", "quote"}
    assert all(isinstance(m, list) and m for m in body["errors"].values())
    assert body["detail"].startswith("Some fields are invalid:")


def test_malformed_json_is_a_400_parse_error(api, reviewer):
    response = api.as_user(reviewer).post(
        "/api/v1/claims/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_anonymous_requests_get_401_with_a_token_challenge(api):
    response = api.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "detail": "Authentication credentials were not provided.", "code": "not_authenticated",
    }  # fmt: skip


def test_a_bad_token_is_a_401_authentication_failed(db):
    client = APIClient(HTTP_AUTHORIZATION="Token not-a-real-token")
    response = client.get("/api/v1/claims/")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


def test_a_forbidden_action_is_a_403_with_the_reason(api, outsider, article):
    response = api.as_user(outsider).post("/api/v1/claims/", {}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": NEWSROOM_ONLY, "code": "permission_denied"}


def test_a_missing_or_hidden_object_is_a_404(api, outsider, reviewer, draft_claim):
    assert api.as_user(reviewer).get("/api/v1/claims/999999/").json() == {
        "detail": NOT_FOUND, "code": "not_found",
    }  # fmt: skip
    hidden = api.as_user(outsider).get(f"/api/v1/claims/{draft_claim.pk}/")
    assert hidden.status_code == 404 and hidden.json()["code"] == "not_found"


def test_an_unsupported_method_is_a_405(api, reviewer, draft_claim):
    response = api.as_user(reviewer).delete(f"/api/v1/claims/{draft_claim.pk}/")
    assert response.status_code == 405
    assert response.json() == {
        "detail": 'Method "DELETE" not allowed.', "code": "method_not_allowed",
    }  # fmt: skip


def test_an_unexpected_error_is_a_500_in_the_same_shape(api, reviewer, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setattr("factcheck.claims.api.claim_json_get", boom)
    response = api.as_user(reviewer).get("/api/v1/claims/1/")
    assert response.status_code == 500
    assert response.json() == {"detail": SERVER_ERROR, "code": "server_error"}


def test_a_form_body_on_a_json_endpoint_is_a_415(api, reviewer):
    response = api.as_user(reviewer).post("/api/v1/claims/", {"a": "b"}, format="multipart")
    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_media_type"


def test_nested_errors_are_flattened_to_dotted_fields():
    detail = {"evidence": [{}, {"url": ["bad"]}], "tags": {0: ["no"]}, "x": "y"}
    assert flatten_errors(detail) == {"evidence.1.url": ["bad"], "tags.0": ["no"], "x": ["y"]}
    assert flatten_errors(["oops"]) == {"non_field_errors": ["oops"]}


def test_an_unknown_api_url_is_a_json_404_not_an_html_page(api, reviewer):
    client = api.as_user(reviewer)
    response = client.get("/api/v1/claims/null/submit/")
    assert response.status_code == 404
    assert response.json() == {"detail": "No API endpoint at this URL.", "code": "not_found"}
    no_slash = client.post("/api/v1/claims", {}, format="json")
    assert no_slash.status_code == 404
    assert no_slash.json()["detail"].endswith("end with a slash: /api/v1/claims/")


def test_an_unknown_api_url_is_json_even_for_a_session_post_without_csrf(reviewer):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.delete("/api/v1/claims/-1/evidence/true/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_database_deadlock_becomes_a_retryable_409_conflict():
    """Safety net: PostgreSQL aborting a transaction on a lock cycle is a conflict, not a 500."""
    from django.db import OperationalError
    from rest_framework.test import APIRequestFactory

    from factcheck.core.exceptions import RETRY_CONFLICT, api_exception_handler

    class Deadlock(Exception):
        sqlstate = "40P01"

    error = OperationalError("deadlock detected")
    error.__cause__ = Deadlock()
    request = APIRequestFactory().post("/api/v1/claims/1/approve/")
    response = api_exception_handler(error, {"request": request, "view": None})
    assert response.status_code == 409
    assert response.data == {"detail": RETRY_CONFLICT, "code": "conflict"}
