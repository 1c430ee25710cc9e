#!/usr/bin/env bash
# Manage a private PostgreSQL 15 server for Praxis's tests and development, separate from any
# system cluster (the Debian package may run one on 5432; this one never touches it).
#
#   scripts/pg.sh start            init (if needed) and start; idempotent; waits until ready
#   scripts/pg.sh stop             stop it (fast shutdown); no-op if not running
#   scripts/pg.sh status           exit 0 if running
#   scripts/pg.sh url [DBNAME]     print postgres://praxis@127.0.0.1:PORT/DBNAME (default praxis)
#   scripts/pg.sh createdb NAME    create database NAME owned by praxis (no-op if it exists)
#   scripts/pg.sh dropdb NAME      drop database NAME (closing its connections; no-op if absent)
#   scripts/pg.sh psql [DBNAME]    interactive psql as praxis
#
# Environment: PRAXIS_PG_DIR (data directory, default /tmp/praxis-pg; must be reachable by the
# postgres user when run as root), PRAXIS_PG_PORT (default 55432), PRAXIS_PG_BIN (default
# /usr/lib/postgresql/15/bin).
#
# The server listens on 127.0.0.1 only, keeps its unix socket in the data directory, trusts
# local and 127.0.0.1 connections (test/dev only), and has a SUPERUSER LOGIN role "praxis"
# and a database "praxis". PostgreSQL refuses to run as root, so when this script runs as root
# the data directory is owned by the "postgres" user and initdb/pg_ctl run via runuser.
# Concurrent invocations are serialised with flock on "$PRAXIS_PG_DIR.lock".
set -euo pipefail

DIR=$(realpath -m "${PRAXIS_PG_DIR:-/tmp/praxis-pg}")
PORT=${PRAXIS_PG_PORT:-55432}
BIN=${PRAXIS_PG_BIN:-/usr/lib/postgresql/15/bin}
HOST=127.0.0.1
LOG="$DIR/server.log"

die() { echo "pg.sh: $*" >&2; exit 1; }

# Run a server-side command as the owner of the data directory (from /, since the caller's
# working directory may be closed to the postgres user).
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

check_bin() {
    [ -x "$BIN/pg_ctl" ] || die "no PostgreSQL binaries in $BIN (apt-get install postgresql, or set PRAXIS_PG_BIN)"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user (apt-get install postgresql creates it)"
    fi
}

check_name() {
    [[ "$1" =~ ^[A-Za-z_][A-Za-z0-9_]{0,62}$ ]] || die "bad database name '$1' (letters, digits, _)"
}

is_running() {
    [ -f "$DIR/PG_VERSION" ] && as_owner "$BIN/pg_ctl" status -D "$DIR" >/dev/null 2>&1
}

# Client commands connect over TCP as the praxis role (trust auth), from any local user.
psql_admin() {
    PGOPTIONS='-c client_min_messages=warning' \
        "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$HOST" -p "$PORT" "$@"
}

init_cluster() {
    mkdir -p "$DIR"
    if [ "$(id -u)" -eq 0 ]; then
        chown postgres:postgres "$DIR"
    fi
    chmod 700 "$DIR"
    as_owner test -w "$DIR" || die "$DIR is not writable by the server's user (postgres when run as root); choose another PRAXIS_PG_DIR"
    if [ -n "$(ls -A "$DIR")" ]; then
        die "$DIR exists, is not empty and holds no cluster; remove it or choose another PRAXIS_PG_DIR"
    fi
    as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
    as_owner tee -a "$DIR/postgresql.conf" >/dev/null <<EOF

# --- praxis scripts/pg.sh ---
listen_addresses = '$HOST'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 200
log_min_messages = warning
EOF
    as_owner tee "$DIR/pg_hba.conf" >/dev/null <<EOF
# praxis scripts/pg.sh: test/dev server, trust on the local socket and loopback only
local all all               trust
host  all all 127.0.0.1/32  trust
EOF
    NEW=1
}

cmd_start() {
    check_bin
    if is_running; then
        return 0
    fi
    NEW=0
    if [ ! -f "$DIR/PG_VERSION" ]; then
        init_cluster
    fi
    # Stale pid file from a killed server: pg_ctl handles it; a busy port is reported here.
    # fd 9 (the flock) is closed for the server, or the postmaster would hold the lock forever.
    if ! as_owner "$BIN/pg_ctl" start -D "$DIR" -l "$LOG" -w -t 60 -s >/dev/null 9>&-; then
        tail -n 20 "$LOG" >&2 || true
        die "server did not start (log: $LOG; is port $PORT taken? set PRAXIS_PG_PORT)"
    fi
    local _
    for _ in $(seq 1 100); do
        if "$BIN/pg_isready" -q -h "$HOST" -p "$PORT"; then break; fi
        sleep 0.1
    done
    "$BIN/pg_isready" -q -h "$HOST" -p "$PORT" || die "server started but does not accept connections on $HOST:$PORT"
    # The praxis role and database (created once; checked on every start in case of an
    # interrupted first start).
    psql_admin -U postgres -d postgres <<'EOF'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'praxis') THEN
    CREATE ROLE praxis SUPERUSER LOGIN;
  END IF;
END $$;
EOF
    ensure_db praxis
    [ "$NEW" = 1 ] && echo "pg.sh: initialised $DIR; server on $HOST:$PORT" >&2
    return 0
}

ensure_db() {
    local exists
    exists=$(psql_admin -U praxis -d postgres -At -c "SELECT 1 FROM pg_database WHERE datname = '$1'")
    if [ "$exists" != 1 ]; then
        psql_admin -U praxis -d postgres -c "CREATE DATABASE \"$1\" OWNER praxis"
    fi
}

cmd_stop() {
    check_bin
    if is_running; then
        as_owner "$BIN/pg_ctl" stop -D "$DIR" -m fast -w -t 60 -s
    fi
}

need_running() {
    is_running || die "the server is not running (scripts/pg.sh start)"
}

usage() {
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

[ $# -ge 1 ] || usage
cmd=$1
shift

case "$cmd" in
url)
    name=${1:-praxis}
    check_name "$name"
    echo "postgres://praxis@$HOST:$PORT/$name"
    exit 0
    ;;
start | stop | status | createdb | dropdb | psql) ;;
*) usage ;;
esac

mkdir -p "$(dirname "$DIR")"
exec 9>"$DIR.lock"
flock 9

case "$cmd" in
start) cmd_start ;;
stop) cmd_stop ;;
status)
    check_bin
    if is_running; then echo "running: $HOST:$PORT, data $DIR"; else echo "stopped"; exit 1; fi
    ;;
createdb)
    [ $# -eq 1 ] || usage
    check_name "$1"
    need_running
    ensure_db "$1"
    ;;
dropdb)
    [ $# -eq 1 ] || usage
    check_name "$1"
    need_running
    psql_admin -U praxis -d postgres -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"
    ;;
psql)
    need_running
    flock -u 9
    exec "$BIN/psql" -X -h "$HOST" -p "$PORT" -U praxis -d "${1:-praxis}"
    ;;
esac
