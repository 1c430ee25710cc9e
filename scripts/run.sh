#!/usr/bin/env bash
# The README's first command: install what is missing, build, load demo content on first
# run, print the URL and the admin login, and serve on http://127.0.0.1:8080 (SQLite), or
# where --listen or $PRAXIS_LISTEN says.
#   scripts/run.sh [--listen ADDR:PORT] [--db URL]    (extra arguments go to praxis serve)
# The demo's real community is the beer.stackexchange.com dump kept in the repository
# (data/demo/beer.stackexchange.tar.xz, see data/demo/README.md), unpacked once into
# var/demo/beer/; $PRAXIS_SE_DUMP (a dump directory) imports another one instead.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
echo "==> building (build/praxis)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRAXIS_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target praxis >/dev/null

mkdir -p var
export PRAXIS_DB="${PRAXIS_DB:-sqlite:var/praxis.db}"
listen=${PRAXIS_LISTEN:-127.0.0.1:8080} # what praxis serve will use: --listen, else $PRAXIS_LISTEN
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --listen) listen="${args[$((i + 1))]}" ;;
    --listen=*) listen="${args[$i]#--listen=}" ;;
    --db) export PRAXIS_DB="${args[$((i + 1))]}" ;;
    --db=*) export PRAXIS_DB="${args[$i]#--db=}" ;;
  esac
done

# Demo content and an admin account, once per database; the password is kept (mode 600)
# in var/admin-password so this script can show it again.
if [ ! -s var/admin-password ]; then
  dump=${PRAXIS_SE_DUMP:-var/demo/beer}
  if [ -z "${PRAXIS_SE_DUMP:-}" ] && [ ! -s var/demo/beer/Posts.xml ]; then
    echo "==> unpacking data/demo/beer.stackexchange.tar.xz into var/demo/"
    rm -rf var/demo/beer
    mkdir -p var/demo
    tar -xJf data/demo/beer.stackexchange.tar.xz -C var/demo
  fi
  echo "==> loading demo content"
  (umask 077 && build/praxis demo --password-file var/admin-password --se-dump "$dump")
fi

cat <<EOT

  Praxis is starting at  http://$listen/
  Sign in as             ada (an administrator)
  Password               $(cat var/admin-password)

  Stop with Ctrl-C. Data lives in ${PRAXIS_DB#sqlite:}.

EOT
exec build/praxis serve "${args[@]}"
