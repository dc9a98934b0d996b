"""Publishing live-update signals: PostgreSQL NOTIFY, sent after the commit.

The payload carries ids only (an audit-trail event id, or an article id for presence): every
process LISTENing (factcheck.live.bus) reads what it needs itself, and each browser fetches
only what its user may see. NOTIFY is delivered at the sender's commit, so it is sent from
`transaction.on_commit`, or queued by the statement that writes the change (`live_notify_sql`):
a rolled-back change announces nothing.
"""

from __future__ import annotations

import json
import logging

from django.db import connection, transaction

CHANNEL = "factcheck_live"
logger = logging.getLogger(__name__)


def live_notify(payload: dict[str, int]) -> None:
    """Send `payload` to every listening process now (outside any transaction: at once)."""
    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, json.dumps(payload)])
    except Exception:  # a lost signal must not fail the request whose change is committed
        logger.exception("live update signal not sent: %s", payload)


def live_notify_on_commit(payload: dict[str, int]) -> None:
    transaction.on_commit(lambda: live_notify(payload))


def live_notify_sql(key: str, id_sql: str) -> str:
    """An SQL expression that queues the payload `{key: <id_sql>}` (as `live_notify` writes it),
    for a statement that writes the row it names: PostgreSQL delivers it at that transaction's
    commit, without a round trip of its own. `key` and `id_sql` are the caller's SQL, never a
    request's value."""
    return f"""pg_notify('{CHANNEL}', '{{"{key}": ' || {id_sql} || '}}')"""
