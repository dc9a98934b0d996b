"""Print the database URL for the test run, and say on stderr which database it is.

PostgreSQL when DATABASE_URL is set or a server answers on 127.0.0.1:5432 (user postgres, the
CI and developer default). Otherwise `make test` stops here with an error: the suite is meant
for PostgreSQL (row locks, constraints and full-text search differ on SQLite) and its
concurrency tests cannot run without it. `--allow-sqlite` (used by `make test-fast`) falls
back to SQLite with a warning instead.
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
    elif "--allow-sqlite" in sys.argv[1:]:
        url = "sqlite:///:memory:"
        print(
            "WARNING: no PostgreSQL found (set DATABASE_URL or start one on 127.0.0.1:5432): "
            "falling back to SQLite; concurrency tests are skipped.",
            file=sys.stderr,
        )
    else:
        print(
            "ERROR: no PostgreSQL found: set DATABASE_URL or start one on 127.0.0.1:5432 "
            "(user postgres). The full suite needs it; `make test-fast` can run on SQLite.",
            file=sys.stderr,
        )
        sys.exit(1)
    print(url)


if __name__ == "__main__":
    main()
