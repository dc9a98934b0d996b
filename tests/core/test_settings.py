"""Settings: DEBUG is off unless asked for, production refuses a demo secret, and check --deploy
is clean there."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROD = {"ALLOWED_HOSTS": "factcheck.example.org",
        "SITE_URL": "https://factcheck.example.org",
        "DATABASE_URL": "sqlite:////tmp/factcheck-deploy-check.sqlite3"}  # fmt: skip


def manage(*args, **env):
    ignored = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=clean | env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_production_refuses_to_start_without_a_real_secret():
    result = manage("check", **PROD)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_reports_nothing_in_production_settings():
    secret = "x" * 20 + "-a-long-random-production-secret-0123456789"
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PROD, SECRET_KEY=secret)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_its_public_address():
    secret = "x" * 20 + "-a-long-random-production-secret-0123456789"
    env = {k: v for k, v in PROD.items() if k != "SITE_URL"}
    result = manage("check", **env, SECRET_KEY=secret)
    assert result.returncode != 0
    assert "Set SITE_URL" in result.stderr


def test_debug_is_off_when_nobody_sets_it():
    """A forgotten variable must not run a site in debug mode with the demo key: with no DEBUG
    (and no DJANGO_ENV) the settings are production's, so the demo key is refused."""
    result = manage("check", DATABASE_URL=PROD["DATABASE_URL"])
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    secret = "x" * 20 + "-a-long-random-production-secret-0123456789"
    code = "from django.conf import settings; print('DEBUG is', settings.DEBUG)"
    shown = manage("shell", "-c", code, **PROD, SECRET_KEY=secret)
    assert "DEBUG is False" in shown.stdout, shown.stdout + shown.stderr


def test_development_turns_debug_on_explicitly():
    """`make run` and the suite set DEBUG=true themselves (Makefile, pyproject's pytest env)."""
    from django.conf import settings

    assert settings.DEBUG is False  # pytest-django runs tests with DEBUG off, as Django does
    assert os.environ.get("DEBUG") == "true"  # ...but the settings were loaded in development
    makefile = (ROOT / "Makefile").read_text()
    assert "DEBUG ?= true" in makefile and "export DEBUG" in makefile
    result = manage("check", DEBUG="true")
    assert result.returncode == 0, result.stderr
