"""The client's IP address, as every rate limit and lock-out sees it.

One rule, one setting (settings.TRUSTED_PROXY_COUNT), read by the DRF throttles (as NUM_PROXIES,
same arithmetic), django-axes (AXES_CLIENT_IP_CALLABLE) and our own sign-in and PDF limits.
X-Forwarded-For is written by whoever sends the request: only the addresses appended by our
own proxies can be believed, so with N trusted proxies the client is the N-th address from the
right, and with none the header is ignored.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote_addr = request.META.get("REMOTE_ADDR") or ""
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote_addr
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if not addresses:
        return remote_addr
    return addresses[-min(proxies, len(addresses))]
