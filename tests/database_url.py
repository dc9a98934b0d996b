"""Print the database URL for the test run, and say on stderr which database it is.

PostgreSQL when DATABASE_URL is set or a server answers on 127.0.0.1:5432 (user postgres, the
CI and developer default); otherwise SQLite, with a clear warning: the suite is meant for
PostgreSQL (row locks, constraints and full-text search differ on SQLite).
"""

import os
import socket
import sys

DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres"


def postgres_answers(host: str = "127.0.0.1", port: int = 5432) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if url:
        print(f"Tests use DATABASE_URL ({url.split('@')[-1]}).", file=sys.stderr)
    elif postgres_answers():
        url = DEFAULT_PG
        print("Tests use PostgreSQL on 127.0.0.1:5432.", file=sys.stderr)
    else:
        url = "sqlite:///:memory:"
        print(
            "WARNING: no PostgreSQL found (set DATABASE_URL or start one on 127.0.0.1:5432): "
            "falling back to SQLite; concurrency tests are skipped.",
            file=sys.stderr,
        )
    print(url)


if __name__ == "__main__":
    main()
