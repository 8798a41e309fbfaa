#!/usr/bin/env bash
# The proxy benchmark: the gateway beside nginx proxy_pass and nginx + Lua, in one run with
# interleaved rounds. See README.md in this folder. Timings are printed, never asserted.
#
#   benchmarks/proxy/run.sh            # the full run (~8 minutes after the build)
#   QUICK=1 benchmarks/proxy/run.sh    # a smoke run (~1 minute after the build)
#
# Everything listens on 127.0.0.1 on free ports; every process started here is stopped on exit.
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true # '&' in a ${var//x/y} replacement stays literal

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

# ---- settings (environment) ------------------------------------------------------------------
QUICK=${QUICK:-0}
if [[ $QUICK == 1 ]]; then
    : "${DURATION:=3}" "${ROUNDS:=1}" "${WARMUP:=1}" "${SCALE_DURATION:=3}" "${SCALE_ROUNDS:=1}" "${MEMORY_DURATION:=3}"
    : "${SCALE_CONNECTIONS:=1 32}"
fi
DURATION=${DURATION:-10}             # seconds per measured round
ROUNDS=${ROUNDS:-3}                  # interleaved repetitions of a b c d e; medians are reported
WARMUP=${WARMUP:-2}                  # seconds of unmeasured load before each round
CONNECTIONS=${CONNECTIONS:-32}       # keep-alive connections for rounds a..e
SCALE_CONNECTIONS=${SCALE_CONNECTIONS:-1 32 256}
SCALE_DURATION=${SCALE_DURATION:-8}  # seconds per round of the cost-by-work table (a 50-email request at 256 connections takes seconds)
SCALE_ROUNDS=${SCALE_ROUNDS:-2}
MEMORY_CONNECTIONS=${MEMORY_CONNECTIONS:-1000}
MEMORY_DURATION=${MEMORY_DURATION:-10}
PIN=${PIN:-1}                        # 1: taskset pins the load generator, the proxies and the upstream
LOAD_CPUS=${LOAD_CPUS:-0}            # wrk
PROXY_CPUS=${PROXY_CPUS:-1}          # the proxy under test (nginx proxy_pass, nginx + Lua, the gateway)
UPSTREAM_CPUS=${UPSTREAM_CPUS:-0}    # the static upstream
SKIP_BUILD=${SKIP_BUILD:-0}
GATEWAY_BIN=${GATEWAY_BIN:-}         # a gateway binary to use instead of building one
GATEWAY_LABEL=${GATEWAY_LABEL:-}     # how the report names the gateway (default: the commit it was built from)
PROFILE=${PROFILE:-0}                # 1: also sample the gateway with perf during one extra round d
BUILD_PATH=${BUILD_PATH:-$REPO/.build-release}
STATIC_STDLIB=${STATIC_STDLIB:-1}    # 1: link the Swift runtime into the binary, as a server is deployed (0: shared)
# 1: build as the Hummingbird and Vapor templates deploy a server: jemalloc (-Xlinker -ljemalloc) and no runtime
# exclusivity checks (-Xswiftc -enforce-exclusivity=unchecked; the debug build the tests run keeps them). 0: neither.
SERVER_BUILD=${SERVER_BUILD:-1}
RESULTS=${RESULTS:-$REPO/bench-results/proxy-$(date +%Y%m%d-%H%M%S)}

K0RDENT_PATH=/v1/regions/global/organizations/acme/invitations
DREADNODE_PATH=/api/v1/org/acme/invitations
INKEEP_PATH=/manage/api/invitations
FIXTURES=$HERE/fixtures
K0RDENT_ID=$(jq -r .id "$FIXTURES/k0rdent-create-response.json" 2>/dev/null || true)
DREADNODE_ID=$(jq -r .id "$FIXTURES/dreadnode-create-response.json" 2>/dev/null || true)

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---- processes: everything started here is remembered and stopped on exit --------------------
PIDS=()
RUN=""
cleanup() {
    local status=$? pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    [[ -n $RUN && -d $RUN ]] && rm -rf "$RUN"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

stop() { # stop one process started here
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

pinned() { # pinned CPUS command...: run the command on those CPUs when pinning
    local cpus=$1; shift
    if [[ $PIN == 1 ]]; then taskset -c "$cpus" "$@"; else "$@"; fi
}

launch() { # launch CPUS LOG command...: start in the background (pinned); STARTED_PID is the command's own pid
    local cpus=$1 log=$2; shift 2
    [[ $PIN == 1 ]] || cpus=0-$(($(nproc) - 1))
    (exec taskset -c "$cpus" "$@" >"$log" 2>&1 </dev/null) &
    STARTED_PID=$!
    PIDS+=("$STARTED_PID")
}

count_cpus() { # "0,2-3" -> 3
    local n=0 part
    IFS=, read -ra parts <<<"$1"
    for part in "${parts[@]}"; do
        if [[ $part == *-* ]]; then n=$((n + ${part#*-} - ${part%-*} + 1)); else n=$((n + 1)); fi
    done
    echo "$n"
}

# ---- 1. Debian packages and the release build -------------------------------------------------
ensure_packages() {
    local need=() package
    for package in wrk nginx libnginx-mod-http-lua lua-cjson jq curl libjemalloc-dev; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || need+=("$package")
    done
    ((${#need[@]} == 0)) && return 0
    [[ $(id -u) == 0 ]] || die "missing packages (${need[*]}) and not root: install them with apt-get"
    log "installing ${need[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${need[@]}" >/dev/null
    # Debian starts nginx as a service where it can; this harness runs its own instances only.
}

GATEWAY_ERROR=""
build_gateway() {
    if [[ -n $GATEWAY_BIN ]]; then
        [[ -x $GATEWAY_BIN ]] || GATEWAY_ERROR="GATEWAY_BIN=$GATEWAY_BIN is not an executable"
        return 0
    fi
    if [[ $SKIP_BUILD != 1 ]]; then
        if pgrep -x swift-build >/dev/null; then log "note: another swift build is running; the figures may be noisy"; fi
        local flags=(-c release --product invitation-gateway --scratch-path "$BUILD_PATH")
        [[ $STATIC_STDLIB == 1 ]] && flags+=(--static-swift-stdlib)
        [[ $SERVER_BUILD == 1 ]] && flags+=(-Xlinker -ljemalloc -Xswiftc -enforce-exclusivity=unchecked)
        log "building the gateway in release (swift build ${flags[*]})"
        if ! (cd "$REPO" && swift build "${flags[@]}") \
            >"$RESULTS/build.log" 2>&1; then
            tail -n 20 "$RESULTS/build.log" >&2
            GATEWAY_ERROR="the release build failed (see $RESULTS/build.log)"
            return 0
        fi
    fi
    GATEWAY_BIN=$(cd "$REPO" && swift build -c release --scratch-path "$BUILD_PATH" --show-bin-path)/invitation-gateway
    [[ -x $GATEWAY_BIN ]] || GATEWAY_ERROR="no release binary at $GATEWAY_BIN"
}

# ---- 2. servers --------------------------------------------------------------------------------
TAKEN_PORTS=" "
free_port() {
    local port
    for _ in $(seq 100); do
        port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        [[ $TAKEN_PORTS == *" $port "* ]] && continue
        TAKEN_PORTS+="$port "
        echo "$port"
        return 0
    done
    die "no free port found"
}

wait_http() { # wait_http URL: until anything answers there (20 s at most)
    for _ in $(seq 200); do
        curl -s -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    return 1
}

render_nginx() { # render_nginx TEMPLATE NAME PORT WORKERS -> prints the config file's path
    local template=$1 name=$2 port=$3 workers=$4 text main http
    text=$(<"$HERE/nginx/$template.conf.in")
    main=$(<"$HERE/nginx/common-main.conf.in")
    http=$(<"$HERE/nginx/common-http.conf.in")
    text=${text//@MAIN@/$main}
    text=${text//@HTTP@/$http}
    text=${text//@K0RDENT_RESPONSE@/$(tr -d '\n' <"$FIXTURES/k0rdent-create-response.json")}
    text=${text//@DREADNODE_RESPONSE@/$(tr -d '\n' <"$FIXTURES/dreadnode-create-response.json")}
    text=${text//@UPSTREAM_PORT@/${UPSTREAM_PORT:-0}}
    text=${text//@PORT@/$port}
    text=${text//@WORKERS@/$workers}
    text=${text//@NAME@/$name}
    text=${text//@RUN@/$RUN}
    text=${text//@HERE@/$HERE}
    mkdir -p "$RUN/$name-tmp"
    printf '%s\n' "$text" >"$RUN/$name.conf"
    echo "$RUN/$name.conf"
}

start_nginx() { # start_nginx TEMPLATE NAME PORT CPUS -> sets STARTED_PID
    local conf workers=1
    [[ $PIN == 1 ]] && workers=$(count_cpus "$4") || workers=$(nproc)
    conf=$(render_nginx "$1" "$2" "$3" "$workers")
    nginx -t -q -p "$RUN" -c "$conf" -e "$RUN/$2.error.log" || die "nginx rejects $conf"
    launch "$4" "$RUN/$2.out" nginx -p "$RUN" -c "$conf" -e "$RUN/$2.error.log"
    wait_http "http://127.0.0.1:$3/" || die "nginx $2 did not start (see $RUN/$2.error.log)"
}

start_gateway() { # start_gateway NAME PORT K0RDENT_UPSTREAM_URL DREADNODE_UPSTREAM_URL -> STARTED_PID or 1
    local name=$1 port=$2
    launch "$PROXY_CPUS" "$RESULTS/$name.log" env -C "$REPO" GATEWAY_LISTEN_PORT="$port" \
        GATEWAY_UPSTREAMS_0_URL="$3" GATEWAY_UPSTREAMS_1_URL="$4" "$GATEWAY_BIN" serve --config "$HERE/gateway.yaml"
    for _ in $(seq 300); do
        if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/healthz") == 200 ]]; then
            return 0
        fi
        kill -0 "$STARTED_PID" 2>/dev/null || break
        sleep 0.1
    done
    GATEWAY_ERROR="the gateway did not become healthy: $(tail -n 5 "$RESULTS/$name.log" | tr '\n' ' ')"
    stop "$STARTED_PID"
    return 1
}

upstream_accepts() { # connections the static upstream has accepted since it started
    curl -s --max-time 2 "http://127.0.0.1:$UPSTREAM_PORT/_bench/status" | awk 'NR == 3 { print $1 + 0; found = 1 } END { if (!found) print 0 }'
}

process_ticks() { # utime+stime in clock ticks, summed over the given pids and their children
    local total=0 pid all=() stat rest fields
    for pid in "$@"; do all+=("$pid") && mapfile -t -O "${#all[@]}" all < <(pgrep -P "$pid" || true); done
    for pid in "${all[@]}"; do
        stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
        rest=${stat##*) }
        read -ra fields <<<"$rest"
        total=$((total + fields[11] + fields[12]))
    done
    echo "$total"
}

# ---- 3. checks: a benchmark of error responses is worthless -----------------------------------
CHECK_FAILURES=()
check() { # check LABEL EXPECTED_STATUS URL BODY_FILE JQ_FILTER
    local label=$1 expected=$2 url=$3 body=$4 filter=$5 out status
    out=$RESULTS/check-$label.json
    status=$(curl -s -o "$out" -w '%{http_code}' --max-time 10 -X POST -H 'Content-Type: application/json' \
        -H 'Authorization: Bearer bench-token' --data-binary "@$body" "$url" || echo 000)
    if [[ $status == "$expected" ]] && jq -e "$filter" "$out" >/dev/null 2>&1; then
        log "check $label: $status, body as expected"
        return 0
    fi
    log "check $label FAILED: HTTP $status (expected $expected), body: $(head -c 400 "$out")"
    CHECK_FAILURES+=("$label")
    return 1
}

inkeep_ok() { # jq filter for an inkeep batch answer with N successes carrying the k0rdent id
    echo "(.data | length == $1) and all(.data[]; .status == \"success\" and .id == \"$K0RDENT_ID\" and (.email | test(\"@example.com\$\")))"
}

recorded() { # the requests the recorder received, one JSON object a line
    sed -n 's/.*RECORDED \({.*}\), client:.*/\1/p' "$RUN/recorder.error.log"
}

check_translation_upstream_side() {
    # A throwaway gateway in front of the recorder: what does it actually send upstream?
    local port rport
    rport=$(free_port)
    start_nginx recorder recorder "$rport" "$UPSTREAM_CPUS"
    local recorder_pid=$STARTED_PID
    port=$(free_port)
    if ! start_gateway gateway-check "$port" "http://127.0.0.1:$rport" "http://127.0.0.1:$rport"; then
        stop "$recorder_pid"
        return 1
    fi
    local gateway_pid=$STARTED_PID ok=0
    check d-recorded 200 "http://127.0.0.1:$port$INKEEP_PATH" "$FIXTURES/inkeep-create-1.json" "$(inkeep_ok 1)" || ok=1
    check e-recorded 201 "http://127.0.0.1:$port$K0RDENT_PATH" "$FIXTURES/k0rdent-create-request.json" \
        ".id == \"$DREADNODE_ID\" and .email == \"user@example.com\" and .roles == [\"admin\"] and .status == \"pending\"" || ok=1
    sleep 0.2
    recorded >"$RESULTS/recorded-upstream-requests.jsonl"
    if jq -se --arg k "$K0RDENT_PATH" '
        any(.[]; .method == "POST" and .uri == $k and (.body | fromjson) == {"email":"user@example.com","roles":["admin"]}
            and .headers.authorization == "Bearer bench-token" and (.headers["x-request-id"] | length) > 0)' \
        "$RESULTS/recorded-upstream-requests.jsonl" >/dev/null; then
        log "check d-upstream: the k0rdent upstream received POST $K0RDENT_PATH {\"email\":…,\"roles\":[\"admin\"]} with the caller's credentials"
    else
        log "check d-upstream FAILED: see $RESULTS/recorded-upstream-requests.jsonl"
        CHECK_FAILURES+=(d-upstream)
        ok=1
    fi
    if jq -se --arg d "$DREADNODE_PATH" '
        any(.[]; .method == "POST" and .uri == $d and ((.body | fromjson) | .email == "user@example.com" and .role == "admin")
            and .headers.authorization == "Bearer bench-token")' \
        "$RESULTS/recorded-upstream-requests.jsonl" >/dev/null; then
        log "check e-upstream: the dreadnode upstream received POST $DREADNODE_PATH {\"email\":…,\"role\":\"admin\"}"
    else
        log "check e-upstream FAILED: see $RESULTS/recorded-upstream-requests.jsonl"
        CHECK_FAILURES+=(e-upstream)
        ok=1
    fi
    stop "$gateway_pid"
    stop "$recorder_pid"
    return $ok
}

# ---- 4. measuring -------------------------------------------------------------------------------
CLK_TCK=$(getconf CLK_TCK)
ROWS=""  # set in main: the rounds' table (TSV)
ROUNDS_TOTAL=0 ROUNDS_BUSY=0

to_us() { # wrk's "612.00us" / "1.20ms" / "1.01s" -> microseconds
    awk -v v="$1" 'BEGIN {
        if (v ~ /us$/) { sub(/us$/, "", v); print v + 0 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); print v * 1000 }
        else if (v ~ /m$/) { sub(/m$/, "", v); print v * 60000000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); print v * 1000000 }
        else print "nan" }'
}

run_wrk() { # run_wrk OUT CONNECTIONS SECONDS BODY URL
    local threads
    threads=$([[ $PIN == 1 ]] && count_cpus "$LOAD_CPUS" || nproc)
    ((threads > $2)) && threads=$2
    BENCH_BODY=$4 pinned "$LOAD_CPUS" wrk -t"$threads" -c"$2" -d"$3"s --timeout 10s --latency \
        -s "$HERE/wrk-post.lua" "$5" >"$1" 2>&1 || true
}

# measure SECTION LABEL ROUND CONNECTIONS EMAILS SECONDS BODY URL PROXY_PIDS...
measure() {
    local section=$1 label=$2 round=$3 conns=$4 emails=$5 seconds=$6 body=$7 url=$8
    shift 8
    local out=$RESULTS/wrk-$section-$label-c$conns-e$emails-r$round.txt
    [[ $WARMUP -gt 0 ]] && run_wrk "$out.warmup" "$conns" "$WARMUP" "$body" "$url"
    local before up_before after up_after accepts_before accepts_after
    ROUNDS_TOTAL=$((ROUNDS_TOTAL + 1))
    if pgrep -x swift-build >/dev/null || pgrep -x swift-frontend >/dev/null; then
        ROUNDS_BUSY=$((ROUNDS_BUSY + 1))
        log "note: a Swift build is running during this round"
    fi
    accepts_before=$(upstream_accepts)
    before=$(process_ticks "$@")
    up_before=$(process_ticks "$UPSTREAM_PID")
    run_wrk "$out" "$conns" "$seconds" "$body" "$url"
    after=$(process_ticks "$@")
    up_after=$(process_ticks "$UPSTREAM_PID")
    accepts_after=$(upstream_accepts)
    local new_connections=$((accepts_after - accepts_before - 1)) # less the status request itself
    local parsed
    parsed=$(awk '
        /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        / requests in / { requests = $1 }
        /^Requests\/sec:/ { rps = $2 }
        /Non-2xx or 3xx responses:/ { errors += $NF }
        /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
        END { printf "%s %s %s %s %d", requests + 0, rps + 0, (p50 == "" ? "nan" : p50), (p99 == "" ? "nan" : p99), errors }' "$out")
    local requests rps p50 p99 errors
    read -r requests rps p50 p99 errors <<<"$parsed"
    if ((requests == 0)); then
        p50=nan p99=nan
        log "WARNING: no request completed in that round (see $out); raise the duration"
    fi
    [[ $p50 == nan ]] || p50=$(to_us "$p50")
    [[ $p99 == nan ]] || p99=$(to_us "$p99")
    local cpu upcpu
    cpu=$(awk -v t=$((after - before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { print (n > 0 ? t * 1e6 / hz / n : "nan") }')
    upcpu=$(awk -v t=$((up_after - up_before)) -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { print (n > 0 ? t * 1e6 / hz / n : "nan") }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$section" "$label" "$round" "$conns" "$emails" \
        "$requests" "$rps" "$p50" "$p99" "$cpu" "$upcpu" "$errors" "$new_connections" >>"$ROWS"
    log "$(printf '%-6s %-3s round %s c=%-4s emails=%-2s %9.0f req/s  p50 %7.0f us  p99 %7.0f us  cpu %6.1f us/req  errors %s' \
        "$section" "$label" "$round" "$conns" "$emails" "$rps" "$p50" "$p99" "$cpu" "$errors")"
    ((errors == 0)) || log "WARNING: $label answered $errors non-2xx responses or socket errors in that round (see $out)"
}

median() { # median SECTION LABEL CONNECTIONS EMAILS COLUMN(1-based in ROWS)
    awk -F'\t' -v s="$1" -v l="$2" -v c="$3" -v e="$4" -v col="$5" '
        $1 == s && $2 == l && $4 == c && $5 == e { v[n++] = $col }
        END {
            if (n == 0) { print "nan"; exit }
            for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
            print (n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) }' "$ROWS"
}

total() { # total SECTION LABEL COLUMN: the sum over rounds (errors)
    awk -F'\t' -v s="$1" -v l="$2" -v col="$3" '$1 == s && $2 == l { t += $col } END { print t + 0 }' "$ROWS"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "nan" || b == "nan" || b == 0) print "-"; else printf "%.2fx", a / b }'; }
num() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "nan" || v == "") print "-"; else printf f, v }'; }

# ---- main ---------------------------------------------------------------------------------------
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)
RUN=$(mktemp -d /tmp/proxy-bench.XXXXXX)
chmod 755 "$RUN" # nginx workers (nobody) reach their temp folders inside
ROWS=$RESULTS/rounds.tsv
printf 'section\tlabel\tround\tconnections\temails\trequests\treq_per_s\tp50_us\tp99_us\tcpu_us_per_req\tupstream_cpu_us_per_req\terrors\tupstream_connections_opened\n' >"$ROWS"

ensure_packages
[[ -n $K0RDENT_ID && -n $DREADNODE_ID ]] || die "cannot read the fixtures in $FIXTURES"
if [[ $PIN == 1 ]] && (($(nproc) < 2)); then log "one CPU only: not pinning"; PIN=0; fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true
log "open files limit: $(ulimit -n); results in $RESULTS"
build_gateway
if [[ -n ${GATEWAY_LABEL:-} ]]; then
    GATEWAY_VERSION=$GATEWAY_LABEL
elif [[ $GATEWAY_BIN == "$BUILD_PATH"/* ]]; then
    GATEWAY_VERSION="built from the working tree at $(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo '?')"
    [[ -z $(git -C "$REPO" status --porcelain -- Sources Package.swift 2>/dev/null) ]] || GATEWAY_VERSION+=" (with uncommitted changes in Sources)"
else
    GATEWAY_VERSION="the binary $GATEWAY_BIN"
fi
if [[ -x $GATEWAY_BIN ]]; then
    if ldd "$GATEWAY_BIN" 2>/dev/null | grep -q libswiftCore; then
        GATEWAY_VERSION+=", Swift runtime shared"
    else
        GATEWAY_VERSION+=", Swift runtime linked in (--static-swift-stdlib)"
    fi
    if ldd "$GATEWAY_BIN" 2>/dev/null | grep -q libjemalloc; then GATEWAY_VERSION+=", jemalloc"; fi
fi

UPSTREAM_PORT=$(free_port)
start_nginx upstream upstream "$UPSTREAM_PORT" "$UPSTREAM_CPUS"
UPSTREAM_PID=$STARTED_PID
PROXY_PORT=$(free_port)
start_nginx proxy proxy "$PROXY_PORT" "$PROXY_CPUS"
PROXY_PID=$STARTED_PID
LUA_PORT=$(free_port)
start_nginx lua lua "$LUA_PORT" "$PROXY_CPUS"
LUA_PID=$STARTED_PID
UPSTREAM=http://127.0.0.1:$UPSTREAM_PORT

K0RDENT_OK=".id == \"$K0RDENT_ID\" and .status == \"pending\""
check a-k0rdent 201 "$UPSTREAM$K0RDENT_PATH" "$FIXTURES/k0rdent-create-request.json" "$K0RDENT_OK" || true
check a-dreadnode 200 "$UPSTREAM$DREADNODE_PATH" "$FIXTURES/k0rdent-create-request.json" ".id == \"$DREADNODE_ID\"" || true
check b 201 "http://127.0.0.1:$PROXY_PORT$K0RDENT_PATH" "$FIXTURES/k0rdent-create-request.json" "$K0RDENT_OK" || true
check c 200 "http://127.0.0.1:$LUA_PORT$INKEEP_PATH" "$FIXTURES/inkeep-create-1.json" "$(inkeep_ok 1)" || true
check c-50 200 "http://127.0.0.1:$LUA_PORT$INKEEP_PATH" "$FIXTURES/inkeep-create-50.json" "$(inkeep_ok 50)" || true
((${#CHECK_FAILURES[@]} == 0)) || die "nginx rounds fail their checks: ${CHECK_FAILURES[*]}"

GATEWAY_PID=""
if [[ -z $GATEWAY_ERROR ]] && check_translation_upstream_side; then
    GATEWAY_PORT=$(free_port)
    if start_gateway gateway "$GATEWAY_PORT" "$UPSTREAM" "$UPSTREAM"; then
        GATEWAY_PID=$STARTED_PID
        GATEWAY=http://127.0.0.1:$GATEWAY_PORT
        check d 200 "$GATEWAY$INKEEP_PATH" "$FIXTURES/inkeep-create-1.json" "$(inkeep_ok 1)" &&
            check d-50 200 "$GATEWAY$INKEEP_PATH" "$FIXTURES/inkeep-create-50.json" "$(inkeep_ok 50)" &&
            check e 201 "$GATEWAY$K0RDENT_PATH" "$FIXTURES/k0rdent-create-request.json" \
                ".id == \"$DREADNODE_ID\" and .roles == [\"admin\"] and .status == \"pending\"" ||
            { GATEWAY_ERROR="the gateway's answers fail their checks (${CHECK_FAILURES[*]})"; stop "$GATEWAY_PID"; GATEWAY_PID=""; }
    fi
elif [[ -z $GATEWAY_ERROR ]]; then
    GATEWAY_ERROR="the gateway's translation fails its checks (${CHECK_FAILURES[*]})"
fi
[[ -z $GATEWAY_ERROR ]] || log "rounds d and e are skipped: $GATEWAY_ERROR"

if [[ $PIN == 1 ]]; then
    PINNING="wrk on CPU $LOAD_CPUS, proxy under test on CPU $PROXY_CPUS, static upstream on CPU $UPSTREAM_CPUS"
else
    PINNING="not pinned ($(nproc) CPUs shared by all)"
fi
log "pinning: $PINNING"

# Rounds a..e, interleaved.
for round in $(seq "$ROUNDS"); do
    measure main a "$round" "$CONNECTIONS" 1 "$DURATION" "$FIXTURES/k0rdent-create-request.json" "$UPSTREAM$K0RDENT_PATH" "$UPSTREAM_PID"
    measure main b "$round" "$CONNECTIONS" 1 "$DURATION" "$FIXTURES/k0rdent-create-request.json" "http://127.0.0.1:$PROXY_PORT$K0RDENT_PATH" "$PROXY_PID"
    measure main c "$round" "$CONNECTIONS" 1 "$DURATION" "$FIXTURES/inkeep-create-1.json" "http://127.0.0.1:$LUA_PORT$INKEEP_PATH" "$LUA_PID"
    if [[ -n $GATEWAY_PID ]]; then
        measure main d "$round" "$CONNECTIONS" 1 "$DURATION" "$FIXTURES/inkeep-create-1.json" "$GATEWAY$INKEEP_PATH" "$GATEWAY_PID"
        measure main e "$round" "$CONNECTIONS" 1 "$DURATION" "$FIXTURES/k0rdent-create-request.json" "$GATEWAY$K0RDENT_PATH" "$GATEWAY_PID"
    fi
done

# How cost grows with work: 1 and 50 emails, at 1, 32 and 256 connections (inkeep -> k0rdent).
for round in $(seq "$SCALE_ROUNDS"); do
    for conns in $SCALE_CONNECTIONS; do
        for emails in 1 50; do
            measure scale c "$round" "$conns" "$emails" "$SCALE_DURATION" "$FIXTURES/inkeep-create-$emails.json" "http://127.0.0.1:$LUA_PORT$INKEEP_PATH" "$LUA_PID"
            if [[ -n $GATEWAY_PID ]]; then
                measure scale d "$round" "$conns" "$emails" "$SCALE_DURATION" "$FIXTURES/inkeep-create-$emails.json" "$GATEWAY$INKEEP_PATH" "$GATEWAY_PID"
            fi
        done
    done
done

# Where the gateway's CPU goes: perf samples (cpu-clock, call graphs) during one extra round d.
if [[ $PROFILE == 1 && -n $GATEWAY_PID ]]; then
    if command -v perf >/dev/null; then
        log "profiling the gateway during one round d (perf record -e cpu-clock --call-graph dwarf)"
        perf record -q -e cpu-clock -F 499 --call-graph dwarf,16384 -p "$GATEWAY_PID" -o "$RESULTS/perf-d.data" -- sleep "$DURATION" \
            >"$RESULTS/perf-record.log" 2>&1 &
        perf_pid=$!
        run_wrk "$RESULTS/wrk-profile-d.txt" "$CONNECTIONS" "$DURATION" "$FIXTURES/inkeep-create-1.json" "$GATEWAY$INKEEP_PATH"
        wait "$perf_pid" || true
        demangle=cat
        command -v swift-demangle >/dev/null && demangle="swift-demangle --simplified"
        perf report -i "$RESULTS/perf-d.data" --no-children --sort dso,symbol --percent-limit 0.5 --stdio -g none 2>/dev/null |
            $demangle >"$RESULTS/perf-d-self.txt" || true
        perf report -i "$RESULTS/perf-d.data" --children --sort symbol --percent-limit 2 --stdio -g none 2>/dev/null |
            $demangle >"$RESULTS/perf-d-children.txt" || true
        log "perf reports: $RESULTS/perf-d-self.txt (self time), $RESULTS/perf-d-children.txt (inclusive)"
    else
        log "PROFILE=1 but perf is not installed (apt-get install linux-perf)"
    fi
fi

# Peak resident memory of a fresh gateway under many keep-alive connections.
MEMORY=""
if [[ -n $GATEWAY_PID ]]; then
    stop "$GATEWAY_PID"
    GATEWAY_PID=""
    MEMORY_PORT=$(free_port)
    if start_gateway gateway-memory "$MEMORY_PORT" "$UPSTREAM" "$UPSTREAM"; then
        MEMORY_PID=$STARTED_PID
        idle_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$MEMORY_PID/status")
        measure memory d 1 "$MEMORY_CONNECTIONS" 1 "$MEMORY_DURATION" "$FIXTURES/inkeep-create-1.json" "http://127.0.0.1:$MEMORY_PORT$INKEEP_PATH" "$MEMORY_PID"
        peak_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$MEMORY_PID/status")
        threads=$(awk '/^Threads:/ { print $2 }' "/proc/$MEMORY_PID/status")
        MEMORY=$(printf 'gateway peak resident memory (VmHWM): %.1f MiB after %s s at %s keep-alive connections (%s req/s, %s errors); %.1f MiB when idle after start; %s threads' \
            "$(awk -v k="$peak_kib" 'BEGIN { print k / 1024 }')" "$MEMORY_DURATION" "$MEMORY_CONNECTIONS" \
            "$(num "$(median memory d "$MEMORY_CONNECTIONS" 1 7)" '%.0f')" "$(total memory d 12)" \
            "$(awk -v k="$idle_kib" 'BEGIN { print k / 1024 }')" "$threads")
        stop "$MEMORY_PID"
    fi
fi

# ---- the report ----------------------------------------------------------------------------------
report() {
    echo "invitation-gateway proxy benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -r)"
    echo "rounds a-e interleaved, $ROUNDS x ${DURATION} s each (after ${WARMUP} s warm-up), $CONNECTIONS keep-alive connections, medians"
    echo "pinning: $PINNING"
    echo "gateway: $GATEWAY_VERSION"
    echo "rounds that started while a Swift build was running on this machine: $ROUNDS_BUSY of $ROUNDS_TOTAL"
    echo "CPU = utime+stime of the proxy's processes (nginx: master + workers) per request; upstr us = the static upstream's CPU per request;"
    echo "upstr new = connections the upstream accepted during the round (keep-alive reuse keeps it near 0)"
    echo
    printf '%-2s %-34s %9s %8s %8s %10s %9s %10s %7s\n' "" "round" "req/s" "p50 us" "p99 us" "CPU us/req" "upstr us" "upstr new" "errors"
    local label what
    for label in a b c d e; do
        case $label in
        a) what="direct to the static upstream" ;;
        b) what="nginx proxy_pass, keep-alive" ;;
        c) what="nginx + Lua: inkeep -> k0rdent" ;;
        d) what="gateway: inkeep -> k0rdent" ;;
        e) what="gateway: k0rdent -> dreadnode" ;;
        esac
        if [[ $(median main "$label" "$CONNECTIONS" 1 7) == nan ]]; then
            printf '%-2s %-34s %s\n' "$label" "$what" "not measured: ${GATEWAY_ERROR:-no data}"
            continue
        fi
        printf '%-2s %-34s %9s %8s %8s %10s %9s %10s %7s\n' "$label" "$what" \
            "$(num "$(median main "$label" "$CONNECTIONS" 1 7)" '%.0f')" \
            "$(num "$(median main "$label" "$CONNECTIONS" 1 8)" '%.0f')" \
            "$(num "$(median main "$label" "$CONNECTIONS" 1 9)" '%.0f')" \
            "$(num "$(median main "$label" "$CONNECTIONS" 1 10)" '%.1f')" \
            "$(num "$(median main "$label" "$CONNECTIONS" 1 11)" '%.1f')" \
            "$(num "$(median main "$label" "$CONNECTIONS" 1 13)" '%.0f')" \
            "$(total main "$label" 12)"
    done
    echo
    printf '%-41s %9s %8s %10s\n' "ratio to nginx proxy_pass (b)" "req/s" "p99" "CPU/req"
    local b_rps b_p99 b_cpu
    b_rps=$(median main b "$CONNECTIONS" 1 7)
    b_p99=$(median main b "$CONNECTIONS" 1 9)
    b_cpu=$(median main b "$CONNECTIONS" 1 10)
    for label in c d e; do
        case $label in c) what="c nginx + Lua" ;; d) what="d gateway inkeep -> k0rdent" ;; e) what="e gateway k0rdent -> dreadnode" ;; esac
        printf '%-41s %9s %8s %10s\n' "$what" \
            "$(ratio "$(median main "$label" "$CONNECTIONS" 1 7)" "$b_rps")" \
            "$(ratio "$(median main "$label" "$CONNECTIONS" 1 9)" "$b_p99")" \
            "$(ratio "$(median main "$label" "$CONNECTIONS" 1 10)" "$b_cpu")"
    done
    printf '%-41s %9s %8s %10s\n' "d gateway / c nginx + Lua" \
        "$(ratio "$(median main d "$CONNECTIONS" 1 7)" "$(median main c "$CONNECTIONS" 1 7)")" \
        "$(ratio "$(median main d "$CONNECTIONS" 1 9)" "$(median main c "$CONNECTIONS" 1 9)")" \
        "$(ratio "$(median main d "$CONNECTIONS" 1 10)" "$(median main c "$CONNECTIONS" 1 10)")"
    echo
    echo "cost by work: inkeep create -> k0rdent, 1 or 50 emails (50 = 50 upstream calls), medians of $SCALE_ROUNDS x ${SCALE_DURATION} s"
    printf '%-12s %6s %5s %8s %8s %8s %10s %12s %9s %10s %6s\n' "proxy" "emails" "conns" "req/s" "p50 us" "p99 us" "CPU us/req" "CPU us/email" "upstr us" "upstr new" "errors"
    local conns emails
    for label in c d; do
        for conns in $SCALE_CONNECTIONS; do
            for emails in 1 50; do
                local cpu
                cpu=$(median scale "$label" "$conns" "$emails" 10)
                [[ $cpu == nan ]] && continue
                printf '%-12s %6s %5s %8s %8s %8s %10s %12s %9s %10s %6s\n' \
                    "$([[ $label == c ]] && echo "nginx + Lua" || echo "gateway")" "$emails" "$conns" \
                    "$(num "$(median scale "$label" "$conns" "$emails" 7)" '%.0f')" \
                    "$(num "$(median scale "$label" "$conns" "$emails" 8)" '%.0f')" \
                    "$(num "$(median scale "$label" "$conns" "$emails" 9)" '%.0f')" \
                    "$(num "$cpu" '%.1f')" \
                    "$(awk -v c="$cpu" -v e="$emails" 'BEGIN { if (c == "nan") print "-"; else printf "%.1f", c / e }')" \
                    "$(num "$(median scale "$label" "$conns" "$emails" 11)" '%.1f')" \
                    "$(num "$(median scale "$label" "$conns" "$emails" 13)" '%.0f')" \
                    "$(awk -F'\t' -v l="$label" -v c="$conns" -v e="$emails" '$1 == "scale" && $2 == l && $4 == c && $5 == e { t += $12 } END { print t + 0 }' "$ROWS")"
            done
        done
    done
    echo
    if [[ -n $MEMORY ]]; then echo "$MEMORY"; else echo "gateway peak resident memory: not measured: ${GATEWAY_ERROR:-no data}"; fi
    echo
    echo "raw rounds: $ROWS"
}
report | tee "$RESULTS/report.txt"
((${#CHECK_FAILURES[@]} == 0)) || { log "checks failed: ${CHECK_FAILURES[*]}"; exit 1; }
[[ -z $GATEWAY_ERROR ]] || exit 2
