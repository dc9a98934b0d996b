"""Shared fixtures: users in each role, articles and claims built through the services."""

import os

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from pytest_django.fixtures import _set_suffix_to_test_databases

from factcheck.accounts.roles import EDITOR, REVIEWER
from tests.factories import ArticleFactory, UserFactory
from tests.seed import ensure_seed_data
from tests.tools import missing_tools, strict

# Hypothesis: no per-example deadline and no "too slow" health check anywhere (both are timings,
# and on two shared cores they fail for the machine's load, not the product). "ci" also prints
# the blob that reproduces a failure; HYPOTHESIS_PROFILE picks one explicitly.
_NO_TIMINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
hypothesis_settings.register_profile("ci", print_blob=True, **_NO_TIMINGS)
hypothesis_settings.register_profile("dev", **_NO_TIMINGS)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if strict() else "dev")
)


def pytest_sessionstart(session):
    """Under CI and `make test`, stop before the first test if a tool the suite needs is absent:
    a run that skipped the browser, the races or the validators would pass while proving little."""
    if not strict():
        return
    from django.conf import settings

    vendor = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    problems = missing_tools(vendor)
    if problems:
        pytest.exit(
            "the full suite cannot run on this machine (CI and `make test` need every tool):\n  - "
            + "\n  - ".join(problems),
            returncode=pytest.ExitCode.USAGE_ERROR,
        )


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """One test database per run (by process id; under pytest-xdist per worker and run), so
    parallel runs on one server never collide.

    TEST_DB_SUFFIX names it instead: the mutation runs (bench/mutation/) start pytest once per
    mutant and keep one database between runs with --reuse-db."""
    from django.conf import settings

    if os.environ.get("PYTEST_XDIST_WORKER"):  # pytest-django named the worker (gw0); add the run
        suffix = "r" + os.environ.get("PYTEST_XDIST_TESTRUNUID", "")[:8]
    else:
        suffix = os.environ.get("TEST_DB_SUFFIX") or f"p{os.getpid()}"
    # A forked session (mutmut) inherits settings already suffixed: suffix them once.
    if not (settings.DATABASES["default"].get("TEST", {}).get("NAME") or "").endswith(suffix):
        _set_suffix_to_test_databases(suffix=suffix)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb):
    """pytest-django's test databases; before they are dropped, the sessions that outlive the
    tests are closed: the live-update bus of this process keeps its LISTEN connection open
    (factcheck.live.bus, one per process, started by the first page that streams), and a
    database in use is not dropped: each run left its databases behind on the server."""
    yield
    if django_db_keepdb or connection.vendor != "postgresql":
        return
    name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        # No new sessions (the bus reconnects), then end the ones still open.
        cursor.execute(f"ALTER DATABASE {connection.ops.quote_name(name)} ALLOW_CONNECTIONS false")
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )


DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


@pytest.fixture(autouse=True)
def _seed_data(request):
    """Transactional tests (live server) flush the database afterwards, data migrations
    included; put the roles and the default verdict scale back for whatever runs next."""
    if not DB_FIXTURES & set(request.fixturenames):
        return
    live = {"transactional_db", "live_server"} & set(request.fixturenames)
    request.getfixturevalue("transactional_db" if live else "db")
    ensure_seed_data()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Throttle and lock-out counters live in the cache: every test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _user(username: str, *roles: str, **extra):
    user = UserFactory(username=username, **extra)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def reviewer(db):
    return _user("reviewer", REVIEWER)


@pytest.fixture
def reviewer2(db):
    return _user("reviewer2", REVIEWER)


@pytest.fixture
def editor(db):
    return _user("editor", EDITOR, is_staff=True)


@pytest.fixture
def editor2(db):
    return _user("editor2", EDITOR, is_staff=True)


@pytest.fixture
def admin_user(db):
    return _user("admin", is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    return _user("outsider")


@pytest.fixture
def article(db, editor):
    return ArticleFactory(actor=editor)


@pytest.fixture
def news_server(settings):
    """A local server of fixture news pages (tests/news_server.py), the only host URL-import
    tests may fetch: it is on the fetch allow-list, everything else internal stays refused."""
    from tests.news_server import NewsServer

    settings.ARTICLE_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.ARTICLE_FETCH_TIMEOUT = 3
    with NewsServer() as server:
        yield server


@pytest.fixture(autouse=True)
def _no_network_beyond_loopback(monkeypatch):
    """Page fetching (import by URL) resolves and connects to loopback only in tests, whatever
    address a test or the API fuzzer sends: no test reaches the network."""
    import ipaddress
    import socket

    from factcheck.articles import fetching

    def literal(host):
        try:
            return ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            pass
        try:  # numeric IPv4 spellings (2130706433, 0x7f.1): no DNS involved
            return ipaddress.ip_address(socket.inet_aton(host))
        except OSError:
            return None

    def lookup(host, port):
        if host == "localhost" or literal(host) is not None:
            return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        raise socket.gaierror(socket.EAI_NONAME, "tests resolve no names but localhost")

    def connect(address, port, timeout):
        if not ipaddress.ip_address(address).is_loopback:
            raise ConnectionRefusedError("tests connect to loopback only")
        return socket.create_connection((address, port), timeout)

    monkeypatch.setattr(fetching, "_getaddrinfo", lookup)
    monkeypatch.setattr(fetching, "_connect", connect)
