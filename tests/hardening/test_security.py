"""Security settings as a browser sees them: CSP, headers, CSRF, sign-in rate limiting."""

import pytest
from django.test import Client
from django.urls import reverse


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("login"))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp


def test_pages_carry_nosniff_referrer_and_frame_headers(client):
    response = client.get(reverse("login"))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_sign_in_form_requires_csrf(db, reviewer):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "reviewer", "password": "demo"})
    assert response.status_code == 403


def test_repeated_failed_sign_ins_are_locked_out(client, reviewer, settings):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "reviewer", "password": "wrong"})
        assert response.status_code == 200
        assert b"Please enter a correct username and password" in response.content
    assert client.post(url, {"username": "reviewer", "password": "wrong"}).status_code == 429
    locked = client.post(url, {"username": "reviewer", "password": "demo"})
    assert locked.status_code == 429
    assert b"Too many failed sign-in attempts" in locked.content
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in(client, reviewer):
    response = client.post(reverse("login"), {"username": "reviewer", "password": "demo"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(reviewer.pk)


@pytest.mark.parametrize("hasher", ["Argon2PasswordHasher", "PBKDF2PasswordHasher"])
def test_production_password_hashers_are_strong(hasher):
    from factcheck import settings as project_settings

    assert any(h.endswith(hasher) for h in project_settings.PASSWORD_HASHERS)
    assert len(project_settings.AUTH_PASSWORD_VALIDATORS) == 4


def test_favicon_request_points_at_the_apps_own_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"
