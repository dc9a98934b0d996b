"""The IP-wide sign-in limit, on top of django-axes' per-user lock-out.

Axes locks a username+address pair after AXES_FAILURE_LIMIT failures: it stops guessing one
account's password, not trying a few passwords on many accounts (credential stuffing). This
counts every failed sign-in from one client address, whatever the username, for the browser
form and POST /api/v1/auth/token/ together; past SIGNIN_IP_FAILURE_LIMIT in SIGNIN_IP_WINDOW
seconds that address is refused (429) before any password is checked, so the refused attempts
count against no account and the real users (from their own addresses) can still sign in.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from factcheck.core import ratelimit
from factcheck.core.client_ip import client_ip

SCOPE = "signin-ip"
SIGNIN_IP_THROTTLED = (
    "Too many failed sign-ins from your network address. Wait {minutes} minute(s) and try "
    "again, or ask an administrator."
)


def _period() -> int:
    return int(settings.SIGNIN_IP_WINDOW)


def signin_refusal(request: Any) -> tuple[str, int] | None:
    """(message, seconds to wait) if this client address is over the limit, else None."""
    failures = ratelimit.count(scope=SCOPE, ident=client_ip(request), period=_period())
    if failures < int(settings.SIGNIN_IP_FAILURE_LIMIT):
        return None
    wait = ratelimit.retry_after(_period())
    return SIGNIN_IP_THROTTLED.format(minutes=max(1, -(-wait // 60))), wait


@receiver(user_login_failed)
def _count_failure(sender: Any, credentials: Any, request: Any = None, **kwargs: Any) -> None:
    """Every failed authenticate() (browser, API, admin) counts against the client address."""
    if request is not None:
        ratelimit.record(scope=SCOPE, ident=client_ip(request), period=_period())
