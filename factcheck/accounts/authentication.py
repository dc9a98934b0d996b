"""API token authentication that reads the user's roles in the same query as the token.

Every API request checks its token and then, for permissions, the user's groups: two queries.
On PostgreSQL the group names come with the token row (an array subquery), and the role
predicates (`accounts.roles`) use them without asking again.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from factcheck.accounts.roles import remember_groups


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        model = self.get_model()
        queryset = model.objects.select_related("user")
        with_groups = connection.vendor == "postgresql"
        if with_groups:
            names = Group.objects.filter(user=OuterRef("user_id")).order_by().values("name")
            queryset = queryset.annotate(group_names=ArraySubquery(names))
        try:
            token = queryset.get(key=key)
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if with_groups:
            remember_groups(token.user, token.group_names)
        return (token.user, token)
