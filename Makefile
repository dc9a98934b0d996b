# Two commands do all set-up: `make run` and `make test`. See README.md.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# DEBUG is off unless set (factcheck/settings.py): the development targets turn it on here,
# explicitly. Production runs manage.py / a WSGI server directly, never these targets.
DEBUG ?= true
export DEBUG

.PHONY: run test test-fast lint mutation venv install install-dev migrate demo serve clean

# Find a Python >= 3.12: pyenv honours .python-version (3.13) in this folder; else try names.
PYTHON_BOOT := $(shell for p in python3.13 python3.12 python3 python; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then command -v $$p; break; fi; done)

$(VENV)/bin/activate:
	@if [ -z "$(PYTHON_BOOT)" ]; then \
		echo "error: Factcheck needs Python 3.12 or newer (3.13 recommended)."; \
		echo "Install it (e.g. 'pyenv install 3.13' or your OS package python3.13) and re-run."; \
		exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON_BOOT) ($$($(PYTHON_BOOT) --version))"
	$(PYTHON_BOOT) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install -q -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PIP) install -q -r requirements-dev.txt
	@touch $(VENV)/.installed $@

venv: $(VENV)/bin/activate
install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py loaddemo

run: demo
	@echo ""
	@echo "  Factcheck is running on http://$(HOST):$(PORT)/"
	@echo "  Demo logins (password 'demo' for each): reviewer, reviewer2, editor, editor2, admin"
	@echo ""
	$(PY) -m uvicorn factcheck.asgi:application --host $(HOST) --port $(PORT) --reload --reload-dir factcheck --lifespan off
# uvicorn (ASGI), not runserver: the live-update streams (/stream/) stay open for minutes, and
# runserver gives each one a thread. Live updates need PostgreSQL (DATABASE_URL); on the default
# SQLite the pages work without them.

# The whole suite, browser tests included, on PostgreSQL (DATABASE_URL, or a server answering
# on 127.0.0.1:5432 as user postgres). A missing PostgreSQL, Chromium or standards validator
# (../shared/standards) fails the run loudly instead of skipping tests (tests/tools.py).
# One pytest-xdist worker per CPU (each with its own test database and Chromium);
# TEST_WORKERS=0 runs in one process (a targeted run starts faster that way).
TEST_WORKERS ?= auto
test: install-dev
	@url="$$($(PY) tests/database_url.py)" && export DATABASE_URL="$$url" FACTCHECK_REQUIRE_TOOLS=1 && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# Everything except the browser and slow tests, for a quick loop while coding (SQLite if no
# PostgreSQL answers; tests needing a missing tool are skipped and listed).
test-fast: install-dev
	@url="$$($(PY) tests/database_url.py --allow-sqlite)" && export DATABASE_URL="$$url" && \
	$(PY) -m pytest -m "not browser and not slow" $(PYTEST_ARGS)

# Mutation testing of the domain layer (slow: run it in the background; see bench/README.md).
mutation: install-dev
	bench/mutation/run.sh $(MUTANTS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache mutants
