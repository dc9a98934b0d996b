"""API token authentication that reads the user's roles in the same query as the token.

Every API request checks its token and then, for permissions, the user's groups: two queries.
On PostgreSQL the group names come with the token row (an array subquery), and the role
predicates (`accounts.roles`) use them without asking again.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from factcheck.accounts.roles import remember_groups, with_group_names


class TokenAuthentication(authentication.TokenAuthentication):
    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        model = self.get_model()
        queryset, with_groups = with_group_names(model.objects.select_related("user"), "user_id")
        try:
            token = queryset.get(key=key)
        except model.DoesNotExist:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if with_groups:
            remember_groups(token.user, token.group_names)
        return (token.user, token)
