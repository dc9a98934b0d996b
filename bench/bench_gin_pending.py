"""The claims' GIN indexes with and without a pending list: inserts, and searches meanwhile.

Run from the project root, after `bench/bench_api_ab.py` made its database (or on any database
with claims: `DATABASE_URL`)::

    .venv/bin/python bench/bench_gin_pending.py [--inserts 500]

Everything happens in transactions that are rolled back. For each setting of the four GIN
indexes of `claims_claim` (`fastupdate` off; on, with a pending list of at most 64 kB), taking
turns twice: the time PostgreSQL takes to insert `--inserts` claims one statement at a time
(copies of existing claims with a new text, inside a PL/pgSQL loop: the index cost without
round trips), the WAL one insert writes, and the time of a trigram search (`%`, the index
forced) and a text search (`@@`) while the pending list holds what 18 inserts put there.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import psycopg

INDEXES = ("claim_search_gin", "claim_published_search_gin", "claim_text_trgm",
           "claim_published_text_trgm")  # fmt: skip
SETTINGS = {"off": "fastupdate = off", "on, 64 kB": "fastupdate = on, gin_pending_list_limit = 64"}
QUERY = "chinese language AI bot cheaper environment"


def insert_function(connection: psycopg.Connection) -> None:
    columns = connection.execute(
        "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
        "FROM information_schema.columns WHERE table_name = 'claims_claim' AND "
        "is_generated = 'NEVER' AND column_name NOT IN ('id', 'public_version_id', 'claim_text')"
    ).fetchone()[0]
    connection.execute(f"""
        CREATE FUNCTION pg_temp.copy_claims(n int) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE r record; i int := 0;
        BEGIN
          FOR r IN SELECT id FROM claims_claim ORDER BY id LIMIT n LOOP
            INSERT INTO claims_claim ({columns}, claim_text)
            SELECT {columns}, claim_text || ' variant ' || i FROM claims_claim WHERE id = r.id;
            i := i + 1;
          END LOOP;
        END $$""")


def timed(connection: psycopg.Connection, sql: str, params: tuple = ()) -> float:
    started = time.perf_counter()
    connection.execute(sql, params).fetchall()
    return (time.perf_counter() - started) * 1000


def measure(connection: psycopg.Connection, setting: str, inserts: int) -> dict[str, float]:
    with connection.transaction(force_rollback=True):
        for index in INDEXES:
            connection.execute(f"ALTER INDEX {index} SET ({setting})")
        before = connection.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
        insert_ms = timed(connection, "SELECT pg_temp.copy_claims(%s)", (inserts,))
        wal = connection.execute(
            "SELECT pg_current_wal_insert_lsn() - %s::pg_lsn", (before,)
        ).fetchone()[0]
    with connection.transaction(force_rollback=True):
        for index in INDEXES:
            connection.execute(f"ALTER INDEX {index} SET ({setting})")
        connection.execute("SELECT pg_temp.copy_claims(18)")
        connection.execute("SET LOCAL enable_seqscan = off")
        trigram = [timed(connection, "SELECT id FROM claims_claim WHERE claim_text %% %s",
                         (QUERY,)) for _ in range(7)]  # fmt: skip
        words = [timed(connection, "SELECT id FROM claims_claim WHERE search_document @@ "
                       "plainto_tsquery('english', %s)", (QUERY,)) for _ in range(7)]  # fmt: skip
    return {
        "insert ms": insert_ms,
        "WAL kB/insert": float(wal) / inserts / 1024,
        "trigram ms": statistics.median(trigram),
        "words ms": statistics.median(words),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inserts", type=int, default=500)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_api_ab")
    with psycopg.connect(url, autocommit=True) as connection:
        insert_function(connection)
        claims = connection.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
        print(f"{claims:,} claims; {args.inserts} inserts a run; medians of 7 searches")
        print(f"{'setting':>10} {'insert ms':>10} {'WAL kB/insert':>14} {'trigram ms':>11} "
              f"{'words ms':>9}")  # fmt: skip
        for _ in range(2):
            for name, setting in SETTINGS.items():
                row = measure(connection, setting, args.inserts)
                print(f"{name:>10} {row['insert ms']:>10.1f} {row['WAL kB/insert']:>14.1f} "
                      f"{row['trigram ms']:>11.2f} {row['words ms']:>9.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
