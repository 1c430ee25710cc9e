#!/bin/sh
# Build and run one libFuzzer target for a bounded time.
#
#   scripts/fuzz.sh --list                 list the targets (fuzz/*_fuzz.c)
#   scripts/fuzz.sh NAME [SECONDS] [ARGS]  build NAME_fuzz in build-fuzz/ with clang
#                                          (ASan + UBSan + coverage) and run it for SECONDS
#                                          (default 60); ARGS go to libFuzzer
#
# NAME is "markdown" or "markdown_fuzz". Seeds are read from fuzz/corpus/NAME/ (checked in,
# never written); new inputs go to build-fuzz/corpus/NAME/ and crashes to
# build-fuzz/artifacts/NAME/. fuzz/NAME.dict, if present, is passed as a dictionary.
# Environment: CC (default clang), JOBS (default 2), FUZZ_MAX_LEN (default 16384),
# FUZZ_LIBS (libraries linked into the target, default all px_*; "px_core" fuzzes the core
# alone while another layer does not build under clang).
# Exit status is libFuzzer's: 0 if the time ran out without a crash.
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

case "${1:-}" in
    --list) list_targets; exit 0 ;;
    ""|-h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

name=${1%_fuzz}
shift
seconds=60
if [ $# -gt 0 ]; then
    case "$1" in
        ''|*[!0-9]*) ;;
        *) seconds=$1; shift ;;
    esac
fi
if [ ! -f "$root/fuzz/${name}_fuzz.c" ]; then
    echo "fuzz.sh: no target '$name' (have: $(list_targets | tr '\n' ' '))" >&2
    exit 2
fi

CC=${CC:-clang} cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DPRAXIS_FUZZ=ON -DPRAXIS_SANITIZE=ON -DPRAXIS_TESTS=OFF \
    -DPRAXIS_FUZZ_LIBS="${FUZZ_LIBS:-px_web;px_api;px_app;px_domain;px_store;px_http;px_core}" >/dev/null
cmake --build "$build" --target "${name}_fuzz" -j "${JOBS:-2}"

corpus="$build/corpus/$name"
artifacts="$build/artifacts/$name"
seeds="$root/fuzz/corpus/$name"
mkdir -p "$corpus" "$artifacts"
set -- -max_total_time="$seconds" -max_len="${FUZZ_MAX_LEN:-16384}" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$@"
if [ -f "$root/fuzz/$name.dict" ]; then
    set -- -dict="$root/fuzz/$name.dict" "$@"
fi
if [ -d "$seeds" ]; then
    set -- "$@" "$corpus" "$seeds"
else
    set -- "$@" "$corpus"
fi
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
echo "fuzz.sh: running ${name}_fuzz for ${seconds}s" >&2
exec "$build/fuzz/${name}_fuzz" "$@"
