"""The session sign-in backend: Django's ModelBackend, reading the user's roles with the user.

Every signed-in page and API request loads its user from the session and then, for the role
predicates (`accounts.roles`), the user's groups: two queries. On PostgreSQL the group names
come with the user row (`roles.load_user`, as `authentication.TokenAuthentication` does for
tokens), and the predicates use them without asking again.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db import connection

from factcheck.accounts.roles import load_user


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        if connection.vendor != "postgresql":
            return super().get_user(user_id)
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None  # a session from another user model, or tampered with
        found = load_user("u.id = %s", [pk])
        if found is None or not self.user_can_authenticate(found[0]):
            return None
        return found[0]
