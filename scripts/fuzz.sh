#!/bin/sh
# Build and run the libFuzzer targets (fuzz/*_fuzz.c).
#
#   scripts/fuzz.sh --list                 list the targets
#   scripts/fuzz.sh --check NAME           the reproducible check scripts/test.sh runs: replay
#                                          every file of fuzz/corpus/NAME/ once, then
#                                          FUZZ_RUNS (default 20000) inputs mutated from a copy
#                                          of it in a temporary directory with the fixed seed
#                                          FUZZ_SEED (default 1) and ASLR off, so the same
#                                          commit always runs the same inputs; the last line
#                                          ("fuzz NAME: ...") is the same on every run.
#                                          Nothing is written into the repository.
#   scripts/fuzz.sh NAME [SECONDS] [ARGS]  long random fuzzing: run NAME for SECONDS (default
#                                          60); ARGS go to libFuzzer. New inputs go to
#                                          build-fuzz/corpus/NAME/, crashes to
#                                          build-fuzz/artifacts/NAME/.
#   scripts/fuzz.sh --merge NAME           add to fuzz/corpus/NAME/ the inputs of
#                                          build-fuzz/corpus/NAME/ that reach new coverage
#                                          (libFuzzer -merge=1); review and commit them.
#
# A crash found by a long run: fix the bug, then keep the input as a regression case,
#   cp build-fuzz/artifacts/NAME/crash-<sha1> fuzz/corpus/NAME/regress-<what-it-was>
# and add a unit test reproducing it; --check replays it from then on. (--check and
# scripts/test.sh copy a crash of theirs to build-fuzz/artifacts/NAME/ and say so.)
#
# NAME is "markdown" or "markdown_fuzz". Targets are built in build-fuzz/ with clang (ASan +
# UBSan + coverage). fuzz/NAME.dict, if present, is passed as a dictionary.
# Environment: CC (default clang), JOBS (default 2), FUZZ_MAX_LEN (default 16384),
# FUZZ_SEED, FUZZ_RUNS (--check), FUZZ_LIBS (libraries linked into the target, default all
# px_*; "px_core" fuzzes the core alone while another layer does not build under clang).
# Exit status is libFuzzer's: 0 if no input crashed.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-fuzz"

list_targets() {
    for f in "$root"/fuzz/*_fuzz.c; do
        [ -e "$f" ] || continue
        b=$(basename "$f" .c)
        echo "${b%_fuzz}"
    done
}

mode=run
case "${1:-}" in
    --list) list_targets; exit 0 ;;
    --check) mode=check; shift ;;
    --merge) mode=merge; shift ;;
    ""|-h|--help) sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

name=${1:-}
name=${name%_fuzz}
[ $# -gt 0 ] && shift
seconds=60
if [ "$mode" = run ] && [ $# -gt 0 ]; then
    case "$1" in
        ''|*[!0-9]*) ;;
        *) seconds=$1; shift ;;
    esac
fi
if [ -z "$name" ] || [ ! -f "$root/fuzz/${name}_fuzz.c" ]; then
    echo "fuzz.sh: no target '$name' (have: $(list_targets | tr '\n' ' '))" >&2
    exit 2
fi

CC=${CC:-clang} cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPRAXIS_FUZZ=ON -DPRAXIS_SANITIZE=ON -DPRAXIS_TESTS=OFF \
    -DPRAXIS_FUZZ_LIBS="${FUZZ_LIBS:-px_web;px_api;px_app;px_domain;px_store;px_http;px_core}" >/dev/null
cmake --build "$build" --target "${name}_fuzz" -j "${JOBS:-2}" >/dev/null

bin="$build/fuzz/${name}_fuzz"
seeds="$root/fuzz/corpus/$name"
artifacts="$build/artifacts/$name"
dict=
[ -f "$root/fuzz/$name.dict" ] && dict="-dict=$root/fuzz/$name.dict"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
mkdir -p "$artifacts"

case "$mode" in
run)
    corpus="$build/corpus/$name"
    mkdir -p "$corpus"
    set -- -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-16384}" -print_final_stats=1 \
        -artifact_prefix="$artifacts/" ${dict:+"$dict"} "$@" "$corpus"
    [ -d "$seeds" ] && set -- "$@" "$seeds"
    echo "fuzz.sh: running ${name}_fuzz for ${seconds}s" >&2
    exec "$bin" "$@"
    ;;
merge)
    if [ ! -d "$build/corpus/$name" ]; then
        echo "fuzz.sh: no findings in build-fuzz/corpus/$name (run scripts/fuzz.sh $name first)" >&2
        exit 2
    fi
    mkdir -p "$seeds"
    before=$(find "$seeds" -type f | wc -l)
    "$bin" -merge=1 -max_len="${FUZZ_MAX_LEN:-16384}" ${dict:+"$dict"} "$seeds" \
        "$build/corpus/$name" >/dev/null 2>&1
    after=$(find "$seeds" -type f | wc -l)
    echo "fuzz.sh: fuzz/corpus/$name: $before files, now $after (review, then git add)"
    exit 0
    ;;
esac

# --check: replay, then a fixed-seed, fixed-length random part on a throw-away copy.
seed=${FUZZ_SEED:-1}
runs=${FUZZ_RUNS:-20000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/praxis-fuzz-$name.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/corpus" "$tmp/artifacts"
# Pointer values reach libFuzzer's comparison tables, so where things are in memory changes
# which mutations it tries: run without address-space randomisation where the kernel lets
# us, and with the same argv and environment bytes wherever the repository is (they sit at
# the top of the stack): ./target and relative paths from inside $tmp, a fixed environment.
norand=
if setarch "$(uname -m)" -R true 2>/dev/null; then
    norand="setarch $(uname -m) -R"
else
    echo "fuzz.sh: warning: cannot turn ASLR off (setarch -R): runs may differ" >&2
fi
ln -s "$bin" "$tmp/target"
cd "$tmp"
fixed_env() {
    env -i PATH=/usr/local/bin:/usr/bin:/bin LC_ALL=C ASAN_OPTIONS="$ASAN_OPTIONS" \
        UBSAN_OPTIONS="$UBSAN_OPTIONS" "$@"
}

# keep_crash LOG: copy the crash into build-fuzz/artifacts/NAME/ and say what to do.
keep_crash() {
    tail -n 60 "$1"
    for f in "$tmp"/artifacts/*; do
        [ -e "$f" ] || continue
        cp "$f" "$artifacts/"
        echo "fuzz.sh: kept $artifacts/$(basename "$f"); after the fix, add it as" \
             "fuzz/corpus/$name/regress-<what-it-was>"
    done
}

n=0
if [ -d "$seeds" ]; then
    n=$(find "$seeds" -type f | wc -l)
    if [ "$n" -gt 0 ]; then
        # Files as arguments: libFuzzer runs each once and fuzzes nothing.
        if ! find "$seeds" -type f | LC_ALL=C sort |
            fixed_env xargs $norand ./target -artifact_prefix=artifacts/ >replay.log 2>&1; then
            echo "fuzz $name: FAILED replaying fuzz/corpus/$name"
            keep_crash replay.log
            exit 1
        fi
        cp "$seeds"/* "$tmp/corpus/"
    fi
fi
set +e
[ -n "$dict" ] && cp "$root/fuzz/$name.dict" target.dict && dict=-dict=target.dict
fixed_env $norand ./target -seed="$seed" -runs="$runs" -reload=0 \
    -max_len="${FUZZ_MAX_LEN:-16384}" -print_final_stats=1 -artifact_prefix=artifacts/ \
    ${dict:+"$dict"} corpus >run.log 2>&1
rc=$?
set -e
if [ "$rc" != 0 ]; then
    echo "fuzz $name: FAILED in the random part (seed $seed, $runs runs; exit $rc)"
    keep_crash run.log
    exit "$rc"
fi
done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' run.log | tail -n 1 |
    sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [0-9]+).*/\1/')
echo "fuzz $name: replayed $n corpus files; $runs runs from seed $seed: ${done_line:-no stats}"
