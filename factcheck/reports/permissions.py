"""Who may see the dashboard and unpublished report content: pure predicates."""

from __future__ import annotations

from factcheck.accounts.models import Viewer
from factcheck.accounts.roles import is_editor

DASHBOARD_STAFF_ONLY = "The dashboard is for editors and staff."


def can_view_dashboard(user: Viewer) -> bool:
    """Staff accounts (is_staff) and editors; reviewers see their own work elsewhere."""
    return bool(getattr(user, "is_authenticated", False)) and (
        bool(getattr(user, "is_staff", False)) or is_editor(user)
    )
