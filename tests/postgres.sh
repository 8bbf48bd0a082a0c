#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the shared-state (pg backend) integration tests: its own data
# directory, TCP on 127.0.0.1 only, a password-authenticated role. Nothing of the system's own
# PostgreSQL is touched. Package (Debian/Ubuntu): apt-get install -y --no-install-recommends postgresql
# Usage: tests/postgres.sh up|down|status|env
set -euo pipefail

PORT=${EXASOL_TEST_PG_PORT:-55432}
ROOT=${EXASOL_TEST_PG_DIR:-/tmp/exasol-test-pg}
DATA=$ROOT/data
ROLE=exasol_ci
PASSWORD=exasol-ci-pg-pw
DB=exasol_state
# A role that may create schemas in its database but, as PostgreSQL 15 has it, nothing in `public`.
LIMITED_ROLE=exasol_ci_limited
LIMITED_DB=exasol_state_limited
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[[ -n $BIN ]] || BIN=$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")

# initdb and postgres refuse to run as root: run them as the postgres user then.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

conn() { echo "postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB?sslmode=disable"; }
limited_conn() { echo "postgres://$LIMITED_ROLE:$PASSWORD@127.0.0.1:$PORT/$LIMITED_DB?sslmode=disable"; }

running() { [[ -f $DATA/postmaster.pid ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

up() {
  [[ -x $BIN/initdb ]] || { echo "postgres.sh: PostgreSQL server binaries not found (see the header for the package)" >&2; exit 1; }
  if running; then echo "postgres already running on 127.0.0.1:$PORT"; return 0; fi
  rm -rf "$ROOT"
  mkdir -p "$ROOT"
  [[ $(id -u) -eq 0 ]] && chown postgres: "$ROOT"
  as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 >"$ROOT/initdb.log" 2>&1 ||
    { tail -20 "$ROOT/initdb.log" >&2; exit 1; }
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 \
    -o "-p $PORT -k $ROOT -c listen_addresses=127.0.0.1 -c max_connections=50" start >/dev/null ||
    { tail -20 "$ROOT/server.log" >&2; exit 1; }
  as_owner "$BIN/psql" -h "$ROOT" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'" \
    -c "CREATE DATABASE $DB OWNER $ROLE" \
    -c "CREATE ROLE $LIMITED_ROLE LOGIN PASSWORD '$PASSWORD'" \
    -c "CREATE DATABASE $LIMITED_DB" \
    -c "GRANT CONNECT, CREATE ON DATABASE $LIMITED_DB TO $LIMITED_ROLE" >/dev/null
  echo "postgres running on 127.0.0.1:$PORT (data $DATA)"
}

down() {
  if running; then as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; fi
  rm -rf "$ROOT"
  echo "postgres stopped and removed"
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) if running; then echo "running: $(conn | sed 's/:[^:@]*@/:***@/')"; else echo "not running"; exit 1; fi ;;
  env) echo "export EXASOL_TEST_PG_CONN_STR='$(conn)' EXASOL_TEST_PG_LIMITED_CONN_STR='$(limited_conn)'" ;;
  *) echo "usage: $0 up|down|status|env" >&2; exit 2 ;;
esac
