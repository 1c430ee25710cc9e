#!/usr/bin/env bash
# bench/webhooks.sh: webhook delivery throughput to a local HTTPS receiver (not a test).
#
#   bench/webhooks.sh                      # 2000 deliveries
#   BENCH_DELIVERIES=5000 bench/webhooks.sh
#
# Starts bench/webhook_sink.mjs (node https on loopback with an openssl-made certificate; it
# only counts) and measures in one run, side by side:
#   1. the receiver alone, from node's https client: sequential POSTs of a ~1 KB body over
#      one kept-alive connection, and a quarter as many with a new TLS connection each;
#   2. Praxis: one instance webhook (to https://127.0.0.1:PORT, allowed through webhook_allow,
#      the certificate trusted through webhook_ca_file) and BENCH_DELIVERIES pending deliveries
#      of a ~1 KB payload with their "webhook" jobs, put in a fresh SQLite database with SQL;
#      then `praxis worker --once` delivers them all: resolve and check the address, sign
#      (HMAC-SHA256), POST, log the attempt, finish the job. One runner, one delivery at a
#      time, one libcurl handle (so one TLS connection) per batch of JOB_BATCH (50) jobs.
# Reports deliveries per second. Builds build-bench (Release) unless BENCH_PRAXIS is given.
# BENCH_KEEP=1 keeps the temp dir. Prints a Markdown table for docs/performance.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=bench/webhooks
KEEP=${BENCH_KEEP:-0}
. bench/lib.sh
PRAXIS=${BENCH_PRAXIS:-$ROOT/build-bench/praxis}
N=${BENCH_DELIVERIES:-2000}
check_positive N
# -Wno-error=maybe-uninitialized: GCC 12 at -O3 warns in domain/event.c (soon_schedule), on
# main too; the warning is not about this benchmark.
build_praxis build-bench "-O2 -Wno-error=maybe-uninitialized"
command -v sqlite3 >/dev/null || die "needs the sqlite3 shell"
command -v node >/dev/null || die "needs node"
make_tmp /tmp/praxis-bench-hooks.XXXXXX

read -r _ cn1 cs1 cn2 cs2 < <(node bench/webhook_sink.mjs "$TMP/unused" --client "$N")

node bench/webhook_sink.mjs "$TMP/count" >"$TMP/sink.out" 2>&1 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 100); do grep -q ready "$TMP/sink.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$TMP/sink.out" || die "the receiver did not start: $(cat "$TMP/sink.out")"
read -r _ port cafile < "$TMP/sink.out"
count() { cat "$TMP/count" 2>/dev/null || echo 0; }
rate() { echo "scale=0; $1 / $2" | bc; }

db="$TMP/hooks.db"
"$PRAXIS" migrate --db "sqlite:$db" >/dev/null 2>&1
echo "bench-pass-phrase-long" | "$PRAXIS" user add benchadmin --admin --db "sqlite:$db" >/dev/null 2>&1
now=$(date +%s)
sqlite3 "$db" "
INSERT INTO settings (key, value) VALUES ('webhook_allow', '127.0.0.1'), ('webhook_ca_file', '$cafile');
INSERT INTO communities (slug, name, created_at, updated_at) VALUES ('bench', 'Bench', $now, $now);
INSERT INTO webhooks (community_id, owner_id, url, events, secret, created_at, updated_at)
SELECT NULL, id, 'https://127.0.0.1:$port/hook', 'post.created', hex(randomblob(32)), $now, $now
  FROM users WHERE name = 'benchadmin';
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $N)
INSERT INTO webhook_deliveries (hook_id, event_id, event_type, payload, created_at)
SELECT 1, lower(hex(randomblob(16))), 'post.created',
  json_object('v', 1, 'id', 'e' || i, 'type', 'post.created', 'time', '2026-12-07T20:00:00Z',
    'community', json_object('id', 1, 'slug', 'bench', 'name', 'Bench'),
    'data', json_object('post', json_object('id', i, 'body',
      replace(hex(zeroblob(18)), '00', 'A reply of typical length, in words. ')))), $now FROM s;
INSERT INTO jobs (kind, payload, run_at, max_attempts, idempotency_key, created_at, updated_at)
SELECT 'webhook', '{\"delivery\":' || id || '}', $now, 100000, 'webhook:' || id, $now, $now
  FROM webhook_deliveries;"
size=$(sqlite3 "$db" "SELECT avg(length(payload)) FROM webhook_deliveries" | cut -d. -f1)
before=$(count)
t0=$(date +%s.%N)
"$PRAXIS" worker --once --db "sqlite:$db" >"$TMP/worker.out" 2>"$TMP/worker.log"
t1=$(date +%s.%N)
s3=$(echo "$t1 - $t0" | bc)
for _ in $(seq 100); do # the receiver writes its count every 50 ms
    [ $(( $(count) - before )) -ge "$N" ] && break
    sleep 0.1
done
got=$(( $(count) - before ))
ok=$(sqlite3 "$db" "SELECT count(*) FROM webhook_deliveries WHERE state = 'ok'")
[ "$got" -eq "$N" ] && [ "$ok" -eq "$N" ] || die "received $got, ok $ok of $N (see $TMP/worker.log)"

echo
echo "praxis: $SOURCE; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); payload $size bytes"
echo
echo "| sender | TLS connections | requests | seconds | requests/s |"
echo "|---|---|---:|---:|---:|"
echo "| node https client (receiver alone) | one for all | $cn1 | $cs1 | $(rate "$cn1" "$cs1") |"
echo "| node https client (receiver alone) | one per request | $cn2 | $cs2 | $(rate "$cn2" "$cs2") |"
echo "| praxis worker --once | one per 50 jobs | $N | $(printf %.3f "$s3") | $(rate "$N" "$s3") |"
