"""Request types of the browser views."""

from django.http import HttpRequest

from factcheck.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request of a `login_required` view: its user is signed in (typing only)."""

    user: User
