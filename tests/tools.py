"""What the suite needs from the machine, and what happens when it is missing.

Under CI (`CI` set) and in `make test` (`FACTCHECK_REQUIRE_TOOLS=1`) a missing Chromium,
PostgreSQL or standards validator FAILS the test that needs it, and the run stops before the
first test with the list of what is missing (see tests/conftest.py). Only a developer running a
subset by hand gets a skip, which `-ra` lists at the end.

Paths are derived from the project root: the shared standards and seeds sit beside it, in
`../shared` (CI lays a copy there; a worktree elsewhere needs a symlink).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED = PROJECT_ROOT.parent / "shared"
STANDARDS = SHARED / "standards"
SEEDS = SHARED / "seeds"

REQUIRED_VALIDATORS = ("validate_claimreview.py", "validate_w3c_annotation.py")


def strict() -> bool:
    """True when a missing tool must fail the run (CI, `make test`), not skip a test."""
    return bool(os.environ.get("CI")) or os.environ.get("FACTCHECK_REQUIRE_TOOLS") == "1"


def chromium_path() -> Path | None:
    """The Chromium to drive: $CHROMIUM_PATH, else `chromium` on PATH, else Debian's path."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return Path(found)
    debian = Path("/usr/bin/chromium")
    return debian if debian.is_file() else None


def missing_validators() -> list[str]:
    return [name for name in REQUIRED_VALIDATORS if not (STANDARDS / name).is_file()]


def require(present: bool, what: str) -> None:
    """Skip (by hand) or fail (CI, `make test`) the current test when `present` is false."""
    if present:
        return
    if strict():
        pytest.fail(f"MISSING TOOL: {what}", pytrace=False)
    pytest.skip(what)


def missing_tools(database_vendor: str) -> list[str]:
    """Everything the full suite needs that this machine lacks, in words a person can act on."""
    problems = []
    if chromium_path() is None:
        problems.append(
            "Chromium: not found (set CHROMIUM_PATH, or `apt-get install chromium`); "
            "the browser and in-browser XSS tests cannot run"
        )
    if database_vendor != "postgresql":
        problems.append(
            f"PostgreSQL: the tests run on {database_vendor} (set DATABASE_URL to a PostgreSQL "
            "server); the concurrency tests need real row locks"
        )
    for name in missing_validators():
        problems.append(f"standards validator {STANDARDS / name}: absent (is ../shared there?)")
    return problems
