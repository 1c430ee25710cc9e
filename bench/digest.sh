#!/usr/bin/env bash
# bench/digest.sh: a digest run for 1,000 and 10,000 members on SQLite (not a test).
#
#   bench/digest.sh                          # 1000 and 10000 members
#   BENCH_MEMBERS="1000 10000 30000" bench/digest.sh
#
# For each size it makes a fresh SQLite database (praxis migrate), fills it with
# bench/digest_gen.sql (members with verified addresses who have not visited for two weeks,
# 24 communities, 3,000 threads of the last 6 days, 1,000 accepted answers for expertise,
# events, articles due), then times the two halves of a digest run:
#   sweep:  `praxis digest run` (finds the due members, queues one digest job each)
#   build:  `praxis worker --once` (runs every digest job: builds the digest and queues its
#           mail; no SMTP relay is configured, so the mail jobs stay queued)
# and reports wall time, digests per second, and the worker's peak RSS (/usr/bin/time -v)
# and RSS sampled every 0.2 s from /proc during the run (median and max): memory should not
# grow with the number of members. Builds build-bench (Release) unless BENCH_PRAXIS is given.
# BENCH_KEEP=1 keeps the temp dir. Prints a Markdown table for docs/performance.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=bench/digest
KEEP=${BENCH_KEEP:-0}
. bench/lib.sh
PRAXIS=${BENCH_PRAXIS:-$ROOT/build-bench/praxis}
build_praxis build-bench "-O2"
[ -x /usr/bin/time ] || die "needs /usr/bin/time (apt-get install time)"
command -v sqlite3 >/dev/null || die "needs the sqlite3 shell"
make_tmp /tmp/praxis-bench-digest.XXXXXX
SIZES=${BENCH_MEMBERS:-"1000 10000"}

rows=()
for n in $SIZES; do
    db="$TMP/d$n.db"
    "$PRAXIS" migrate --db "sqlite:$db" >/dev/null 2>&1
    now=$(date +%s)
    sqlite3 "$db" ".param set :N $n" ".param set :NOW $now" ".read bench/digest_gen.sql"
    t0=$(date +%s.%N)
    "$PRAXIS" digest run --now "$now" --db "sqlite:$db" >"$TMP/sweep$n.out" 2>"$TMP/sweep$n.log"
    t1=$(date +%s.%N)
    /usr/bin/time -v "$PRAXIS" worker --once --db "sqlite:$db" >"$TMP/build$n.out" \
        2>"$TMP/build$n.log" &
    tpid=$!
    : >"$TMP/rss$n"
    while kill -0 "$tpid" 2>/dev/null; do
        wpid=$(pgrep -P "$tpid" -x praxis || true)
        [ -n "$wpid" ] && awk '/^VmRSS:/ {print $2}' "/proc/$wpid/status" 2>/dev/null >>"$TMP/rss$n" || true
        sleep 0.2
    done
    wait "$tpid" || die "the worker failed: $(tail -3 "$TMP/build$n.log")"
    t2=$(date +%s.%N)
    queued=$(awk '{print $2}' "$TMP/sweep$n.out")
    mails=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE kind = 'mail'")
    done_=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE kind = 'digest' AND state = 'done'")
    peak=$(awk -F': ' '/Maximum resident/ {print $2}' "$TMP/build$n.log")
    med=$(sort -n "$TMP/rss$n" | awk '{a[NR]=$1} END {print NR ? a[int((NR+1)/2)] : 0}')
    max=$(sort -n "$TMP/rss$n" | tail -1)
    sweep=$(echo "$t1 - $t0" | bc)
    build=$(echo "$t2 - $t1" | bc)
    total=$(echo "$t2 - $t0" | bc)
    rate=$(echo "scale=0; $done_ / $build" | bc)
    echo "$LOG_TAG: $n members: queued $queued, built $done_, mails $mails, sweep ${sweep}s," \
         "build ${build}s, peak RSS ${peak} KiB" >&2
    rows+=("| $n | $queued | $mails | $(printf %.2f "$sweep") | $(printf %.1f "$build") | $(printf %.1f "$total") | $rate | $((med / 1024)) / $((${max:-0} / 1024)) | $((peak / 1024)) |")
done

echo
echo "praxis: $SOURCE; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| members | digests queued | mails queued | sweep s | build s | total s | digests/s | RSS MiB median / max (sampled) | peak RSS MiB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
