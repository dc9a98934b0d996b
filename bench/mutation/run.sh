#!/usr/bin/env bash
# Mutation testing of the domain layer with mutmut (configured in pyproject.toml [tool.mutmut]).
#
#   bench/mutation/run.sh                       # every mutant of the five domain modules
#   bench/mutation/run.sh "factcheck.reviews.*" # only those whose name matches
#
# mutmut copies the project into mutants/, then forks one pytest per mutant that runs only the
# tests that reached the mutated function. Each of those pytest sessions would create a new
# test database: TEST_DB_SUFFIX names one database that --reuse-db keeps between them, and a
# single child at a time keeps them from sharing it concurrently. Results: `mutmut results`,
# `mutmut show <name>`; the figures are in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=.venv/bin
[ -x "$PY/mutmut" ] || "$PY/pip" install -q -r bench/mutation/requirements.txt
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export TEST_DB_SUFFIX=mutmut
exec "$PY/mutmut" run --max-children 1 "$@"
