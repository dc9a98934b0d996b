"""Writes for accounts."""

from rest_framework.authtoken.models import Token

from factcheck.accounts.models import Viewer


def token_for(*, user: Viewer) -> str:
    """The user's API token, created on first request (one token per user; an admin revokes it
    by deleting it in the admin, and the next sign-in issues a new one)."""
    token, _ = Token.objects.get_or_create(user=user)
    return token.key
