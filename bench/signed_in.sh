#!/usr/bin/env bash
# bench/signed_in.sh: the 200-reply thread page for a signed-in member, side by side with nginx
# serving the same bytes, in one run (issue 18). Optionally a second praxis binary (the
# "before") runs in the same rounds, so a change is measured against its base under the same
# load.
#
# Content: ../shared/bench/fossil_forum_from_se.py turns the beer.stackexchange dump into
# posts.jsonl (one thread of 200 replies and 2,000 other posts in 565 threads, as in
# bench/thread.sh); `praxis demo --posts` loads it into a fresh SQLite database per binary
# (each binary migrates its own). A member "reader" is added and signed in through the
# /signin form. Before measuring, the script waits until the job queue is empty: loading
# queues one notification fan-out per post, and a server that works through them while wrk
# runs would charge that CPU to the page.
#
# Targets, wrk -t2 -c32 -dSECS --latency --timeout 10s each, ROUNDS rounds, the order reversed
# every other round:
#   - praxis (this tree, --threads THREADS): page 1 of the thread (50 posts) signed in;
#   - nginx (2 workers, keepalive, access_log off): the exact bytes that request returned;
#   - praxis: the same page anonymous (from the anonymous page cache), and nginx with its bytes;
#   - with BENCH_BASE=/path/to/praxis: the same signed-in page from that binary.
# Medians of req/s, p50, p99 and server CPU per request (utime+stime of the server over the
# run / requests); the ratio signed-in / nginx, the issue's target being >= 0.5.
#
#   bench/signed_in.sh                                   (3 rounds x 4-5 targets x 10 s)
#   BENCH_SECONDS=3 BENCH_ROUNDS=1 bench/signed_in.sh     quick smoke run
#   BENCH_BASE=/tmp/base/build/praxis bench/signed_in.sh  before and after in one run
#
# Environment: BENCH_SECONDS (10), BENCH_ROUNDS (3), BENCH_THREADS (4), BENCH_CONNECTIONS
# (32), BENCH_KEEP=1 keeps the temp dir, BENCH_PRAXIS=/path/to/praxis skips the build,
# BENCH_BASE (none), BENCH_SHARED (../shared: the dump and the generator).
# Needs wrk and nginx-light (scripts/deps.sh --bench), python3, sqlite3, curl, ss.
# Benchmarks are not tests: run them by hand.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$PWD
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
THREADS=${BENCH_THREADS:-4}
CONNS=${BENCH_CONNECTIONS:-32}
SHARED=${BENCH_SHARED:-$ROOT/../shared}
SE=$SHARED/data/stackexchange/beer
GEN=$SHARED/bench/fossil_forum_from_se.py
BUILD=$ROOT/build-tbench
PRAXIS=${BENCH_PRAXIS:-$BUILD/praxis}
BASE=${BENCH_BASE:-}
KEEP=${BENCH_KEEP:-0}
LOG_TAG=signed_in
UP_TIMEOUT=2
. bench/lib.sh
check_positive SECS ROUNDS THREADS CONNS
[ -d "$SE" ] || die "no Stack Exchange dump in $SE (set BENCH_SHARED)"
[ -f "$GEN" ] || die "no $GEN (set BENCH_SHARED)"
[ -z "$BASE" ] || [ -x "$BASE" ] || die "BENCH_BASE $BASE is not an executable"
for cmd in wrk nginx python3 sqlite3 curl ss; do
    command -v "$cmd" >/dev/null 2>&1 || die "$cmd is missing (scripts/deps.sh --bench)"
done
# See bench/thread.sh for these two GCC 12 -O3 false positives.
build_praxis "$BUILD" "-Wno-error=stringop-overread -Wno-error=maybe-uninitialized"

make_tmp /tmp/praxis-sbench.XXXXXX
BASE_PID=
trap 'rc=$?; [ -z "$BASE_PID" ] || stop "$BASE_PID"; (exit $rc); cleanup' EXIT
mkdir -p "$TMP/www" "$TMP/wrk"

echo "== content: $(basename "$SE"), 200 replies + 2000 other posts, in $TMP"
python3 "$GEN" "$SE" "$TMP/artifacts" 200 2000 >"$TMP/gen.log" || { cat "$TMP/gen.log" >&2; die "generator failed"; }
JSONL=$TMP/posts.jsonl

# load BIN NAME: a database for binary BIN with the posts and the reader; prints its path.
load() {
    local db=$TMP/$2.db
    "$1" demo --posts "$JSONL" --community beer --db "sqlite:$db" >"$TMP/$2.load.out" 2>"$TMP/$2.load.log" ||
        { cat "$TMP/$2.load.log" >&2; die "$2: praxis demo --posts failed"; }
    printf '%s\n' 'bench-reader-password-1' |
        "$1" user add reader --db "sqlite:$db" >>"$TMP/$2.load.log" 2>&1 || die "$2: user add failed"
    echo "$db"
}
# drain DB: wait (at most 300 s) until no job is queued or running.
drain() {
    local i n
    for i in $(seq 600); do
        n=$(sqlite3 -cmd '.timeout 5000' "$1" "SELECT count(*) FROM jobs WHERE state IN ('queued', 'running')")
        [ "$n" = 0 ] && return 0
        sleep 0.5
    done
    die "jobs still queued in $1 after 300 s"
}

DB=$(load "$PRAXIS" new)
TID=$(sqlite3 "$DB" "SELECT id FROM threads WHERE reply_count = 200 ORDER BY id LIMIT 1")
[ -n "$TID" ] || die "no 200-reply thread"
TPATH=/c/beer/t/$TID
start_praxis "sqlite:$DB" "$THREADS" "$TMP/new.log"
drain "$DB"
sign_in "$P" reader bench-reader-password-1
NEW_COOKIE=$COOKIE
curl -fs -H "$NEW_COOKIE" -o "$TMP/www/member.html" "$P$TPATH"
grep -q 'Sign out' "$TMP/www/member.html" || die "the signed-in page does not show the reader signed in"
posts=$(grep -o 'id="p[0-9]*"' "$TMP/www/member.html" | sort -u | wc -l)
[ "$posts" = 50 ] || die "the signed-in page shows $posts posts, not 50"
curl -fs -o "$TMP/www/anon.html" "$P$TPATH"
printf 'wrk.headers["Cookie"] = "%s"\n' "${NEW_COOKIE#Cookie: }" >"$TMP/new.lua"

if [ -n "$BASE" ]; then
    BDB=$(load "$BASE" base)
    BPORT=$(free_port)
    B=http://127.0.0.1:$BPORT
    "$BASE" serve --listen "127.0.0.1:$BPORT" --threads "$THREADS" --db "sqlite:$BDB" >"$TMP/base.log" 2>&1 &
    BASE_PID=$!
    wait_up "$B/healthz"
    drain "$BDB"
    sign_in "$B" reader bench-reader-password-1
    curl -fs -H "$COOKIE" -o "$TMP/base-member.html" "$B$TPATH"
    grep -q 'Sign out' "$TMP/base-member.html" || die "base: the signed-in page does not show the reader"
    printf 'wrk.headers["Cookie"] = "%s"\n' "${COOKIE#Cookie: }" >"$TMP/base.lua"
fi

start_nginx member.html anon.html

# name | server | url | wrk script | body bytes
TARGETS=(
    "praxis signed in|praxis|$P$TPATH|$TMP/new.lua|$(stat -c %s "$TMP/www/member.html")"
    "nginx  same bytes|nginx|$N/member.html||$(stat -c %s "$TMP/www/member.html")"
    "praxis anonymous (cache)|praxis|$P$TPATH||$(stat -c %s "$TMP/www/anon.html")"
    "nginx  same bytes|nginx|$N/anon.html||$(stat -c %s "$TMP/www/anon.html")"
)
[ -z "$BASE" ] || TARGETS+=("base signed in|base|$B$TPATH|$TMP/base.lua|$(stat -c %s "$TMP/base-member.html")")

RESULTS=$TMP/results.tsv
: >"$RESULTS"
run_one() { # index round
    local name server url script out pids c0 c1 cpu
    IFS='|' read -r name server url script _ <<<"${TARGETS[$1]}"
    case $server in
        praxis) pids=$PRAXIS_PID ;;
        base) pids=$BASE_PID ;;
        nginx) pids=$NGINX_PROCS ;;
    esac
    out="$TMP/wrk/$1.r$2.txt"
    c0=$(cpu_ticks $pids)
    timeout $((SECS + 60)) wrk -t2 -c"$CONNS" -d"${SECS}s" --latency --timeout 10s \
        ${script:+-s "$script"} "$url" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed on $name"; }
    c1=$(cpu_ticks $pids)
    wrk_check_errors "$out" "$name"
    wrk_stats "$out"
    wrk_check_parsed "$out"
    cpu=$(cpu_us_per_req "$c0" "$c1" "$WRK_REQS")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$WRK_RPS" "$WRK_P50" "$WRK_P99" "$cpu" "$WRK_REQS" >>"$RESULTS"
    printf '   r%s %-26s %10s req/s  p50 %8s ms  p99 %8s ms  %9s us/req\n' \
        "$2" "$name" "$WRK_RPS" "$WRK_P50" "$WRK_P99" "$cpu"
}

LOAD0=$(cut -d' ' -f1-3 /proc/loadavg)
pgrep -x wrk >/dev/null 2>&1 && echo "$LOG_TAG: WARNING: another wrk is running; these figures are not clean" >&2
echo "== praxis --threads $THREADS on $P${BASE:+, base on $B}, nginx (2 workers) on $N"
echo "== wrk -t2 -c$CONNS -d${SECS}s --latency --timeout 10s; rounds: $ROUNDS, order reversed every other round"
for i in "${!TARGETS[@]}"; do # warm up
    IFS='|' read -r _ _ url script _ <<<"${TARGETS[$i]}"
    timeout 60 wrk -t2 -c"$CONNS" -d1s --timeout 10s ${script:+-s "$script"} "$url" >/dev/null
done
run_rounds 1
LOAD1=$(cut -d' ' -f1-3 /proc/loadavg)
# The session still works (the last runs were not answered with a signed-out page).
curl -fs -H "$NEW_COOKIE" -o "$TMP/after.html" "$P$TPATH"
grep -q 'Sign out' "$TMP/after.html" || die "the reader is no longer signed in"

declare -A MED_RPS MED_CPU
echo
echo "== results: medians of $ROUNDS round(s)"
printf '| %-26s | %7s | %10s | %15s | %8s | %8s | %10s |\n' \
    target "body B" "req/s" "req/s min-max" "p50 ms" "p99 ms" "CPU us/req"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "----------------------------" "--------:" "-----------:" \
    "----------------:" "---------:" "---------:" "-----------:"
for i in "${!TARGETS[@]}"; do
    IFS='|' read -r name _ _ _ bytes <<<"${TARGETS[$i]}"
    MED_RPS[$i]=$(col "$i" 3 | median)
    MED_CPU[$i]=$(col "$i" 6 | median)
    printf '| %-26s | %7s | %10.0f | %15s | %8s | %8s | %10s |\n' "$name" "$bytes" "${MED_RPS[$i]}" \
        "$(printf '%.0f-%.0f' "$(col "$i" 3 | sort -g | head -1)" "$(col "$i" 3 | sort -g | tail -1)")" \
        "$(col "$i" 4 | median)" "$(col "$i" 5 | median)" "${MED_CPU[$i]}"
done
pair() { paste <(col "$1" 3) <(col "$2" 3) | awk '{print $1 / $2}' | median; }
echo
echo "== ratios (median of the per-round ratios; target for signed in: >= 0.5 of nginx)"
echo "   praxis signed in / nginx same bytes:  $(pair 0 1 | xargs printf '%.3f')"
echo "   praxis anonymous / nginx same bytes:  $(pair 2 3 | xargs printf '%.3f')"
[ -z "$BASE" ] || {
    echo "   base signed in / nginx (member bytes): $(pair 4 1 | xargs printf '%.3f')"
    echo "   praxis signed in / base signed in:    $(pair 0 4 | xargs printf '%.3f')"
}
echo
echo "== peak RSS: praxis $(peak_kib "$PRAXIS_PID") KiB${BASE:+, base $(peak_kib "$BASE_PID") KiB}; nginx $(nginx_peaks)"
echo "== praxis: $SOURCE (Release)${BASE:+; base: $BASE}; $(nginx -v 2>&1 | sed 's/^nginx version: //')"
echo "== machine: $(nproc) CPUs, $(cpu_model), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "== load average before the runs: $LOAD0; after: $LOAD1 (wrk runs on the same CPUs)"
