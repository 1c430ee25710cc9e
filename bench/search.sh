#!/usr/bin/env bash
# bench/search.sh: full-text search on a large instance (issue 7): latency of typical
# queries with and without filters, index size, and what keeping the index costs writes.
#
# For each backend: `praxis demo --generate --communities 50 --members 10000 --threads 0`
# (every 10th community members-only, every 25th private), then SEARCH_POSTS posts in
# threads of 1-5 posts whose words follow the word frequencies of the beer and conlang
# Stack Exchange dumps (bench/search_corpus.py; SQLite through python's sqlite3, PostgreSQL
# through COPY; the search triggers run during the load, so the load rate is an indexed
# write rate). Then:
#   index size       SQLite: dbstat pages of search_docs (+ its indexes) and search_fts*;
#                    PostgreSQL: pg_total_relation_size('search_docs') (table, TOAST, GIN)
#   write overhead   inserting SEARCH_OVERHEAD posts (one transaction, rolled back) with the
#                    search triggers and again after dropping them in the same transaction
#   latency          `praxis serve --threads 2`, one connection, one request at a time
#                    (wrk -t1 -c1 --latency, SEARCH_SECONDS per URL): p50, p99, requests,
#                    and CPU per request (praxis, plus its PostgreSQL backends on pg: a
#                    figure that holds on a busy machine), for the queries in QUERIES below
#
#   bench/search.sh                                   sqlite, 1,000,000 posts
#   SEARCH_BACKENDS="sqlite pg" SEARCH_POSTS_PG=200000 bench/search.sh
#   SEARCH_POSTS=50000 SEARCH_SECONDS=2 bench/search.sh              quick run
#
# Environment: SEARCH_POSTS (1000000), SEARCH_POSTS_PG (SEARCH_POSTS), SEARCH_SECONDS (5),
# SEARCH_DB_SQLITE=/path/file.db reuses a database loaded by an earlier run (SEARCH_KEEP=1
# keeps it in the temp dir; copied, so the original stays as it was),
# SEARCH_OVERHEAD (10000), SEARCH_BACKENDS (sqlite), SEARCH_KEEP=1 keeps the temp dir,
# BENCH_PRAXIS=/path/to/praxis skips the build. Needs wrk, jq, sqlite3, psql, python3.
# Benchmarks are not tests: run them by hand.
set -euo pipefail
export LC_ALL=C

cd "$(dirname "$0")/.."
ROOT=$PWD
NPOSTS=${SEARCH_POSTS:-1000000}
NPOSTS_PG=${SEARCH_POSTS_PG:-$NPOSTS}
SECS=${SEARCH_SECONDS:-5}
NOVER=${SEARCH_OVERHEAD:-10000}
BACKENDS=${SEARCH_BACKENDS:-sqlite}
BUILD=$ROOT/build-search
PRAXIS=${BENCH_PRAXIS:-$BUILD/praxis}
LOG_TAG=search
KEEP=${SEARCH_KEEP:-0}
. bench/lib.sh
check_positive NPOSTS NPOSTS_PG SECS NOVER
for t in wrk jq sqlite3 psql python3; do command -v $t >/dev/null || die "needs $t"; done

build_praxis "$BUILD" "-Wno-error=stringop-overread -Wno-error=maybe-uninitialized"
make_tmp /tmp/praxis-search.XXXXXX

# name|path-and-query (API unless it starts with /search or /c/)
QUERIES=(
  "one word|/api/v1/search?q=yeast"
  "one rare word|/api/v1/search?q=phonotactics"
  "two words|/api/v1/search?q=dry+hop"
  "three words|/api/v1/search?q=bottle+conditioning+temperature"
  "phrase|/api/v1/search?q=%22dry+hopping%22"
  "prefix|/api/v1/search?q=ferm*"
  "word -exclude|/api/v1/search?q=yeast+-lager"
  "word, page 5|/api/v1/search?q=yeast&page=5"
  "word, kind=thread|/api/v1/search?q=yeast&kind=thread"
  "word tag:|/api/v1/search?q=yeast+tag:bottling"
  "word in:|/api/v1/search?q=yeast+in:community-3"
  "word is:question is:solved|/api/v1/search?q=yeast+is:question+is:solved"
  "word after:|/api/v1/search?q=yeast+after:2026-06-01"
  "filters only|/api/v1/search?q=tag:hops+is:unanswered"
  "no hits|/api/v1/search?q=zzyzzyva"
  "natural question|/api/v1/search?q=why+does+my+homebrew+taste+like+cider+after+two+weeks"
  "misspelt words|/api/v1/search?q=yaest+startr"
  "html page|/search?q=yeast"
  "similar (compose)|/api/v1/communities/community-3/similar?title=How+long+should+I+ferment+a+lager+at+low+temperature"
)

measure() {
    local name=$1 url=$2 hdr=${3:-} who=$4 code out=$TMP/wrk.txt
    code=$(curl -s --max-time 60 ${hdr:+-H "$hdr"} -o "$TMP/body" -w '%{http_code}' "$url")
    [ "$code" = 200 ] || die "$name: GET $url answered $code: $(head -c 300 "$TMP/body")"
    local hits
    hits=$(jq -r '.total // (.threads | length) // ""' "$TMP/body" 2>/dev/null || true)
    local pids=$PRAXIS_PID c0 c1
    [ -z "$PGPIDS" ] || pids="$pids $PGPIDS"
    # shellcheck disable=SC2086
    c0=$(cpu_ticks $pids)
    wrk -t1 -c1 -d"${SECS}s" --latency ${hdr:+-H "$hdr"} "$url" >"$out"
    # shellcheck disable=SC2086
    c1=$(cpu_ticks $pids)
    wrk_stats "$out"
    grep -q "Non-2xx" "$out" && die "$name: non-2xx answers under wrk"
    printf '| %-6s | %-26s | %-6s | %7s | %8s | %8s | %8s | %6s |\n' "$BACKEND" "$name" "$who" \
        "${hits:-}" "$WRK_P50" "$WRK_P99" \
        "$(awk -v us="$(cpu_us_per_req "$c0" "$c1" "$WRK_REQS")" 'BEGIN {printf "%.1f", us / 1000}')" \
        "$WRK_REQS" | tee -a "$TMP/table"
}

secs() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", b - a}'; }

run_backend() {
    local db t0 t1 pw cookie
    case $BACKEND in
    sqlite) db=sqlite:$TMP/search.db ;;
    pg)
        scripts/pg.sh start >/dev/null
        scripts/pg.sh dropdb praxis_search_bench >/dev/null 2>&1 || true
        scripts/pg.sh createdb praxis_search_bench >/dev/null
        db=$(scripts/pg.sh url praxis_search_bench)
        ;;
    *) die "unknown backend $BACKEND" ;;
    esac
    if [ "$BACKEND" = sqlite ] && [ -n "${SEARCH_DB_SQLITE:-}" ]; then
        echo "== sqlite: reusing $SEARCH_DB_SQLITE (copied)"
        cp "$SEARCH_DB_SQLITE" "$TMP/search.db"
    else
        echo "== $BACKEND: 50 communities, 10000 members"
        "$PRAXIS" demo --generate --communities 50 --members 10000 --db "$db" 2>"$TMP/demo.log" ||
            { tr '\r' '\n' <"$TMP/demo.log" | tail -3 >&2; die "generation failed"; }
    fi
    t0=$(date +%s.%N)
    if [ "$BACKEND" = sqlite ]; then
        if [ -z "${SEARCH_DB_SQLITE:-}" ]; then
            echo "== sqlite: loading $NPOSTS posts (search triggers on)"
            python3 bench/search_corpus.py sqlite "$TMP/search.db" --posts "$NPOSTS" | tee -a "$TMP/facts"
        fi
        t1=$(date +%s.%N)
        sqlite3 "$TMP/search.db" "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
        sqlite3 "$TMP/search.db" "SELECT printf('sqlite index: search_fts %.1f MiB, search_docs %.1f MiB (text copy + metadata + indexes), posts %.1f MiB, database %.1f MiB; documents %d', (SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_fts%') / 1048576.0, (SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search_docs%' OR name = 'sqlite_autoindex_search_docs_1') / 1048576.0, (SELECT sum(pgsize) FROM dbstat WHERE name = 'posts') / 1048576.0, (SELECT page_count * page_size FROM pragma_page_count, pragma_page_size) / 1048576.0, (SELECT count(*) FROM search_docs))" | tee -a "$TMP/facts"
        echo "== sqlite: write overhead ($NOVER posts)"
        python3 bench/search_corpus.py sqlite "$TMP/search.db" --overhead "$NOVER" | sed 's/^/sqlite /' | tee -a "$TMP/facts"
    else
        echo "== pg: loading $NPOSTS_PG posts (COPY, search triggers on)"
        psql "$db" -qAt -c "SELECT id FROM communities ORDER BY id" >"$TMP/comms.txt"
        psql "$db" -qAt -c "SELECT id FROM users ORDER BY id" >"$TMP/users.txt"
        python3 bench/search_corpus.py pg "$TMP" --posts "$NPOSTS_PG" >/dev/null
        t0=$(date +%s.%N)
        psql "$db" -v ON_ERROR_STOP=1 -q <<SQL
BEGIN;
\\copy threads (id, community_id, kind, title, tags, author_id, created_at, last_activity_at, last_post_id, post_count, reply_count, answer_count, accepted_post_id) FROM '$TMP/threads.tsv'
\\copy posts (id, thread_id, position, author_id, body_md, body_html, created_at) FROM '$TMP/posts.tsv'
\\copy thread_tags (thread_id, tag) FROM '$TMP/tags.tsv'
COMMIT;
ANALYZE;
SQL
        t1=$(date +%s.%N)
        echo "pg loaded $NPOSTS_PG posts in $(secs "$t0" "$t1") s (COPY, search triggers on)" | tee -a "$TMP/facts"
        psql "$db" -qAt -c "SELECT 'pg index: search_docs with GIN and TOAST ' || pg_total_relation_size('search_docs') / 1048576 || ' MiB (GIN alone ' || pg_relation_size('search_docs_tsv') / 1048576 || ' MiB), posts ' || pg_total_relation_size('posts') / 1048576 || ' MiB; documents ' || (SELECT count(*) FROM search_docs)" | tee -a "$TMP/facts"
        echo "== pg: write overhead ($NOVER posts)"
        head -n "$NOVER" "$TMP/posts.tsv" | awk -F'\t' -v OFS='\t' '{$1 = $1 + 500000000; $3 = $3 + 1000; print}' >"$TMP/over.tsv"
        local with without
        with=$(psql "$db" -qAt -v ON_ERROR_STOP=1 <<SQL | awk '/^Time:/ {print $2}' | tail -1
BEGIN;
\\timing on
\\copy posts (id, thread_id, position, author_id, body_md, body_html, created_at) FROM '$TMP/over.tsv'
\\timing off
ROLLBACK;
SQL
)
        without=$(psql "$db" -qAt -v ON_ERROR_STOP=1 <<SQL | awk '/^Time:/ {print $2}' | tail -1
BEGIN;
DROP TRIGGER search_posts_ai ON posts;
DROP TRIGGER search_posts_au ON posts;
\\timing on
\\copy posts (id, thread_id, position, author_id, body_md, body_html, created_at) FROM '$TMP/over.tsv'
\\timing off
ROLLBACK;
SQL
)
        echo "pg insert $NOVER posts: $with ms with the search triggers, $without ms without" | tee -a "$TMP/facts"
    fi

    pw=pw-$RANDOM$RANDOM
    printf '%s\n' "$pw" | "$PRAXIS" user set-password member3 --db "$db" >/dev/null
    start_praxis "$db" 2 "$TMP/serve-$BACKEND.log"
    sign_in "$P" member3 "$pw"
    PGPIDS=
    if [ "$BACKEND" = pg ]; then # the server's connections: their CPU is the queries'
        curl -fs -o /dev/null "$P/api/v1/search?q=warmup"
        curl -fs -o /dev/null "$P/api/v1/search?q=warmup2"
        PGPIDS=$(psql "$db" -qAt -c "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()" | tr '\n' ' ')
    fi
    cookie=$COOKIE
    echo "== $BACKEND: latency (wrk -t1 -c1, ${SECS} s per URL)"
    local q name path
    for q in "${QUERIES[@]}"; do
        name=${q%%|*}
        path=${q#*|}
        measure "$name" "$P$path" "" anon
    done
    measure "one word" "$P/api/v1/search?q=yeast" "$cookie" member
    measure "word tag:" "$P/api/v1/search?q=yeast+tag:bottling" "$cookie" member
    stop "$PRAXIS_PID"
    PRAXIS_PID=
}

PGPIDS=
echo "search benchmark: $NPOSTS posts (sqlite), $NPOSTS_PG (pg); praxis $SOURCE; $(cpu_model), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for BACKEND in $BACKENDS; do run_backend; done
echo
echo "| backend | query | viewer | hits | p50 ms | p99 ms | CPU ms/req | requests |"
echo "|---|---|---|---:|---:|---:|---:|---:|"
sed 's/^| \(.*\) |$/| \1 |/' "$TMP/table"
echo
cat "$TMP/facts"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
