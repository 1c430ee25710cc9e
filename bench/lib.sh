# shellcheck shell=bash disable=SC2034 # (the globals set here are read by the scripts)
# bench/lib.sh: shell helpers shared by bench/run.sh, bench/thread.sh and bench/lists.sh.
#
# Sourced (`. bench/lib.sh`) from the repository root after `set -euo pipefail`. Settings the
# caller may change: LOG_TAG (bench) prefixes messages, KEEP (0) keeps TMP on exit when 1,
# UP_TIMEOUT (1) is curl's --max-time in wait_up. Globals the helpers set or read: TMP,
# PRAXIS, SOURCE, PRAXIS_PID, NGINX_PID, FOSSIL_PID, NGINX_PROCS, PPORT, P, NPORT, N, COOKIE,
# RESULTS, WRK_REQS, WRK_RPS, WRK_P50, WRK_P99.

LOG_TAG=${LOG_TAG:-bench}
KEEP=${KEEP:-0}
UP_TIMEOUT=${UP_TIMEOUT:-1}
PRAXIS_PID=
NGINX_PID=
FOSSIL_PID=

# Print "LOG_TAG: message" on stderr and exit 1.
die() { echo "$LOG_TAG: $*" >&2; exit 1; }

# Die unless each named variable holds a positive integer.
check_positive() {
    local v
    for v in "$@"; do
        [[ ${!v} =~ ^[1-9][0-9]*$ ]] || die "$v must be a positive integer (got '${!v}')"
    done
}

# Build praxis (Release, no tests) in dir $1 with CMAKE_C_FLAGS $2, unless BENCH_PRAXIS is set; set SOURCE.
build_praxis() {
    if [ -n "${BENCH_PRAXIS:-}" ]; then
        SOURCE="the given binary $PRAXIS"
    else
        cmake -S "$ROOT" -B "$1" -DCMAKE_BUILD_TYPE=Release -DPRAXIS_TESTS=OFF \
              "-DCMAKE_C_FLAGS=$2" >/dev/null
        cmake --build "$1" -j2 --target praxis >/dev/null || die "the Release build failed"
        SOURCE="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
        [ -z "$(git status --porcelain -- src CMakeLists.txt 2>/dev/null)" ] ||
            SOURCE="$SOURCE + uncommitted changes in src/"
    fi
    [ -x "$PRAXIS" ] || die "no executable $PRAXIS"
}

# Stop one server we started: SIGTERM, then SIGKILL after 5 s.
stop() {
    local i
    kill "$1" 2>/dev/null || return 0
    for i in $(seq 50); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

# EXIT trap: stop the servers still running, remove TMP (unless KEEP=1), keep the exit status.
cleanup() {
    local rc=$?
    [ -z "$PRAXIS_PID" ] || stop "$PRAXIS_PID"
    [ -z "$NGINX_PID" ] || stop "$NGINX_PID"
    [ -z "$FOSSIL_PID" ] || stop "$FOSSIL_PID"
    if [ "$KEEP" = 1 ]; then
        echo "$LOG_TAG: kept $TMP" >&2
    else
        rm -rf "$TMP"
    fi
    exit $rc
}

# Create TMP from the mktemp template $1 and install the cleanup traps.
make_tmp() {
    TMP=$(mktemp -d "$1")
    trap cleanup EXIT
    trap 'exit 130' INT TERM
}

# Print a TCP port nobody listens on (a tiny race with other programs is acceptable here).
free_port() {
    local p i
    for i in $(seq 50); do
        p=$((20000 + RANDOM % 40000))
        ss -Hltn "sport = :$p" | grep -q . || { echo "$p"; return 0; }
    done
    die "no free port found"
}

# Print utime+stime clock ticks of the PIDs (all threads), summed; -c adds cutime+cstime (reaped children).
cpu_ticks() {
    local p expr='$12 + $13'
    if [ "$1" = -c ]; then expr='$12 + $13 + $14 + $15'; shift; fi
    for p in "$@"; do
        [ -r "/proc/$p/stat" ] || die "server process $p is gone"
        sed 's/^.*) //' "/proc/$p/stat" # after "pid (comm) ": 12 utime 13 stime 14 cutime 15 cstime
    done | awk "{t += $expr} END {print t}"
}

# Print VmHWM (peak RSS) of PID $1 in KiB.
peak_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }

# Wait until URL $1 answers 200 (bounded: 100 tries, curl --max-time UP_TIMEOUT each).
wait_up() {
    local i
    for i in $(seq 100); do
        curl -fs -o /dev/null --max-time "$UP_TIMEOUT" "$1" && return 0
        sleep 0.1
    done
    die "$1 did not come up"
}

# Start `praxis serve` on a free loopback port (db $1, threads $2, log $3); set PPORT, P, PRAXIS_PID.
start_praxis() {
    PPORT=$(free_port)
    P=http://127.0.0.1:$PPORT
    "$PRAXIS" serve --listen "127.0.0.1:$PPORT" --threads "$2" --db "$1" >"$3" 2>&1 &
    PRAXIS_PID=$!
    wait_up "$P/healthz"
}

# Sign in to praxis at $1 as $2 with password $3 through the /signin form; set COOKIE.
sign_in() {
    local jar=$TMP/cookies csrf code session
    rm -f "$jar"
    # /signin sets px_anon and carries _csrf; the POST sets px_session.
    curl -fs --max-time 5 -c "$jar" -b "$jar" "$1/signin" -o "$TMP/signin.html"
    csrf=$(sed -n 's/.*name="_csrf" value="\([0-9a-f]*\)".*/\1/p' "$TMP/signin.html" | head -1)
    [ -n "$csrf" ] || die "no _csrf field on /signin"
    code=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" \
        --data-urlencode "name=$2" --data-urlencode "password=$3" \
        --data-urlencode "_csrf=$csrf" "$1/signin")
    session=$(awk '$6 == "px_session" {print $7}' "$jar")
    [ "$code" = 303 ] && [ -n "$session" ] || die "sign-in failed (HTTP $code, no px_session)"
    COOKIE="Cookie: px_session=$session"
}

# Start a private nginx (2 workers, loopback) serving $TMP/www; check it serves files $@ as saved; set NPORT, N, NGINX_PID, NGINX_PROCS.
start_nginx() {
    local user_line='' f
    NPORT=$(free_port)
    N=http://127.0.0.1:$NPORT
    [ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);" # workers must read $TMP (0700)
    mkdir -p "$TMP/nginx"
    cat >"$TMP/nginx/nginx.conf" <<EOF
$user_line
worker_processes 2;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 1024; }
http {
    types { text/html html; text/plain txt; }
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server {
        listen 127.0.0.1:$NPORT;
        root $TMP/www;
    }
}
EOF
    nginx -p "$TMP/nginx" -e "$TMP/nginx/error.log" -c "$TMP/nginx/nginx.conf" -g 'daemon off;' &
    NGINX_PID=$!
    wait_up "$N/$1"
    NGINX_PROCS="$NGINX_PID $(ps -o pid= --ppid "$NGINX_PID" | tr -s ' \n' ' ')"
    for f in "$@"; do
        curl -fs --max-time 5 "$N/$f" | cmp -s - "$TMP/www/$f" || die "nginx does not serve $f as saved"
    done
}

# Print peak RSS of each nginx process (NGINX_PROCS) as "A KiB, B KiB, ...".
nginx_peaks() {
    local p all=
    for p in $NGINX_PROCS; do all="$all $(peak_kib "$p")"; done
    echo $all | sed 's/ / KiB, /g; s/$/ KiB/'
}

# Print wrk's latency $1 ("850.00us", "1.23ms", "1.02s", "1.00m") in ms.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000
        printf "%.2f", n }'
}

# Set WRK_REQS, WRK_RPS, WRK_P50 and WRK_P99 (ms) from the wrk --latency output in file $1.
wrk_stats() {
    WRK_REQS=$(awk '/ requests in / {print $1}' "$1")
    WRK_RPS=$(awk '/^Requests\/sec:/ {print $2}' "$1")
    WRK_P50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$1")")
    WRK_P99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$1")")
}

# Die (showing wrk output file $1) on non-2xx/3xx answers or socket errors for target $2.
wrk_check_errors() {
    local non2xx sockerr
    non2xx=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1")
    sockerr=$(grep 'Socket errors:' "$1" || true)
    if [ -n "$non2xx" ] || [ -n "$sockerr" ]; then
        cat "$1" >&2
        die "$2: ${non2xx:+$non2xx non-2xx/3xx responses }${sockerr}"
    fi
}

# Die (showing wrk output file $1) unless wrk_stats found requests and req/s in it.
wrk_check_parsed() {
    [ -n "$WRK_REQS" ] && [ "$WRK_REQS" -gt 0 ] && [ -n "$WRK_RPS" ] || { cat "$1" >&2; die "cannot parse wrk output"; }
}

# Print server CPU microseconds per request from ticks $1 (before), $2 (after) and $3 requests.
cpu_us_per_req() {
    awk -v d=$(($2 - $1)) -v hz="$(getconf CLK_TCK)" -v n="$3" 'BEGIN {printf "%.1f", d / hz * 1e6 / n}'
}

# Call run_one INDEX ROUND for every target in TARGETS, ROUNDS times, order reversed every other round, sleeping $1 s after each.
run_rounds() {
    local r i order
    for r in $(seq "$ROUNDS"); do
        order=$(seq 0 $((${#TARGETS[@]} - 1)))
        if [ $((r % 2)) = 0 ]; then order=$(echo "$order" | tac); fi
        for i in $order; do
            run_one "$i" "$r"
            sleep "$1"
        done
    done
}

# Print the median of the numbers on stdin.
median() { sort -g | awk '{a[NR] = $1} END {if (NR % 2) print a[(NR + 1) / 2]; else printf "%.2f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

# Print column $2 of the RESULTS rows of target index $1.
col() { awk -F'\t' -v i="$1" -v c="$2" '$1 == i {print $c}' "$RESULTS"; }

# Print the CPU model name.
cpu_model() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1; }
