#!/usr/bin/env bash
# The whole suite: lint and the architecture contract, then every test on SQLite and on PostgreSQL.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL=${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/test}
status=0

echo "== ruff"
.venv/bin/ruff check . || status=1
.venv/bin/ruff format --check . || status=1

echo "== architecture (import-linter: contracts in pyproject.toml)"
.venv/bin/lint-imports || status=1

pg_reachable() {
  $PY - "$PG_URL" <<'PY'
import sys
import psycopg
try:
    psycopg.connect(sys.argv[1], connect_timeout=3).close()
except Exception as error:
    print(f"PostgreSQL not reachable at {sys.argv[1]}: {error}", file=sys.stderr)
    sys.exit(1)
PY
}

if ! pg_reachable && command -v pg_ctlcluster >/dev/null 2>&1; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -n 1)
  if [ -n "$version" ]; then
    echo "Starting PostgreSQL $version ..."
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    sleep 2
  fi
fi

# The two runs go side by side, one a core: the PostgreSQL run's output follows the SQLite run's.
pg_pid=""
if pg_reachable; then
  pg_log=$(mktemp -t tests-postgresql.XXXXXX)
  DATABASE_URL=$PG_URL .venv/bin/pytest "$@" >"$pg_log" 2>&1 &
  pg_pid=$!
  trap 'kill "$pg_pid" 2>/dev/null; rm -f "$pg_log"' EXIT
fi

echo "== tests on SQLite"
env -u DATABASE_URL .venv/bin/pytest "$@" || status=1

if [ -n "$pg_pid" ]; then
  wait "$pg_pid" || status=1
  echo "== tests on PostgreSQL ($PG_URL)"
  cat "$pg_log"
else
  cat >&2 <<'BANNER'

##########################################################################
#  POSTGRESQL SKIPPED: no server could be reached, so the suite ran on   #
#  SQLite only. Set TEST_POSTGRES_URL or start PostgreSQL to run it.     #
##########################################################################

BANNER
fi

if [ $status -eq 0 ]; then echo "== all passed"; else echo "== FAILED"; fi
exit $status
