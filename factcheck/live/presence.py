"""Who has an article open, and which claim they are editing, shared by every app server.

Redis when REDIS_URL is set (one hash per article under REDIS_KEY_PREFIX), else a PostgreSQL
table. Each open tab refreshes its entry every LIVE_PRESENCE_HEARTBEAT seconds; an entry older
than LIVE_PRESENCE_TTL is ignored and swept, so a closed tab (no goodbye beacon) is gone within
TTL + the listener's 5 s sweep, under 30 s with the defaults.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.utils import timezone

from factcheck.live.models import Presence


@dataclass(frozen=True, slots=True)
class Here:
    user_id: int
    name: str
    claim: int | None  # the claim this tab is editing


class PostgresPresence:
    def touch(self, *, article: int, tab: str, user_id: int, name: str, claim: int | None) -> bool:
        """Record the tab as present; True when others must be told (new, or another claim)."""
        before = Presence.objects.filter(tab=tab).values_list("article_id", "claim_id").first()
        Presence.objects.update_or_create(
            tab=tab,
            defaults={
                "article_id": article,
                "user_id": user_id,
                "claim_id": claim,
                "seen_at": timezone.now(),
            },
        )
        return before != (article, claim)

    def leave(self, *, article: int, tab: str, user_id: int) -> bool:
        return Presence.objects.filter(tab=tab, article_id=article, user_id=user_id).delete()[0] > 0

    def here(self, article: int) -> list[Here]:
        fresh = timezone.now() - timedelta(seconds=settings.LIVE_PRESENCE_TTL)
        Presence.objects.filter(article_id=article, seen_at__lt=fresh).delete()
        rows = (
            Presence.objects.filter(article_id=article)
            .order_by("user_id", "tab")
            .values_list(
                "user_id", "user__username", "user__first_name", "user__last_name", "claim_id"
            )
        )
        return [
            Here(user_id=uid, name=" ".join(p for p in (first, last) if p) or username, claim=claim)
            for uid, username, first, last, claim in rows
        ]


class RedisPresence:
    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)
        self.prefix = prefix

    def _key(self, article: int) -> str:
        return f"{self.prefix}:presence:{article}"

    def touch(self, *, article: int, tab: str, user_id: int, name: str, claim: int | None) -> bool:
        key = self._key(article)
        entry = {"user": user_id, "name": name, "claim": claim, "at": time.time()}
        before = self.redis.hget(key, tab)
        pipe = self.redis.pipeline()
        pipe.hset(key, tab, json.dumps(entry))
        pipe.expire(key, settings.LIVE_PRESENCE_TTL * 3)
        pipe.execute()
        return before is None or json.loads(before).get("claim") != claim

    def leave(self, *, article: int, tab: str, user_id: int) -> bool:
        key = self._key(article)
        before = self.redis.hget(key, tab)
        if before is None or json.loads(before).get("user") != user_id:
            return False
        return bool(self.redis.hdel(key, tab))

    def here(self, article: int) -> list[Here]:
        key = self._key(article)
        oldest = time.time() - settings.LIVE_PRESENCE_TTL
        found, stale = [], []
        for tab, raw in self.redis.hgetall(key).items():
            entry = json.loads(raw)
            if entry["at"] < oldest:
                stale.append(tab)
            else:
                found.append(
                    (entry["user"], tab, Here(entry["user"], entry["name"], entry["claim"]))
                )
        if stale:
            self.redis.hdel(key, *stale)
        return [here for _, _, here in sorted(found, key=lambda item: (item[0], item[1]))]


@cache
def presence_store() -> PostgresPresence | RedisPresence:
    if settings.REDIS_URL:
        return RedisPresence(settings.REDIS_URL, settings.REDIS_KEY_PREFIX)
    return PostgresPresence()
