"""A benchmark's own PostgreSQL database: `DATABASE_URL` if set, else a named database on the
local server (postgres@127.0.0.1:5432), created when missing. Call before Django is set up."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/"


def ensure_database(default_name: str) -> str:
    """Set DATABASE_URL (default: `default_name` on the local server), create the database if
    it does not exist, and return the URL. Migrations are the caller's (manage.py migrate)."""
    url = os.environ.setdefault("DATABASE_URL", DEFAULT_SERVER + default_name)
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in ("postgres", "postgresql", "pgsql") or not name:
        raise SystemExit(f"DATABASE_URL must name a PostgreSQL database: {url}")
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
    return url


def production_settings() -> None:
    """Run Django as deployed (DEBUG off: no query log, no debug cursors), on plain HTTP."""
    import secrets

    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(64))
    os.environ.setdefault("ALLOWED_HOSTS", "localhost,testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ.setdefault("SITE_URL", "http://localhost")


def plain_static_files() -> None:
    """Static URLs without collectstatic's manifest (DEBUG off uses a hashed-name storage, which
    needs a `collectstatic` that takes minutes here): call after django.setup()."""
    from django.conf import settings

    backend = "django.contrib.staticfiles.storage.StaticFilesStorage"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
