"""The session sign-in backend: Django's ModelBackend, reading the user's roles with the user.

Every signed-in page and API request loads its user from the session and then, for the role
predicates (`accounts.roles`), the user's groups: two queries. On PostgreSQL the group names
come with the user row (an array subquery), as `authentication.TokenAuthentication` does for
tokens, and the predicates use them without asking again.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from factcheck.accounts.roles import remember_groups, with_group_names


class ModelBackend(DjangoModelBackend):
    def get_user(self, user_id: Any) -> Any:
        queryset, annotated = with_group_names(get_user_model()._default_manager.all(), "pk")
        try:
            user = queryset.get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        if not self.user_can_authenticate(user):
            return None
        if annotated:
            remember_groups(user, user.group_names)
        return user
