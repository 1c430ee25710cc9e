#!/usr/bin/env bash
# bench/fanout.sh: the watcher fan-out as a job (not a test).
#
#   bench/fanout.sh                   # 10,000 watchers, 5 rounds
#   BENCH_WATCHERS=50000 BENCH_ROUNDS=3 bench/fanout.sh
#
# One SQLite instance with two communities: "quiet" (nobody watches) and "watched" (BENCH_WATCHERS
# members, added with SQL, watch its tag "alpha"). Each round posts one question tagged alpha
# in each community through the JSON API (the order alternates by round) and reports the time
# of the posting request (curl's time_total) side by side, and for the watched community the
# time from sending the request until all BENCH_WATCHERS "new_thread" notifications exist
# (polled with sqlite3 every 10 ms; the fan-out runs in the server's job runner, whose idle
# poll is 500 ms, so that figure includes the wait for the runner to wake). Builds
# build-bench (Release) unless BENCH_PRAXIS=/path/to/praxis is given. Prints a Markdown
# table for docs/performance.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=bench/fanout
KEEP=${BENCH_KEEP:-0}
. bench/lib.sh
PRAXIS=${BENCH_PRAXIS:-$ROOT/build-bench/praxis}
WATCHERS=${BENCH_WATCHERS:-10000}
ROUNDS=${BENCH_ROUNDS:-5}
check_positive WATCHERS ROUNDS
command -v sqlite3 >/dev/null || die "needs sqlite3"
build_praxis build-bench "-O2"
make_tmp /tmp/praxis-bench-fanout.XXXXXX
DBF=$TMP/fanout.db
DB=sqlite:$DBF
PW='bench fanout password 7'

"$PRAXIS" migrate --db "$DB" >/dev/null 2>&1
printf '%s\n' "$PW" | "$PRAXIS" user add asker --admin --db "$DB" >/dev/null 2>&1
start_praxis "$DB" 2 "$TMP/praxis.log"
sign_in "$P" asker "$PW"
curl -fs --max-time 5 -H "$COOKIE" "$P/" -o "$TMP/home.html"
CSRF=$(sed -n 's/.*name="csrf-token" content="\([0-9a-f]*\)".*/\1/p' "$TMP/home.html" | head -1)
[ -n "$CSRF" ] || die "no csrf-token on /"

api() { # METHOD PATH JSON -> body on stdout; prints time_total to fd 3
    curl -s --max-time 30 -X "$1" -H "$COOKIE" -H "X-CSRF-Token: $CSRF" \
        -H 'Content-Type: application/json' -H 'Accept: application/json' \
        -d "$3" -w '\n%{time_total} %{http_code}' "$P$2"
}
for slug in quiet watched; do
    out=$(api POST /api/v1/communities "{\"name\":\"Bench $slug\",\"slug\":\"$slug\",\"visibility\":\"public\",\"tags\":\"alpha, beta\"}")
    [ "$(tail -1 <<<"$out" | cut -d' ' -f2)" = 201 ] || die "cannot create $slug: $out"
done

echo "$LOG_TAG: adding $WATCHERS watchers with SQL" >&2
sqlite3 "$DBF" <<SQL
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $WATCHERS)
INSERT INTO users (name, name_key, display_name, created_at, updated_at)
SELECT 'w' || i, 'w' || i, 'Watcher ' || i, 0, 0 FROM n;
INSERT INTO memberships (community_id, user_id, role, joined_at)
SELECT c.id, u.id, 'member', 0 FROM users u, communities c
WHERE c.slug = 'watched' AND u.name LIKE 'w%';
INSERT INTO follows (user_id, community_id, thread_id, tag, level, updated_at)
SELECT u.id, c.id, 0, 'alpha', 3, 0 FROM users u, communities c
WHERE c.slug = 'watched' AND u.name LIKE 'w%';
COMMIT;
SQL

now_ms() { date +%s%3N; }
post_q() { # slug round -> "time_total_seconds"
    local out
    out=$(api POST "/api/v1/communities/$1/threads" \
        "{\"kind\":\"question\",\"title\":\"Bench question $2 in $1\",\"body\":\"How does the fan-out scale?\",\"tags\":[\"alpha\"]}")
    [ "$(tail -1 <<<"$out" | cut -d' ' -f2)" = 201 ] || die "post failed: $out"
    tail -1 <<<"$out" | cut -d' ' -f1
}

echo "| round | POST, no watchers (ms) | POST, $WATCHERS watchers (ms) | all $WATCHERS notifications exist after (ms) |"
echo "|---|---|---|---|"
for r in $(seq "$ROUNDS"); do
    sleep 1 # the runner is idle again
    if [ $((r % 2)) = 1 ]; then
        tq=$(post_q quiet "$r")
    fi
    base=$(sqlite3 "$DBF" "SELECT COUNT(*) FROM notifications")
    t0=$(now_ms)
    tw=$(post_q watched "$r")
    while :; do
        c=$(sqlite3 "$DBF" "PRAGMA busy_timeout=2000; SELECT COUNT(*) FROM notifications" | tail -1)
        [ "$c" -ge $((base + WATCHERS)) ] && break
        [ $(($(now_ms) - t0)) -lt 60000 ] || die "the fan-out did not finish in 60 s ($c)"
        sleep 0.01
    done
    t1=$(now_ms)
    if [ $((r % 2)) = 0 ]; then
        tq=$(post_q quiet "$r")
    fi
    printf '| %d | %.1f | %.1f | %d |\n' "$r" "$(echo "$tq * 1000" | bc -l)" \
        "$(echo "$tw * 1000" | bc -l)" $((t1 - t0))
done
echo "$LOG_TAG: $SOURCE, $(nproc) cores; notifications: $(sqlite3 "$DBF" 'SELECT COUNT(*) FROM notifications')" >&2
