#!/usr/bin/env bash
# bench/sse.sh: 10,000 concurrent live-update (Server-Sent Events) clients on one
# `praxis serve`, and one post broadcast to all of them.
#
# Builds praxis (Release, build-bench-sse/) and the load generator bench/sse_load.c (cc -O2;
# epoll, one process holding every connection), then bench/sse.mjs starts `praxis serve
# --threads 2 --max-streams 20000` on a fresh SQLite database (PostgreSQL with BENCH_PG=URL),
# makes a public thread and an API token, sets live_per_address to 0 (all clients share
# 127.0.0.1), and for each count in BENCH_CLIENTS: opens that many GET /live?ch=thread:ID
# streams (256 connecting at a time) and waits until each has its "ready" event, reads the
# server's resident memory (VmRSS), posts one reply through the API, and times its arrival on
# every stream (receipt - the moment before the POST was written). Prints per count: clients
# ready, connect time, RSS before and after the broadcast, delivered, p50 / p99 / max delivery
# latency. Targets (issue 14): p99 < 1 s and RSS < 128 MB at 10,000 clients.
#
#   bench/sse.sh                                 1,000 then 10,000 clients
#   BENCH_CLIENTS=10000 bench/sse.sh
#   BENCH_PG=postgres://praxis@127.0.0.1:55432 bench/sse.sh
#
# Environment: BENCH_CLIENTS (1000,10000), BENCH_THREADS (2), BENCH_PRAXIS=/path/to/praxis
# skips the build, BENCH_PG=URL runs on PostgreSQL. Needs node, cc, ulimit -n above the
# client count (both processes raise their soft limit to the hard one).
# Benchmarks are not tests: run them by hand.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=$ROOT/build-bench-sse
PRAXIS=${BENCH_PRAXIS:-$BUILD/praxis}
LOG_TAG=sse
. bench/lib.sh

build_praxis "$BUILD" ""
mkdir -p "$BUILD"
cc -O2 -Wall -Wextra -o "$BUILD/sse_load" bench/sse_load.c
ulimit -n "$(ulimit -Hn)"
echo "sse: praxis from $SOURCE; $(nproc) CPUs; ulimit -n $(ulimit -n)" >&2
PRAXIS_BIN=$PRAXIS SSE_LOAD=$BUILD/sse_load node bench/sse.mjs
