#!/usr/bin/env bash
# bench/lists.sh: thread-list latency on an instance of 100,000 threads, first page against
# last page (issue 3: "keyset pagination that stays fast on the last page of 100k threads").
#
# Builds praxis (Release) in build-lists, generates 50 communities, 10,000 members and
# LISTS_THREADS threads (`praxis demo --generate --threads N`; 2 private and 4 members-only
# communities among the 50), starts `praxis serve`, signs in as member25 (whose three
# generated memberships are all community-25, so a member of one community), walks each
# list's cursors to the end through the API (limit 100, then 30) to get the cursor of the
# LAST page, and measures one connection, one request at a time (wrk -t1 -c1 --latency for
# LISTS_SECONDS per URL): p50, p99 and requests made, for the HTML page and the API of
#   community-0 latest, unanswered, top (all) and tag "events", first and last page;
#   instance-wide /latest (and /api/v1/threads) first and last, anonymous and as member25.
#
#   bench/lists.sh                              sqlite, 100k threads (generation ~3 min)
#   LISTS_BACKENDS="sqlite pg" bench/lists.sh   also PostgreSQL (scripts/pg.sh start)
#   LISTS_THREADS=20000 LISTS_SECONDS=2 bench/lists.sh     quick run
#
# Environment: LISTS_THREADS (100000), LISTS_SECONDS (3) per URL, LISTS_BACKENDS (sqlite),
# LISTS_DB_SQLITE=/path/file.db reuse a database made by an earlier run (copied; skips the
# generation), LISTS_KEEP=1 keeps the temp dir, BENCH_PRAXIS=/path/to/praxis skips the build.
# Benchmarks are not tests: run them by hand.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$PWD
NTHREADS=${LISTS_THREADS:-100000}
SECS=${LISTS_SECONDS:-3}
BACKENDS=${LISTS_BACKENDS:-sqlite}
BUILD=$ROOT/build-lists
PRAXIS=${BENCH_PRAXIS:-$BUILD/praxis}
MEMBER=member25
LOG_TAG=lists
KEEP=${LISTS_KEEP:-0}
. bench/lib.sh
check_positive NTHREADS SECS
command -v wrk >/dev/null && command -v jq >/dev/null || die "needs wrk and jq"

# -Wno-error: GCC 12 at -O3 warns about crypto_pwhash_str_verify's char[128] parameter
# (src/domain/account.c) and maybe-uninitialized false positives; Debug is unaffected.
build_praxis "$BUILD" "-Wno-error=stringop-overread -Wno-error=maybe-uninitialized"

make_tmp /tmp/praxis-lists.XXXXXX

# Walk a list through the API to its end; print the cursor of the last page of 30 (empty
# when the list has one page). $1 = API URL with ? (no after/limit), $2 = optional header.
last_cursor() {
    local url=$1 hdr=${2:-} after= prev= next n=0 total
    while :; do
        next=$(curl -fs --max-time 60 ${hdr:+-H "$hdr"} "$url&limit=100${after:+&after=$after}" |
               jq -r '.next // ""') || die "GET $url failed"
        n=$((n + 1))
        [ -n "$next" ] || break
        prev=$after
        after=$next
    done
    after=$prev # the start of the last page of 100: walk the rest 30 at a time
    while :; do
        next=$(curl -fs --max-time 60 ${hdr:+-H "$hdr"} "$url&limit=30${after:+&after=$after}" |
               jq -r '.next // ""')
        n=$((n + 1))
        [ -n "$next" ] || break
        after=$next
    done
    echo "   walked $url in $n requests" >&2
    echo "$after"
}

# One measurement: name, URL, optional header. Prints a table row.
measure() {
    local name=$1 url=$2 hdr=${3:-} code out=$TMP/wrk.txt
    code=$(curl -s --max-time 60 ${hdr:+-H "$hdr"} -o "$TMP/body" -w '%{http_code}' "$url")
    [ "$code" = 200 ] || die "$name: GET $url answered $code"
    wrk -t1 -c1 -d"${SECS}s" --latency ${hdr:+-H "$hdr"} "$url" >"$out"
    wrk_stats "$out"
    grep -q "Non-2xx" "$out" && die "$name: non-2xx answers under wrk"
    printf '| %-7s | %-34s | %8s | %8s | %6s |\n' "$BACKEND" "$name" "$WRK_P50" "$WRK_P99" "$WRK_REQS" |
        tee -a "$TMP/table"
}

run_backend() {
    local db P cookie pw t0 t1
    case $BACKEND in
    sqlite)
        db=sqlite:$TMP/lists.db
        if [ -n "${LISTS_DB_SQLITE:-}" ]; then
            cp "$LISTS_DB_SQLITE" "$TMP/lists.db"
            echo "== sqlite: reusing $LISTS_DB_SQLITE"
        fi
        ;;
    pg)
        scripts/pg.sh start >/dev/null
        scripts/pg.sh dropdb praxis_lists >/dev/null
        scripts/pg.sh createdb praxis_lists >/dev/null
        db=$(scripts/pg.sh url praxis_lists)
        ;;
    *) die "unknown backend $BACKEND" ;;
    esac
    if [ "$BACKEND" != sqlite ] || [ -z "${LISTS_DB_SQLITE:-}" ]; then
        echo "== $BACKEND: generating 50 communities, 10000 members, $NTHREADS threads"
        t0=$(date +%s.%N)
        "$PRAXIS" demo --generate --communities 50 --members 10000 --threads "$NTHREADS" \
            --db "$db" 2>"$TMP/demo-$BACKEND.log" ||
            { tr '\r' '\n' <"$TMP/demo-$BACKEND.log" | tail -5 >&2; die "generation failed"; }
        t1=$(date +%s.%N)
        echo "   $(tr '\r' '\n' <"$TMP/demo-$BACKEND.log" | grep '^Generated' | tail -1)"
        echo "   generation took $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", b - a}') s"
    fi
    pw=pw-$RANDOM$RANDOM
    printf '%s\n' "$pw" | "$PRAXIS" user set-password "$MEMBER" --db "$db" >/dev/null

    start_praxis "$db" 2 "$TMP/serve-$BACKEND.log"
    sign_in "$P" "$MEMBER" "$pw"
    cookie=$COOKIE

    local A=$P/api/v1/communities/community-0/threads
    local lat unans top tag ilat imem
    echo "== $BACKEND: walking the lists to their last page"
    lat=$(last_cursor "$A?filter=latest")
    unans=$(last_cursor "$A?filter=unanswered")
    top=$(last_cursor "$A?filter=top&period=all")
    tag=$(last_cursor "$A?tag=events")
    ilat=$(last_cursor "$P/api/v1/threads?filter=latest")
    imem=$(last_cursor "$P/api/v1/threads?filter=latest" "$cookie")
    echo "   totals: community-0 latest $(curl -fs "$A" | jq .total), instance anonymous \
$(curl -fs "$P/api/v1/threads" | jq .total), as $MEMBER $(curl -fs -H "$cookie" "$P/api/v1/threads" | jq .total)"

    echo "== $BACKEND: measuring (wrk -t1 -c1 -d${SECS}s per URL)"
    measure "web c/latest first" "$P/c/community-0/latest"
    measure "web c/latest LAST" "$P/c/community-0/latest?after=$lat"
    measure "web c/unanswered first" "$P/c/community-0/unanswered"
    measure "web c/unanswered LAST" "$P/c/community-0/unanswered?after=$unans"
    measure "web c/top all first" "$P/c/community-0/top?period=all"
    measure "web c/top all LAST" "$P/c/community-0/top?period=all&after=$top"
    measure "web c/tags/events first" "$P/c/community-0/tags/events"
    measure "web c/tags/events LAST" "$P/c/community-0/tags/events?after=$tag"
    measure "web /latest first (anon)" "$P/latest"
    measure "web /latest LAST (anon)" "$P/latest?after=$ilat"
    measure "web /latest first ($MEMBER)" "$P/latest" "$cookie"
    measure "web /latest LAST ($MEMBER)" "$P/latest?after=$imem" "$cookie"
    measure "api c latest first" "$A?filter=latest"
    measure "api c latest LAST" "$A?filter=latest&after=$lat"
    measure "api c unanswered first" "$A?filter=unanswered"
    measure "api c unanswered LAST" "$A?filter=unanswered&after=$unans"
    measure "api c top all first" "$A?filter=top&period=all"
    measure "api c top all LAST" "$A?filter=top&period=all&after=$top"
    measure "api c tag events first" "$A?tag=events"
    measure "api c tag events LAST" "$A?tag=events&after=$tag"
    measure "api threads first (anon)" "$P/api/v1/threads?filter=latest"
    measure "api threads LAST (anon)" "$P/api/v1/threads?filter=latest&after=$ilat"
    measure "api threads first ($MEMBER)" "$P/api/v1/threads?filter=latest" "$cookie"
    measure "api threads LAST ($MEMBER)" "$P/api/v1/threads?filter=latest&after=$imem" "$cookie"

    stop "$PRAXIS_PID"
    PRAXIS_PID=
}

: >"$TMP/table"
for BACKEND in $BACKENDS; do
    run_backend
done

echo
echo "Thread lists, $NTHREADS threads, one connection (wrk -t1 -c1 -d${SECS}s), $(nproc) cores"
echo "($(cpu_model)):"
echo
echo "| backend | list                               | p50 (ms) | p99 (ms) | reqs   |"
echo "|---------|------------------------------------|---------:|---------:|-------:|"
cat "$TMP/table"
