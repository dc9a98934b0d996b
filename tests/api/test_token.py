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


def test_a_spoofed_forwarded_for_does_not_escape_the_throttle(reviewer):
    """With no trusted proxy (the default) X-Forwarded-For is the client's own words: a fresh
    value per request must not buy a fresh throttle bucket."""
    codes = [
        APIClient(HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
        .post(URL, {"username": "reviewer", "password": "demo"}, format="json")
        .status_code
        for i in range(11)
    ]
    assert codes[:10] == [200] * 10
    assert codes[10] == 429


def test_a_spoofed_forwarded_for_does_not_change_the_lockout_address(reviewer, settings):
    for i in range(settings.AXES_FAILURE_LIMIT - 1):
        client = APIClient(HTTP_X_FORWARDED_FOR=f"198.51.100.{i}")
        client.post(URL, {"username": "reviewer", "password": f"bad{i}"}, format="json")
    last = APIClient(HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert (
        last.post(URL, {"username": "reviewer", "password": "x"}, format="json").status_code == 429
    )
    from axes.models import AccessAttempt

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_a_trusted_proxy_the_lockout_is_per_real_client(reviewer, settings):
    """TRUSTED_PROXY_COUNT=1: the proxy's REMOTE_ADDR is everybody's; the address it appended to
    X-Forwarded-For is the client. One client's failures do not lock the user out for another."""
    settings.TRUSTED_PROXY_COUNT = 1
    attacker = APIClient(HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7")  # 1.2.3.4: spoofed
    for i in range(settings.AXES_FAILURE_LIMIT):
        attacker.post(URL, {"username": "reviewer", "password": f"bad{i}"}, format="json")
    locked = attacker.post(URL, {"username": "reviewer", "password": "demo"}, format="json")
    assert locked.status_code == 429
    real_user = APIClient(HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert (
        real_user.post(URL, {"username": "reviewer", "password": "demo"}, format="json").status_code
        == 200
    )


def test_many_usernames_from_one_address_are_refused_without_locking_anyone_out(
    reviewer, editor, client, settings
):
    """Credential stuffing: one wrong password for each of many usernames never trips axes'
    per-user lock-out; the IP-wide limit does, for the browser form and the API together."""
    from django.urls import reverse

    from factcheck.accounts.signin import SIGNIN_IP_THROTTLED

    settings.SIGNIN_IP_FAILURE_LIMIT = 4
    api = APIClient()
    for name in ("alice", "bob"):
        assert api.post(URL, {"username": name, "password": "guess"}).status_code == 400
    for name in ("carol", "dave"):  # the browser form counts against the same address
        response = client.post(reverse("login"), {"username": name, "password": "guess"})
        assert response.status_code == 200
    refused = api.post(URL, {"username": "reviewer", "password": "demo"}, format="json")
    assert refused.status_code == 429  # refused before the password is even checked
    assert refused.json()["detail"].startswith(SIGNIN_IP_THROTTLED.split("{")[0])
    assert int(refused.headers["Retry-After"]) > 0
    form = client.post(reverse("login"), {"username": "editor", "password": "demo"})
    assert form.status_code == 429
    assert "Too many failed sign-ins from your network address" in form.content.decode()
    assert "_auth_user_id" not in client.session
    # The real users, from their own addresses, are not locked out.
    elsewhere = APIClient(REMOTE_ADDR="198.51.100.7")
    assert elsewhere.post(URL, {"username": "reviewer", "password": "demo"}).status_code == 200
    from django.test import Client

    browser = Client(REMOTE_ADDR="198.51.100.8")
    assert (
        browser.post(reverse("login"), {"username": "editor", "password": "demo"}).status_code
        == 302
    )
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
