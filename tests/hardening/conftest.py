"""Hardening fixtures: a live server on a transactional database, token-authenticated HTTP
clients for threads (stdlib only), and demo-like data with claims in several statuses."""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

import pytest
from django.db import connection

from tests.tools import require


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """A transactional database with the roles and verdict scale (tests.conftest re-seeds)."""


@pytest.fixture
def postgres_only():
    require(
        connection.vendor == "postgresql",
        "needs PostgreSQL: SQLite serialises every writer, so there is no race to test",
    )


@dataclass
class HttpResult:
    status: int
    body: dict | list | str | None


class TokenClient:
    """A minimal thread-safe JSON client for one user (Authorization: Token <key>)."""

    def __init__(self, base_url: str, token: str):
        self.base_url = base_url.rstrip("/")
        self.token = token

    def request(self, method: str, path: str, data: dict | None = None) -> HttpResult:
        body = json.dumps(data).encode() if data is not None else None
        req = urllib.request.Request(self.base_url + path, data=body, method=method)
        req.add_header("Authorization", f"Token {self.token}")
        req.add_header("Accept", "application/json")
        if body is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=60) as response:
                return HttpResult(response.status, _decode(response.read()))
        except urllib.error.HTTPError as error:
            return HttpResult(error.code, _decode(error.read()))

    def get(self, path: str) -> HttpResult:
        return self.request("GET", path)

    def post(self, path: str, data: dict | None = None) -> HttpResult:
        return self.request("POST", path, data or {})

    def patch(self, path: str, data: dict) -> HttpResult:
        return self.request("PATCH", path, data)


def _decode(raw: bytes):
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")


@pytest.fixture
def token_client(live_server):
    """token_client(user) → a TokenClient for that user against the live server."""
    from rest_framework.authtoken.models import Token

    def make(user) -> TokenClient:
        token, _ = Token.objects.get_or_create(user=user)
        return TokenClient(live_server.url, token.key)

    return make
