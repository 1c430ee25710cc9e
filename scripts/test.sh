#!/usr/bin/env bash
# Praxis's test command: everything CI runs, from a fresh clone, as often as you like.
#
#   scripts/test.sh [--quick] [--sqlite-only]
#
# Steps (each under a heading; the first failure stops the run with a non-zero exit):
#   1. dependencies        scripts/deps.sh --test (Debian packages, npm ci for playwright-core)
#   2. build               cmake RelWithDebInfo in build/; then scripts/check-includes.sh
#                          (the include graph of src/: layers, no cycles; one test)
#   3. PostgreSQL          scripts/pg.sh start; PRAXIS_TEST_PG (base URL for the HTTP tests)
#                          and PRAXIS_TEST_PG_URL (a fresh database for the unit store tests);
#                          stopped again at the end if this script started it
#   4. unit tests          ctest -L unit
#   5. HTTP tests          node --test tests/http/*.test.mjs, on sqlite and PostgreSQL
#   6. sanitizers          ASan+UBSan build in build-asan/: unit tests, then the HTTP tests
#                          against build-asan/praxis (leaks are errors)
#   7. browser tests       node --test tests/browser/*.test.mjs (Debian's chromium)
#   8. fuzz                scripts/fuzz.sh --check NAME for every target of --list: replay
#                          every file of fuzz/corpus/NAME (past crashes are kept there as
#                          regress-*), then FUZZ_RUNS inputs from seed FUZZ_SEED on a
#                          temporary copy: the same commit always runs the same inputs.
#                          (Long random fuzzing is scripts/fuzz.sh NAME SECONDS.)
#   9. formatting          scripts/format.sh --check: every .c/.h of src/, tests/unit/ and
#                          fuzz/ is as .clang-format says (CHECK_FORMAT=0 skips it)
#
#   --quick        skip 6 and 8
#   --sqlite-only  no PostgreSQL (step 3 skipped; HTTP tests on sqlite only)
#
# Logs of each step are kept in build/test-logs/. The last line is the count of tests
# (ctest's and node's, plus the include and domain-HTML checks, each fuzz target, the format
# check and each failed step without tests):
#   N passed, N failed
# Environment: FUZZ_RUNS (default 20000), FUZZ_SEED (default 1), CHECK_FORMAT (default 1),
# TEST_JOBS (build parallelism, default nproc).
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)

quick=0
sqlite_only=0
for arg in "$@"; do
    case "$arg" in
        --quick) quick=1 ;;
        --sqlite-only) sqlite_only=1 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "test.sh: unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

JOBS=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
FUZZ_RUNS=${FUZZ_RUNS:-20000}
FUZZ_SEED=${FUZZ_SEED:-1}
# The format check is enforced from the commit that formatted the whole tree on; 0 skips it.
CHECK_FORMAT=${CHECK_FORMAT:-1}
LOGDIR="$ROOT/build/test-logs"
passed=0
failed=0
stepno=0
started_pg=0
t0=$(date +%s)

summary() {
    echo
    echo "==> summary ($(($(date +%s) - t0)) s)"
    echo "$passed passed, $failed failed"
}

cleanup() {
    if [ "$started_pg" = 1 ]; then
        scripts/pg.sh stop >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT

step() {
    stepno=$((stepno + 1))
    echo
    echo "==> [$stepno] $*"
}

# Stop at the first failure: counts the step as failed unless its tests were counted.
die_step() {
    local counted=${2:-0}
    [ "$counted" = 1 ] || failed=$((failed + 1))
    echo
    echo "FAILED: $1"
    summary
    exit 1
}

mkdir -p "$LOGDIR"

# run_ctest BUILD_DIR LABEL: run unit tests, add their counts. Returns ctest's status.
run_ctest() {
    local dir=$1 log="$LOGDIR/ctest-$(basename "$1").log" rc line total nfail
    ctest --test-dir "$dir" -L unit --output-on-failure -j "$JOBS" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
    if [ -n "$line" ]; then
        nfail=$(sed -E 's/.* ([0-9]+) tests? failed out of.*/\1/' <<<"$line")
        total=$(sed -E 's/.*failed out of ([0-9]+).*/\1/' <<<"$line")
        passed=$((passed + total - nfail))
        failed=$((failed + nfail))
        [ "$rc" = 0 ] || [ "$nfail" -gt 0 ] || failed=$((failed + 1))
    elif [ "$rc" != 0 ]; then
        failed=$((failed + 1))
    fi
    return "$rc"
}

# run_node NAME FILES...: node's test runner with the spec reporter; the output is kept in
# build/test-logs/NAME.log and its closing counts ("ℹ pass N", "ℹ fail N", "ℹ cancelled N")
# are added up. (A TAP file destination is not used: --test-force-exit cuts it short.)
# Returns node's status (also non-zero when a test failed but the runner exited 0).
run_node() {
    local name=$1 log="$LOGDIR/$1.log" rc np nf nc
    shift
    timeout -k 10 2400 node --test --test-force-exit --test-timeout=300000 \
        --test-reporter=spec --test-reporter-destination=stdout "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    np=$(grep -aE '^ℹ pass [0-9]+$' "$log" | tail -n 1 | awk '{print $3}')
    nf=$(grep -aE '^ℹ fail [0-9]+$' "$log" | tail -n 1 | awk '{print $3}')
    nc=$(grep -aE '^ℹ cancelled [0-9]+$' "$log" | tail -n 1 | awk '{print $3}')
    np=${np:-0}; nf=${nf:-0}; nc=${nc:-0}
    passed=$((passed + np))
    failed=$((failed + nf + nc))
    if [ "$rc" != 0 ] && [ $((nf + nc)) = 0 ]; then
        failed=$((failed + 1)) # the runner itself failed (crash, time-out, load error)
    fi
    if [ $((nf + nc)) -gt 0 ] && [ "$rc" = 0 ]; then rc=1; fi
    return "$rc"
}

# build DIR CMAKE_ARGS...: configure (output shown only on failure) and build (progress
# lines filtered out; the full log is in build/test-logs/build-DIR.log).
build() {
    local dir=$1 rc
    shift
    if ! cmake -S . -B "$dir" "$@" >"$LOGDIR/configure-$dir.log" 2>&1; then
        cat "$LOGDIR/configure-$dir.log"
        return 1
    fi
    cmake --build "$dir" -j "$JOBS" 2>&1 | tee "$LOGDIR/build-$dir.log" |
        grep -vE '^\[ *[0-9]+%\] (Building|Linking|Built target|Generating)'
    rc=${PIPESTATUS[0]}
    return "$rc"
}

# ---------------------------------------------------------------------------------------
step "dependencies (scripts/deps.sh --test)"
scripts/deps.sh --test || die_step "dependencies"
echo "ok"

step "build (build/, RelWithDebInfo)"
build build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRAXIS_SANITIZE=OFF || die_step "build: see the compiler output above"
[ -x build/praxis ] || die_step "build: build/praxis was not produced"
echo "ok: build/praxis"

echo "--- include graph (scripts/check-includes.sh)"
if scripts/check-includes.sh 2>&1 | tee "$LOGDIR/check-includes.log"; then
    passed=$((passed + 1))
else
    failed=$((failed + 1))
    die_step "include graph: see the edges and cycles above" 1
fi

if [ "$sqlite_only" = 1 ]; then
    step "PostgreSQL: skipped (--sqlite-only)"
    unset PRAXIS_TEST_PG PRAXIS_TEST_PG_URL
else
    step "PostgreSQL (scripts/pg.sh start)"
    scripts/pg.sh status >/dev/null 2>&1 || started_pg=1
    scripts/pg.sh start || die_step "PostgreSQL did not start"
    scripts/pg.sh dropdb praxis_unit >/dev/null && scripts/pg.sh createdb praxis_unit >/dev/null ||
        die_step "PostgreSQL: cannot create database praxis_unit"
    PRAXIS_TEST_PG=$(scripts/pg.sh url praxis_unit)
    export PRAXIS_TEST_PG_URL=$PRAXIS_TEST_PG
    export PRAXIS_TEST_PG=${PRAXIS_TEST_PG%/praxis_unit}
    echo "ok: PRAXIS_TEST_PG=$PRAXIS_TEST_PG PRAXIS_TEST_PG_URL=$PRAXIS_TEST_PG_URL"
fi

step "domain emits no HTML (scripts/check-domain-html.sh)"
if scripts/check-domain-html.sh; then
    passed=$((passed + 1))
else
    die_step "string literals with HTML tags in src/domain"
fi

step "unit tests (ctest -L unit, build/)"
run_ctest build || die_step "unit tests" 1

step "HTTP tests (tests/http, $([ "$sqlite_only" = 1 ] && echo sqlite || echo 'sqlite + PostgreSQL'))"
shopt -s nullglob
http_tests=(tests/http/*.test.mjs)
browser_tests=(tests/browser/*.test.mjs)
shopt -u nullglob
if [ "${#http_tests[@]}" = 0 ]; then
    die_step "no HTTP tests found in tests/http/"
fi
run_node http "${http_tests[@]}" || die_step "HTTP tests" 1

if [ "$quick" = 1 ]; then
    step "sanitizers: skipped (--quick)"
else
    step "sanitizers: ASan+UBSan build (build-asan/)"
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DPRAXIS_SANITIZE=ON || die_step "ASan build"
    [ -x build-asan/praxis ] || die_step "ASan build: build-asan/praxis was not produced"
    # gcc's libasan includes LeakSanitizer and it works here (checked with sodium, sqlite,
    # libpq, libmicrohttpd, jansson: no library leaks, so no suppressions are needed).
    # tests/http/lib.mjs fails srv.stop() when the server's stderr has a sanitizer report.
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1:check_initialization_order=1
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS=${LSAN_OPTIONS:-}

    step "sanitizers: unit tests (build-asan/)"
    run_ctest build-asan || die_step "unit tests under ASan+UBSan" 1

    step "sanitizers: HTTP tests against build-asan/praxis"
    PRAXIS_BIN=build-asan/praxis run_node http-asan "${http_tests[@]}" ||
        die_step "HTTP tests under ASan+UBSan" 1
    unset ASAN_OPTIONS UBSAN_OPTIONS
fi

if [ "${#browser_tests[@]}" = 0 ]; then
    step "browser tests: none in tests/browser/"
else
    step "browser tests (tests/browser, chromium)"
    run_node browser "${browser_tests[@]}" || die_step "browser tests" 1
fi

if [ "$quick" = 1 ]; then
    step "fuzz: skipped (--quick)"
elif [ ! -x scripts/fuzz.sh ]; then
    step "fuzz: scripts/fuzz.sh not present, skipped"
else
    step "fuzz (corpus replay, then $FUZZ_RUNS runs per target from seed $FUZZ_SEED)"
    targets=$(scripts/fuzz.sh --list) || die_step "scripts/fuzz.sh --list"
    [ -n "$targets" ] || echo "no fuzz targets"
    for t in $targets; do
        if FUZZ_RUNS=$FUZZ_RUNS FUZZ_SEED=$FUZZ_SEED timeout -k 10 1800 \
            scripts/fuzz.sh --check "$t" >"$LOGDIR/fuzz-$t.log" 2>&1; then
            passed=$((passed + 1))
            tail -n 1 "$LOGDIR/fuzz-$t.log"
        else
            failed=$((failed + 1))
            tail -n 60 "$LOGDIR/fuzz-$t.log"
            die_step "fuzz target $t (log: build/test-logs/fuzz-$t.log)" 1
        fi
    done
fi

if [ "$CHECK_FORMAT" != 1 ]; then
    step "formatting: skipped (CHECK_FORMAT=$CHECK_FORMAT)"
else
    step "formatting (scripts/format.sh --check)"
    if scripts/format.sh --check >"$LOGDIR/format.log" 2>&1; then
        passed=$((passed + 1))
        tail -n 1 "$LOGDIR/format.log"
    else
        failed=$((failed + 1))
        cat "$LOGDIR/format.log"
        die_step "formatting: run scripts/format.sh (log: build/test-logs/format.log)" 1
    fi
fi

summary
[ "$failed" = 0 ]
