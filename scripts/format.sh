#!/bin/sh
# Format the C sources with the checked-in .clang-format, or check that they are.
#
#   scripts/format.sh           rewrite every .c and .h under src/, tests/unit/ and fuzz/
#                               in place (clang-format -i)
#   scripts/format.sh --check   change nothing; list the files clang-format would change
#                               (clang-format --dry-run --Werror) and exit 1 if there are any
#   scripts/format.sh [--check] FILE...   only these files
#
# Environment: CLANG_FORMAT (default clang-format; Debian's package clang-format, which
# scripts/deps.sh --test installs). scripts/test.sh runs --check as its last step.
set -eu

cd "$(dirname "$0")/.."
cf=${CLANG_FORMAT:-clang-format}

check=0
if [ "${1:-}" = "--check" ]; then
    check=1
    shift
fi
case "${1:-}" in
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
if ! command -v "$cf" >/dev/null 2>&1; then
    echo "format.sh: $cf not found (apt-get install clang-format, or scripts/deps.sh --test)" >&2
    exit 2
fi

list=$(mktemp)
trap 'rm -f "$list"' EXIT
if [ $# -gt 0 ]; then
    printf '%s\n' "$@" >"$list"
else
    find src tests/unit fuzz -type f \( -name '*.c' -o -name '*.h' \) | LC_ALL=C sort >"$list"
fi

if [ "$check" = 0 ]; then
    xargs "$cf" -i --style=file <"$list"
    echo "format.sh: formatted $(wc -l <"$list") files"
    exit 0
fi

bad=0
while IFS= read -r f; do
    if ! "$cf" --dry-run --Werror --style=file "$f" >/dev/null 2>&1; then
        echo "not formatted: $f"
        bad=$((bad + 1))
    fi
done <"$list"
if [ "$bad" -gt 0 ]; then
    echo "format.sh: $bad of $(wc -l <"$list") files differ from .clang-format;" \
         "run scripts/format.sh to fix them"
    exit 1
fi
echo "format.sh: $(wc -l <"$list") files formatted as .clang-format says"
