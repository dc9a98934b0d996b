"""Settings: production refuses a demo secret, and check --deploy is clean there."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROD = {"DJANGO_ENV": "production", "ALLOWED_HOSTS": "factcheck.example.org",
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
