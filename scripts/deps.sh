#!/usr/bin/env bash
# Install the Debian packages Praxis needs, and only when one is missing.
#
#   scripts/deps.sh           build + run (compiler, cmake, the -dev libraries, xz for the
#                             demo data)
#   scripts/deps.sh --test    also what the tests need (PostgreSQL, clang's ASan/libFuzzer
#                             runtime, clang-format, chromium, node/npm, sqlite3, curl,
#                             python3 + python3-icalendar, python3-aiosmtpd for the SMTP sink
#                             of the mail tests, python3-feedparser for the Atom feeds,
#                             openssl for the webhook tests' local HTTPS receiver), then
#                             `npm ci` (or `npm install` without a lock) for playwright-core
#   scripts/deps.sh --bench   also what the benchmarks need (wrk, nginx-light, time)
#
# Flags combine. Quiet when there is nothing to do. Installs with apt-get as root, or through
# sudo when not root. `apt-get update` runs only when something must be installed.
# Playwright never downloads a browser: the tests use Debian's /usr/bin/chromium.
set -euo pipefail

cd "$(dirname "$0")/.."

want_test=0
want_bench=0
for arg in "$@"; do
    case "$arg" in
        --test) want_test=1 ;;
        --bench) want_bench=1 ;;
        -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "deps.sh: unknown option: $arg" >&2; exit 2 ;;
    esac
done

pkgs=(cmake gcc pkg-config libmicrohttpd-dev libsqlite3-dev libpq-dev libsodium-dev
      libmd4c-dev libjansson-dev libcmocka-dev libcurl4-openssl-dev libexpat1-dev
      libgmime-3.0-dev libvips-dev libzxcvbn-dev xz-utils)
if [ "$want_test" = 1 ]; then
    pkgs+=(postgresql clang clang-format libclang-rt-14-dev chromium sqlite3 curl python3
           python3-icalendar python3-aiosmtpd python3-feedparser openssl)
    # node is often installed from elsewhere (e.g. v20 in /usr/bin/node with npm bundled):
    # only fall back to Debian's packages when the commands are missing.
    command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
    command -v npm >/dev/null 2>&1 || pkgs+=(npm)
fi
if [ "$want_bench" = 1 ]; then
    pkgs+=(wrk nginx-light time)
fi

missing=()
for p in "${pkgs[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        sudo=()
    elif command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "deps.sh: missing packages (${missing[*]}) and not root, no sudo" >&2
        exit 1
    fi
    echo "deps.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$want_test" = 1 ]; then
    # playwright-core only (no browser download). Re-run npm only when node_modules is
    # missing or older than the lock/manifest.
    export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
    stamp=node_modules/.package-lock.json
    if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] ||
       { [ -f package-lock.json ] && [ package-lock.json -nt "$stamp" ]; }; then
        echo "deps.sh: installing npm packages"
        if [ -f package-lock.json ]; then
            npm ci --no-audit --no-fund --loglevel=error >/dev/null
        else
            npm install --no-audit --no-fund --loglevel=error >/dev/null
        fi
    fi
fi
