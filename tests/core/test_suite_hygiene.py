"""The suite itself: it fails (never skips) without its tools under CI and `make test`, asserts
no timings, and leaves Django's async-safety check on outside the browser tests."""

import ast
import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import SynchronousOnlyOperation

from tests.chromium import ASYNC_UNSAFE, launch_chromium
from tests.tools import PROJECT_ROOT, missing_tools, require

TESTS = PROJECT_ROOT / "tests"
# Calls that make a test depend on the machine's speed or skip it silently.
TIMING_CALLS = {"perf_counter", "monotonic", "time", "sleep", "wait_for_timeout", "process_time"}
SKIP_CALLS = {"skip", "importorskip", "skipif"}
# A stand-in news site that answers slowly on purpose (to test the importer's timeouts) may
# sleep: that is the server under test, not a test measuring time.
SLOW_ON_PURPOSE = {"test_suite_hygiene.py", "news_server.py"}


def _calls(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Call | ast.Attribute):
            target = node.func if isinstance(node, ast.Call) else node
            if isinstance(target, ast.Attribute):
                yield node.lineno, target.attr
            elif isinstance(target, ast.Name):
                yield node.lineno, target.id


def test_require_fails_under_ci_and_skips_only_by_hand(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="MISSING TOOL: Chromium"):
        require(False, "Chromium")
    monkeypatch.delenv("CI")
    monkeypatch.setenv("FACTCHECK_REQUIRE_TOOLS", "1")
    with pytest.raises(pytest.fail.Exception, match="MISSING TOOL: the validator"):
        require(False, "the validator")
    monkeypatch.delenv("FACTCHECK_REQUIRE_TOOLS")
    with pytest.raises(pytest.skip.Exception, match="PostgreSQL"):
        require(False, "PostgreSQL")
    require(True, "present")  # nothing happens


def test_missing_tools_names_each_missing_one(monkeypatch):
    monkeypatch.setenv("CHROMIUM_PATH", "/nonexistent/chromium")
    problems = missing_tools("sqlite3")
    assert [p.split(":")[0] for p in problems[:2]] == ["Chromium", "PostgreSQL"]
    monkeypatch.setattr("tests.tools.STANDARDS", Path("/nonexistent/standards"))
    assert len(missing_tools("postgresql")) == 3  # Chromium and both validators


def test_a_ci_run_without_chromium_stops_before_any_test_and_says_why():
    """What `make test` on a clean clone without Chromium does: a loud failure, not a pass."""
    env = {**os.environ, "CI": "true", "CHROMIUM_PATH": "/nonexistent/chromium"}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/core/test_layering.py"],
        cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.USAGE_ERROR, output
    assert "the full suite cannot run on this machine" in output
    assert "Chromium: not found" in output
    assert " passed" not in output


def test_the_async_safety_check_is_on_outside_the_browser_tests(db):
    """No module switches DJANGO_ALLOW_ASYNC_UNSAFE on for the whole run: the ORM is refused
    inside an event loop, as in production."""
    assert ASYNC_UNSAFE not in os.environ

    async def count_users():
        return get_user_model().objects.count()

    with pytest.raises(SynchronousOnlyOperation):
        asyncio.run(count_users())


@pytest.mark.browser
def test_the_browser_switches_the_async_check_off_only_while_it_lives():
    with launch_chromium() as browser:
        assert os.environ.get(ASYNC_UNSAFE) == "true"
        assert browser.is_connected()
    assert ASYNC_UNSAFE not in os.environ


def test_no_test_measures_time_or_sleeps():
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{line} {name}"
        for path in TESTS.rglob("*.py")
        for line, name in _calls(path)
        if name in TIMING_CALLS and path.name not in SLOW_ON_PURPOSE
    ]
    assert found == []


def test_no_test_skips_itself_except_through_require():
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{line} {name}"
        for path in TESTS.rglob("*.py")
        for line, name in _calls(path)
        if name in SKIP_CALLS and path.name not in ("tools.py", "test_suite_hygiene.py")
    ]
    assert found == []


def test_no_hypothesis_test_sets_a_deadline():
    found = [
        f"{path.relative_to(PROJECT_ROOT)}:{node.lineno}"
        for path in TESTS.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.keyword) and node.arg == "deadline"
        and not (isinstance(node.value, ast.Constant) and node.value.value is None)
    ]  # fmt: skip
    assert found == []
