#!/usr/bin/env bash
# Factcheck against doccano on the same PostgreSQL, one run, with the ratios (issue 10).
#   (from the project root, after `make test` built .venv)  bash bench/peers.sh [REPS] [N ...]
# Sets up doccano (../shared/peers/setup_doccano.sh, once: ~2 min), serves a snapshot of this
# checkout's HEAD like production (gunicorn, 2*cores+1 sync workers, a fresh database), runs the
# shared workload with both apps interleaved, prints bench/peers_ratio.py's table
# and bench/bench_list_floor.py's floor, and stops both.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS=$(cd "$ROOT/../shared/peers" && pwd)
PEERS_DIR=${PEERS_DIR:-/tmp/peers}
PG=${PG:-postgres://postgres@127.0.0.1:5432}
REPS=${1:-1}; shift || true
NS=("$@"); [[ ${#NS[@]} -gt 0 ]] || NS=(1000)
mkdir -p "$PEERS_DIR"

# doccano: numpy<2 has no wheel for Python 3.13 (the system Python 3.11 runs it), and its
# PostgreSQL driver is psycopg2, which its requirements leave out.
psql "$PG/postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = 'peers_doccano'" | grep -q 1 \
  || psql "$PG/postgres" -qc "CREATE DATABASE peers_doccano"
export DOCCANO_DATABASE_URL="$PG/peers_doccano?sslmode=disable"
export PYTHON=${PYTHON:-/usr/bin/python3}
bash "$PEERS/setup_doccano.sh" stop >/dev/null || true  # a fresh start, not a port in use
if ! bash "$PEERS/setup_doccano.sh"; then
  "$PEERS_DIR/doccano-venv/bin/pip" install -q psycopg2-binary
  bash "$PEERS/setup_doccano.sh"
fi

# Factcheck: a snapshot of HEAD, so that edits made during the run cannot change it.
SNAPSHOT=$PEERS_DIR/fc-snapshot
rm -rf "$SNAPSHOT" && mkdir -p "$SNAPSHOT"
git -C "$ROOT" archive HEAD | tar -x -C "$SNAPSHOT"
ln -s "$ROOT/.venv" "$SNAPSHOT/.venv"
(cd "$SNAPSHOT" && CHECKOUT=$SNAPSHOT bash "$PEERS/setup_factcheck.sh")
trap 'bash "$PEERS/setup_doccano.sh" stop; (cd "$SNAPSHOT" && CHECKOUT=$SNAPSHOT bash "$PEERS/setup_factcheck.sh" stop)' EXIT

OUT=${OUT:-$PEERS_DIR/results-$(date +%Y%m%d-%H%M%S).jsonl}
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), results in $OUT"
PEER_LIST="doccano factcheck" OUT=$OUT bash "$PEERS/run_bench.sh" "$REPS" "${NS[@]}"
"$ROOT/.venv/bin/python" "$ROOT/bench/peers_ratio.py" "$OUT"
# The floor under the list goal: the same client on the same bytes served with no framework.
"$PEERS_DIR/client-venv/bin/python" "$ROOT/bench/bench_list_floor.py" --results "$OUT"
