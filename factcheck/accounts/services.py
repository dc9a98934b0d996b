"""Writes for accounts."""

from typing import Any

from rest_framework.authtoken.models import Token


def token_for(*, user: Any) -> str:
    """The user's API token, created on first request (one token per user; an admin revokes it
    by deleting it in the admin, and the next sign-in issues a new one)."""
    token, _ = Token.objects.get_or_create(user=user)
    return token.key
