"""API token authentication that reads the user's roles in the same query as the token.

Every API request checks its token and then, for permissions, the user's groups: two queries,
each compiled by the ORM. On PostgreSQL one prepared-once query (`roles.load_user`) reads the
token, its user and the user's group names, and the role predicates (`accounts.roles`) use the
names without asking again.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from factcheck.accounts.roles import load_user


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        if connection.vendor != "postgresql":
            return super().authenticate_credentials(key)
        model = self.get_model()
        table = connection.ops.quote_name(model._meta.db_table)
        found = load_user(
            "t.key = %s", [key], join=f"JOIN {table} t ON t.user_id = u.id", extra=["t.created"]
        )
        if found is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user, (created,) = found
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = model.from_db(
            connection.alias, ["key", "user_id", "created"], [key, user.pk, created]
        )
        token.user = user
        return (user, token)
