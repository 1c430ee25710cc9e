#!/usr/bin/env bash
# bench/health.sh: the community health report's API on a generated community (issue 17;
# not a test). For each backend: a fresh database, bench/health_gen.sql with HEALTH_Q
# questions (default 100,000) over eight years, HEALTH_U members (5,000), ~1.4 answers per
# question (the triggers of migration 0027 and of the search index run during the load, so
# the load time includes keeping the summaries); `praxis report recount` (must find 0 rows
# differing, and its time is the from-scratch recount); then `praxis serve --threads 2`,
# one request at a time with curl, HEALTH_N (20) times per URL after one warm-up request
# (the first report of a community computes and stores its past participation months:
# that first time is printed apart): min, median and max of curl's time_total.
#
#   bench/health.sh                              sqlite
#   HEALTH_BACKENDS="sqlite pg" bench/health.sh  PostgreSQL too (PRAXIS_TEST_PG or
#                                                BENCH_PG = postgres://praxis@127.0.0.1:55432)
#   HEALTH_Q=10000 HEALTH_N=5 bench/health.sh    quick run
#
# BENCH_PRAXIS=/path/to/praxis skips the Release build (build-bench); BENCH_KEEP=1 keeps
# the temp dir. Needs curl, sqlite3, psql, python3. Prints a Markdown table for
# docs/performance.md.
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=bench/health
KEEP=${BENCH_KEEP:-0}
. bench/lib.sh
PRAXIS=${BENCH_PRAXIS:-$ROOT/build-bench/praxis}
Q=${HEALTH_Q:-100000}
U=${HEALTH_U:-5000}
N=${HEALTH_N:-20}
BACKENDS=${HEALTH_BACKENDS:-sqlite}
PG=${BENCH_PG:-${PRAXIS_TEST_PG:-}}
check_positive Q U N
build_praxis build-bench "-O2"
make_tmp /tmp/praxis-bench-health.XXXXXX
PW=bench-health-password-1

URLS=(
    "/api/v1/communities/bench/health"
    "/api/v1/communities/bench/health?from=2024-01-01&to=2024-12-31"
    "/api/v1/communities/bench/health/months.csv"
    "/api/v1/health"
)

sed -e "s/@Q@/$Q/g" -e "s/@U@/$U/g" bench/health_gen.sql >"$TMP/gen.sql"

# min, median, max (ms) of the numbers (seconds) on stdin
stats() { sort -g | awk '{v[NR] = $1 * 1000} END {printf "%.1f | %.1f | %.1f", v[1], v[int((NR + 1) / 2)], v[NR]}'; }

echo "| backend | questions | URL | first (ms) | min (ms) | median (ms) | max (ms) |"
echo "|---|---|---|---|---|---|---|"
for b in $BACKENDS; do
    if [ "$b" = sqlite ]; then
        db="sqlite:$TMP/health.db"
    else
        [ -n "$PG" ] || die "pg needs BENCH_PG or PRAXIS_TEST_PG"
        dbname="bench_health_$$"
        scripts/pg.sh createdb "$dbname" >/dev/null
        db="${PG%/}/$dbname"
    fi
    "$PRAXIS" migrate --db "$db" >/dev/null 2>&1
    printf '%s\n' "$PW" | "$PRAXIS" user add boss --admin --db "$db" >/dev/null 2>&1
    t0=$(date +%s.%N)
    if [ "$b" = sqlite ]; then
        sqlite3 "$TMP/health.db" "PRAGMA foreign_keys=ON" "BEGIN" ".read $TMP/gen.sql" "COMMIT"
    else
        psql "$db" -q -v ON_ERROR_STOP=1 -1 -f "$TMP/gen.sql" >/dev/null
    fi
    t1=$(date +%s.%N)
    echo "$LOG_TAG: $b: loaded $Q questions in $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s" >&2
    out=$("$PRAXIS" report recount --community bench --db "$db") || die "recount: $out"
    t2=$(date +%s.%N)
    echo "$LOG_TAG: $b: recount: $out ($(awk -v a="$t1" -v b="$t2" 'BEGIN {printf "%.1f", b - a}') s)" >&2
    start_praxis "$db" 2 "$TMP/serve.$b.log"
    sign_in "$P" boss "$PW"
    for u in "${URLS[@]}"; do
        first=$(curl -fs -o "$TMP/out" -w '%{time_total}' -H "$COOKIE" "$P$u") || die "GET $u failed"
        for _ in $(seq "$N"); do
            curl -fs -o /dev/null -w '%{time_total}\n' -H "$COOKIE" "$P$u" || die "GET $u failed"
        done >"$TMP/times"
        echo "| $b | $Q | \`$u\` | $(awk -v f="$first" 'BEGIN {printf "%.1f", f * 1000}') | $(stats <"$TMP/times") |"
    done
    jq -c '.total' <(curl -fs -H "$COOKIE" "$P${URLS[0]}") >&2 || true
    stop "$PRAXIS_PID"
    PRAXIS_PID=
    [ "$b" = sqlite ] || scripts/pg.sh dropdb "$dbname" >/dev/null || true
done
echo
echo "binary: $SOURCE; command: HEALTH_Q=$Q HEALTH_U=$U HEALTH_N=$N HEALTH_BACKENDS=\"$BACKENDS\" bench/health.sh"
