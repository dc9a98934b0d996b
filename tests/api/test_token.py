"""POST /api/v1/auth/token/: a token for good credentials, 400 for bad ones, 429 when hammered."""

import pytest
from rest_framework.test import APIClient

from factcheck.accounts.api import BAD_CREDENTIALS, LOCKED_OUT

pytestmark = pytest.mark.django_db
URL = "/api/v1/auth/token/"


def test_good_credentials_get_a_token_that_authenticates(reviewer):
    response = APIClient().post(URL, {"username": "reviewer", "password": "demo"}, format="json")
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/claims/").status_code == 200
    again = APIClient().post(URL, {"username": "reviewer", "password": "demo"}, format="json")
    assert again.json()["token"] == token


def test_wrong_credentials_are_a_400(reviewer):
    response = APIClient().post(URL, {"username": "reviewer", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": [BAD_CREDENTIALS]}
    missing = APIClient().post(URL, {}, format="json")
    assert set(missing.json()["errors"]) == {"username", "password"}


def test_repeated_failures_lock_the_account_out_with_429(reviewer, settings):
    client = APIClient()
    statuses = [
        client.post(URL, {"username": "reviewer", "password": f"bad{i}"}, format="json")
        for i in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert [r.status_code for r in statuses[:-1]] == [400] * (settings.AXES_FAILURE_LIMIT - 1)
    locked = statuses[-1]
    assert locked.status_code == 429
    assert locked.json()["code"] == "throttled"
    assert locked.json()["detail"].startswith(LOCKED_OUT)
    assert int(locked.headers["Retry-After"]) > 0
    # Even the right password is refused while locked out.
    right = client.post(URL, {"username": "reviewer", "password": "demo"}, format="json")
    assert right.status_code == 429


def test_the_token_endpoint_is_throttled_per_client(reviewer, settings):
    client = APIClient()
    codes = [client.post(URL, {"username": "reviewer", "password": "demo"}, format="json")
             .status_code for _ in range(11)]  # fmt: skip
    assert codes[:10] == [200] * 10
    assert codes[10] == 429
