#!/usr/bin/env bash
# bench/mail.sh: outgoing mail throughput to a local SMTP sink (not a test).
#
#   bench/mail.sh                      # 2000 messages
#   BENCH_MESSAGES=5000 bench/mail.sh
#
# Starts bench/smtp_count_sink.py (Debian's python3-aiosmtpd; it only counts, no disk
# writes) on loopback, then measures in one run, side by side:
#   1. the sink alone, with Python's smtplib: all messages over one connection, and one
#      connection per message (a quarter as many) - the cost of not reusing connections;
#   2. Praxis: BENCH_MESSAGES mail jobs (~2 KB text + HTML, as mail_enqueue writes them) put
#      in a fresh SQLite database, then `praxis worker --once --smtp URL` sends them all. The
#      runner reuses one SMTP connection for each batch of JOB_BATCH (50) jobs.
# Reports messages per second. Builds build-bench (Release) unless BENCH_PRAXIS is given.
# BENCH_KEEP=1 keeps the temp dir. Prints a Markdown table for docs/performance.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
LOG_TAG=bench/mail
KEEP=${BENCH_KEEP:-0}
. bench/lib.sh
PRAXIS=${BENCH_PRAXIS:-$ROOT/build-bench/praxis}
N=${BENCH_MESSAGES:-2000}
check_positive N
build_praxis build-bench "-O2"
command -v sqlite3 >/dev/null || die "needs the sqlite3 shell"
make_tmp /tmp/praxis-bench-mail.XXXXXX

port=$(free_port)
/usr/bin/python3 bench/smtp_count_sink.py --port "$port" --count "$TMP/count" >"$TMP/sink.out" 2>&1 &
SINK_PID=$!
trap 'kill "$SINK_PID" 2>/dev/null || true; cleanup' EXIT
for _ in $(seq 50); do grep -q ready "$TMP/sink.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$TMP/sink.out" || die "the sink did not start: $(cat "$TMP/sink.out")"
count() { cat "$TMP/count" 2>/dev/null || echo 0; }
rate() { echo "scale=0; $1 / $2" | bc; }

read -r n1 s1 < <(/usr/bin/python3 bench/smtp_client.py --port "$port" -n "$N" --reuse)
read -r n2 s2 < <(/usr/bin/python3 bench/smtp_client.py --port "$port" -n $((N / 4)))

db="$TMP/mail.db"
"$PRAXIS" migrate --db "sqlite:$db" >/dev/null 2>&1
now=$(date +%s)
sqlite3 "$db" "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $N)
INSERT INTO jobs (kind, payload, run_at, idempotency_key, created_at, updated_at)
SELECT 'mail', json_object('to', 'm' || i || '@example.org',
  'subject', '[Bench] Weekly digest: 5 new questions in Beer',
  'text', replace(hex(zeroblob(40)), '00', 'A line of a digest, long enough to be typical. ') || char(10),
  'html', '<p>' || replace(hex(zeroblob(40)), '00', 'A line of a digest, long enough to be typical. ') || '</p>',
  'message_id', '<' || i || '.bench@localhost>', 'date', $now),
  $now, '<' || i || '.bench@localhost>', $now, $now FROM s;"
before=$(count)
t0=$(date +%s.%N)
"$PRAXIS" worker --once --smtp "smtp://127.0.0.1:$port" --db "sqlite:$db" >"$TMP/worker.out" 2>"$TMP/worker.log"
t1=$(date +%s.%N)
s3=$(echo "$t1 - $t0" | bc)
sent=$(( $(count) - before ))
done_=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE state = 'done'")
[ "$sent" -eq "$N" ] && [ "$done_" -eq "$N" ] || die "sent $sent, done $done_ of $N (see $TMP/worker.log)"

echo
echo "praxis: $SOURCE; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| sender | connections | messages | seconds | messages/s |"
echo "|---|---|---:|---:|---:|"
echo "| Python smtplib (sink alone) | one for all | $n1 | $s1 | $(rate "$n1" "$s1") |"
echo "| Python smtplib (sink alone) | one per message | $n2 | $s2 | $(rate "$n2" "$s2") |"
echo "| praxis worker --once | one per 50 jobs | $N | $(printf %.3f "$s3") | $(rate "$N" "$s3") |"
