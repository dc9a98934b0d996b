"""Factcheck settings: every environment-dependent value is read here, once.

Environment variables (all optional for local use):
  DEBUG               "true" for development (default: off; `make run`, `make test` and the
                      test suite turn it on explicitly)
  SECRET_KEY          required when DEBUG is off; the demo key is refused there
  DATABASE_URL        default: SQLite file db.sqlite3 in the project folder
  ALLOWED_HOSTS       comma-separated (default: localhost, 127.0.0.1 when DEBUG)
  CSRF_TRUSTED_ORIGINS comma-separated origins, e.g. https://factcheck.example.org
  REDIS_URL           cache (and rate-limit store) shared by all app servers; live presence
  REDIS_KEY_PREFIX    prefix of every Redis key this site writes (several sites, or test runs,
                      can share one Redis)
  LIVE_DATABASE_URL   where the live-update listener LISTENs (default: DATABASE_URL); must be a
                      session-pooled or direct connection, never PgBouncer transaction pooling
  LIVE_*              live updates and presence (see "Live updates" below and README)
  PUBLISHER_NAME, PUBLISHER_URL  the organisation named as author in ClaimReview
  SECURE_SSL_REDIRECT  "true" behind an HTTPS-terminating proxy (default: on when DEBUG is off)
  EMAIL_URL           notification mail server, e.g. smtp+tls://user:pass@mail.example.org:587
                      (default: the console when DEBUG, else smtp://localhost:25)
  DEFAULT_FROM_EMAIL  sender of notification mail
  TRUSTED_PROXY_COUNT  reverse proxies in front of the app that append to X-Forwarded-For
                      (default: 0 = the client address is REMOTE_ADDR, X-Forwarded-For ignored)
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

DEMO_SECRET_KEY = "django-insecure-factcheck-demo-key-do-not-use-in-production"  # noqa: S105

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False) if (BASE_DIR / ".env").exists() else None

# Off unless asked for: a forgotten variable must not run a production site in debug mode with
# the demo key. `make run`/`make test` and pytest (pyproject [tool.pytest] env) set DEBUG=true.
DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default=DEMO_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEMO_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of 50+ characters when DEBUG is off "
        "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "axes",
    "factcheck.core",
    "factcheck.accounts",
    "factcheck.articles",
    "factcheck.claims",
    "factcheck.reviews",
    "factcheck.reports",
    "factcheck.live",
    "factcheck.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "factcheck.accounts.context_processors.roles",
                "factcheck.web.context_processors.choices",
                "factcheck.web.context_processors.needs_me",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
# Persistent connections: a new PostgreSQL connection per request costs ~2.5x throughput.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A pool of at most DATABASE_POOL_MAX connections per process (PostgreSQL; 0: none). Set it for
# the ASGI process that serves /stream/: each stream's request thread uses a connection only
# while it opens, but a burst of reconnects (every browser after a restart) would otherwise
# open one connection per stream at once, past PostgreSQL's max_connections.
DATABASE_POOL_MAX = env.int("DATABASE_POOL_MAX", default=0)
if DATABASE_POOL_MAX and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # the pool keeps the connections
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": min(2, DATABASE_POOL_MAX),
        "max_size": DATABASE_POOL_MAX,
        "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Let psycopg prepare statements (Django's default, None, turns preparing off). Django's own
    # cursors bind parameters on the client and never prepare: only the hot statements run
    # through core.queries.prepared_cursor are planned once per connection.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the dev server and a shell write without "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, reading the user's roles with the user (one query, not two).
    # Sessions signed in before it name django.contrib.auth's backend: they sign in again once.
    "factcheck.accounts.backends.ModelBackend",
]

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "articles:list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date/time format for the site and the admin, 24-hour (factcheck/core/formats/en/formats.py).
FORMAT_MODULE_PATH = ["factcheck.core.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = BASE_DIR / "media"

# Uploaded article files: refuse anything larger (see articles/importers).
ARTICLE_UPLOAD_MAX_BYTES = env.int("ARTICLE_UPLOAD_MAX_BYTES", default=2 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Import by URL (articles/fetching.py): fetched server-side, never from internal addresses.
ARTICLE_FETCH_TIMEOUT = env.int("ARTICLE_FETCH_TIMEOUT", default=10)  # seconds, whole fetch
ARTICLE_FETCH_MAX_BYTES = env.int("ARTICLE_FETCH_MAX_BYTES", default=5 * 1024 * 1024)
ARTICLE_FETCH_MAX_REDIRECTS = env.int("ARTICLE_FETCH_MAX_REDIRECTS", default=5)
# Hosts fetched even though they resolve to a private or loopback address (an intranet CMS).
ARTICLE_FETCH_ALLOWED_HOSTS = env.list("ARTICLE_FETCH_ALLOWED_HOSTS", default=[])
# POST /api/v1/articles/bulk/ takes at most this many articles per request.
ARTICLE_BULK_MAX = env.int("ARTICLE_BULK_MAX", default=100)

REDIS_URL = env.str("REDIS_URL", default="")
REDIS_KEY_PREFIX = env.str("REDIS_KEY_PREFIX", default="factcheck")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_KEY_PREFIX,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Live updates (factcheck/live/, /stream/) ----------------------------------------
# Events go out with PostgreSQL NOTIFY and come in through one LISTEN connection per process.
LIVE_ENABLED = env.bool("LIVE_ENABLED", default=True)
LIVE_DATABASE_URL = env.str("LIVE_DATABASE_URL", default="")
LIVE_REPLAY_LIMIT = env.int("LIVE_REPLAY_LIMIT", default=500)  # events replayed on reconnect
LIVE_KEEPALIVE_SECONDS = env.int("LIVE_KEEPALIVE_SECONDS", default=15)
# A stream ends after this long and the browser reconnects (Last-Event-ID): sign-out and role
# changes reach an open stream within this time.
LIVE_STREAM_MAX_SECONDS = env.int("LIVE_STREAM_MAX_SECONDS", default=300)
# Presence: browsers report every LIVE_PRESENCE_HEARTBEAT seconds; an entry not refreshed for
# LIVE_PRESENCE_TTL seconds is gone (a closed tab disappears within TTL + the 5 s sweep).
LIVE_PRESENCE_HEARTBEAT = env.int("LIVE_PRESENCE_HEARTBEAT", default=10)
LIVE_PRESENCE_TTL = env.int("LIVE_PRESENCE_TTL", default=20)
LIVE_QUEUE_MAX = env.int("LIVE_QUEUE_MAX", default=1000)  # events buffered per slow stream

# --- Security -----------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The client's address (factcheck/core/client_ip.py): the one setting read by the DRF throttles
# (NUM_PROXIES), django-axes (AXES_CLIENT_IP_CALLABLE) and the sign-in/PDF limits. With N
# trusted proxies the client is the N-th address from the right of X-Forwarded-For; with 0 the
# header is ignored (a client could write anything there) and REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Sign-in rate limiting (browser sign-in and the API token endpoint).
AXES_CLIENT_IP_CALLABLE = "factcheck.core.client_ip.client_ip"
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Failed sign-ins from one client address, any username (accounts/signin.py): past the limit in
# the window the address gets 429 before any password is checked.
SIGNIN_IP_FAILURE_LIMIT = env.int("SIGNIN_IP_FAILURE_LIMIT", default=20)
SIGNIN_IP_WINDOW = env.int("SIGNIN_IP_WINDOW", default=900)  # seconds
# GET report.pdf: anonymous requests per client address per minute (then 429), and how long a
# rendered PDF of one published state is kept (a new publication changes the key).
REPORT_PDF_ANON_PER_MINUTE = env.int("REPORT_PDF_ANON_PER_MINUTE", default=10)
REPORT_PDF_CACHE_SECONDS = env.int("REPORT_PDF_CACHE_SECONDS", default=24 * 3600)

# --- API ----------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes unauthenticated requests 401, not 403.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "factcheck.accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "factcheck.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factcheck.core.exceptions.api_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": "10/min"},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck API",
    "DESCRIPTION": "Fact-check annotations: articles, claims, the review workflow and exports.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Stable enum names: claim statuses appear in several components (Claim, SimilarClaim).
    "ENUM_NAME_OVERRIDES": {
        "ClaimStatusEnum": "factcheck.claims.models.ClaimStatus",
        "ArticleStatusEnum": "factcheck.articles.models.ArticleStatus",
    },
}

# The organisation named as the author of published ClaimReviews.
PUBLISHER_NAME = env.str("PUBLISHER_NAME", default="Factcheck Demo Newsroom")
PUBLISHER_URL = env.str("PUBLISHER_URL", default="https://factcheck.example.org/")
DEMO_SITE_URL = "http://127.0.0.1:8000"
SITE_URL = env.str("SITE_URL", default=DEMO_SITE_URL).rstrip("/")
if not DEBUG and SITE_URL == DEMO_SITE_URL:
    # Exports and reports carry absolute links (ClaimReview url, annotation ids): a production
    # site that published links to 127.0.0.1 would hand out dead URLs.
    raise ImproperlyConfigured(
        "Set SITE_URL to the public address of this site, e.g. "
        "https://factcheck.example.org, when DEBUG is off."
    )

# Notification e-mail (reviews.notifications) through Django's mailers. EMAIL_URL in
# django-environ's form (smtp+tls://user:password@host:587); the console in development.
# Tests use locmem (Django's test runner swaps every mailer for it).
_MAIL = environ.Env.email_url_config(
    env.str("EMAIL_URL", default="") or ("consolemail://" if DEBUG else "smtp://localhost:25")
)
_SMTP_OPTIONS = {
    "host": _MAIL.get("EMAIL_HOST"),
    "port": _MAIL.get("EMAIL_PORT"),
    "username": _MAIL.get("EMAIL_HOST_USER"),
    "password": _MAIL.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _MAIL.get("EMAIL_USE_TLS"),
    "use_ssl": _MAIL.get("EMAIL_USE_SSL"),
    "timeout": 10,
}
MAILERS = {
    "default": {
        "BACKEND": _MAIL["EMAIL_BACKEND"],
        "OPTIONS": {k: v for k, v in _SMTP_OPTIONS.items() if v not in (None, "")}
        if _MAIL["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Factcheck <factcheck@localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
