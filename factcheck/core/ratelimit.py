"""Fixed-window counters in the cache (Redis when REDIS_URL is set, shared by every app server).

For the limits DRF's throttles do not cover: browser pages (the report PDF) and the IP-wide count
of failed sign-ins, which the browser form and the API token endpoint share. The identity is the
client address of core.client_ip (settings.TRUSTED_PROXY_COUNT), as for every other limit.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def _key(scope: str, ident: str, period: int) -> str:
    return f"ratelimit:{scope}:{ident}:{int(time.time()) // period}"


def retry_after(period: int) -> int:
    """Seconds until the current window ends (at least 1)."""
    return max(1, period - int(time.time()) % period)


def count(*, scope: str, ident: str, period: int) -> int:
    """How many hits `ident` has in the current window of `scope`."""
    return int(cache.get(_key(scope, ident, period), 0))


def record(*, scope: str, ident: str, period: int) -> int:
    """Count one hit; return the count in the current window, this one included."""
    key = _key(scope, ident, period)
    cache.add(key, 0, timeout=period + 1)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        return 1


def hit(*, scope: str, ident: str, limit: int, period: int) -> int | None:
    """Count one request; None when within `limit` per `period`, else seconds to wait."""
    if record(scope=scope, ident=ident, period=period) > limit:
        return retry_after(period)
    return None
