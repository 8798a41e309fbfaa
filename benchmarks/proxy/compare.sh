#!/usr/bin/env bash
# Two gateway builds side by side, beside nginx proxy_pass, in one run with interleaved rounds.
#
#   benchmarks/proxy/compare.sh OLD_BINARY NEW_BINARY
#
# Each round: nginx proxy_pass (the reference), gateway A, gateway B, all against the same static nginx
# upstream, inkeep create -> k0rdent (round d of run.sh; ROUND=e: a k0rdent create -> dreadnode, round e),
# CONNECTIONS keep-alive connections. Prints req/s
# and the CPU microseconds per request of each proxy process (with its user and system parts), per round
# and as medians, and B's CPU per request as a fraction of A's. Pinning as in run.sh: wrk and the upstream
# on CPU 0, the proxies on CPU 1.
# Settings: ROUNDS (5; 0: no timed rounds, for the counts alone), DURATION (8 s), WARMUP (2 s), CONNECTIONS (32), ROUND (d or e), EMAILS (1, or 50 in round d:
# a 50-email batch, whose CPU per request is then per batch). Needs run.sh's packages (run it once).
# ALLOCATIONS=1 also counts each gateway's malloc calls per request (ALLOCATION_REQUESTS, 2000, sequential
# keep-alive requests under a perf uprobe on libc's malloc): a count, so it repeats where timings do not.
# INSTRUCTIONS=1 also counts each gateway's user-space instructions per request (INSTRUCTION_REQUESTS, 500,
# sequential keep-alive requests, each gateway run once more under valgrind's callgrind): repeatable to about
# 0.1 %, where the timings move by several percent; kernel time (about a third of a request's CPU) is not in it.
# PROFILES=DIR (with INSTRUCTIONS=1) keeps the two callgrind profiles as DIR/A.callgrind and DIR/B.callgrind, for
# callgrind_annotate (each covers the INSTRUCTION_REQUESTS counted requests, so divide by that for a request).
set -euo pipefail

A=${1:?usage: compare.sh OLD_BINARY NEW_BINARY}
B=${2:?usage: compare.sh OLD_BINARY NEW_BINARY}
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
CONNECTIONS=${CONNECTIONS:-32}
ALLOCATIONS=${ALLOCATIONS:-0}
ALLOCATION_REQUESTS=${ALLOCATION_REQUESTS:-2000}
INSTRUCTIONS=${INSTRUCTIONS:-0}
INSTRUCTION_REQUESTS=${INSTRUCTION_REQUESTS:-500}
PROFILES=${PROFILES:-}
HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
FIXTURES=$HERE/fixtures
RUN=$(mktemp -d /tmp/proxy-compare.XXXXXX)
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$RUN"
}
trap cleanup EXIT

for tool in wrk nginx curl python3 taskset; do
    command -v "$tool" >/dev/null || { echo "compare.sh: $tool is missing (run benchmarks/proxy/run.sh once)" >&2; exit 1; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
UPSTREAM_PORT=$(free_port)
PROXY_PORT=$(free_port)
PORT_A=$(free_port)
PORT_B=$(free_port)

render() { # render TEMPLATE NAME PORT -> config path (the same substitutions as run.sh)
    local text
    text=$(<"$HERE/nginx/$1.conf.in")
    text=${text//@MAIN@/$(<"$HERE/nginx/common-main.conf.in")}
    text=${text//@HTTP@/$(<"$HERE/nginx/common-http.conf.in")}
    text=${text//@K0RDENT_RESPONSE@/$(tr -d '\n' <"$FIXTURES/k0rdent-create-response.json")}
    text=${text//@DREADNODE_RESPONSE@/$(tr -d '\n' <"$FIXTURES/dreadnode-create-response.json")}
    text=${text//@UPSTREAM_PORT@/$UPSTREAM_PORT}
    text=${text//@PORT@/$3}
    text=${text//@WORKERS@/1}
    text=${text//@NAME@/$2}
    text=${text//@RUN@/$RUN}
    text=${text//@HERE@/$HERE}
    mkdir -p "$RUN/$2-tmp"
    printf '%s\n' "$text" >"$RUN/$2.conf"
    echo "$RUN/$2.conf"
}

launch() { # launch CPU LOG command...
    local cpu=$1 log=$2
    shift 2
    (exec taskset -c "$cpu" "$@" >"$log" 2>&1 </dev/null) &
    PIDS+=("$!")
    STARTED_PID=$!
}

wait_http() {
    for _ in $(seq 200); do
        curl -s -o /dev/null --max-time 1 "$1" && return 0
        sleep 0.1
    done
    echo "compare.sh: nothing answers at $1" >&2
    exit 1
}

launch 0 "$RUN/upstream.out" nginx -p "$RUN" -c "$(render upstream upstream "$UPSTREAM_PORT")" -e "$RUN/upstream.err"
launch 1 "$RUN/proxy.out" nginx -p "$RUN" -c "$(render proxy proxy "$PROXY_PORT")" -e "$RUN/proxy.err"
NGINX_PID=$STARTED_PID
start_gateway() { # start_gateway BINARY PORT
    launch 1 "$RUN/gateway-$2.log" env -C "$REPO" GATEWAY_LISTEN_PORT="$2" \
        GATEWAY_UPSTREAMS_0_URL="http://127.0.0.1:$UPSTREAM_PORT" \
        GATEWAY_UPSTREAMS_1_URL="http://127.0.0.1:$UPSTREAM_PORT" "$1" serve --config "$HERE/gateway.yaml"
}
start_gateway "$A" "$PORT_A"
PID_A=$STARTED_PID
start_gateway "$B" "$PORT_B"
PID_B=$STARTED_PID
wait_http "http://127.0.0.1:$UPSTREAM_PORT/"
wait_http "http://127.0.0.1:$PROXY_PORT/"
wait_http "http://127.0.0.1:$PORT_A/healthz"
wait_http "http://127.0.0.1:$PORT_B/healthz"

cpu_ticks() { # "utime stime" of a process and its children processes (nginx workers)
    local user=0 system=0 pid u s
    for pid in "$1" $(pgrep -P "$1" || true); do
        read -r u s < <(awk '{print $14, $15}' "/proc/$pid/stat")
        user=$((user + u))
        system=$((system + s))
    done
    echo "$user $system"
}

EMAILS=${EMAILS:-1}
[[ $EMAILS == 1 || $EMAILS == 50 ]] || { echo "EMAILS must be 1 or 50" >&2; exit 2; }
K0RDENT=/v1/regions/global/organizations/acme/invitations
INKEEP=/manage/api/invitations
case ${ROUND:-d} in
d)
    DESCRIPTION="inkeep create -> k0rdent"
    GATEWAY_PATH=$INKEEP
    export BENCH_BODY=$FIXTURES/inkeep-create-$EMAILS.json
    ;;
e)
    [[ $EMAILS == 1 ]] || { echo "ROUND=e sends one email (EMAILS=1)" >&2; exit 2; }
    DESCRIPTION="k0rdent create -> dreadnode"
    GATEWAY_PATH=$K0RDENT
    export BENCH_BODY=$FIXTURES/k0rdent-create-request.json
    ;;
*) echo "ROUND must be d or e" >&2; exit 2 ;;
esac
measure() { # measure NAME URL PID -> "req/s cpu-us-per-request user-us system-us"
    local before after out requests u0 s0 u1 s1
    taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 10s -s "$HERE/wrk-post.lua" "$2" >/dev/null 2>&1
    before=$(cpu_ticks "$3")
    out=$(taskset -c 0 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s -s "$HERE/wrk-post.lua" "$2" 2>&1)
    after=$(cpu_ticks "$3")
    if grep -q "Non-2xx\|Socket errors" <<<"$out"; then echo "compare.sh: errors from $1: $out" >&2; exit 1; fi
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    read -r u0 s0 <<<"$before"
    read -r u1 s1 <<<"$after"
    awk -v r="$requests" -v u=$((u1 - u0)) -v s=$((s1 - s0)) -v hz="$(getconf CLK_TCK)" -v d="$DURATION" \
        'BEGIN { printf "%.0f %.1f %.1f %.1f\n", r / d, (u + s) * 1e6 / hz / r, u * 1e6 / hz / r, s * 1e6 / hz / r }'
}

((ROUNDS > 0)) && printf '%-6s %-8s %10s %12s %8s %8s\n' round proxy "req/s" "CPU us/req" user system | tee "$RUN/rounds.txt"
for round in $(seq "$ROUNDS"); do
    # A and B swap places every round: whichever runs second was measured as cheaper (an A-against-A run gave
    # 0.96), and alternating cancels that.
    pair=("A http://127.0.0.1:$PORT_A$GATEWAY_PATH $PID_A" "B http://127.0.0.1:$PORT_B$GATEWAY_PATH $PID_B")
    ((round % 2 == 0)) && pair=("${pair[1]}" "${pair[0]}")
    for target in "nginx http://127.0.0.1:$PROXY_PORT$K0RDENT $NGINX_PID" "${pair[@]}"; do
        read -r name url pid <<<"$target"
        read -r rps cpu user system < <(measure "$name" "$url" "$pid")
        printf '%-6s %-8s %10s %12s %8s %8s\n' "$round" "$name" "$rps" "$cpu" "$user" "$system" |
            tee -a "$RUN/rounds.txt"
    done
done
if ((ROUNDS > 0)); then
    echo
    python3 - "$RUN/rounds.txt" "$A" "$B" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]).read().splitlines()[1:] if line.strip()]
median = lambda name, i: statistics.median(float(r[i]) for r in rows if r[1] == name)
print(f"medians of {len(rows) // 3} rounds     req/s   CPU us/req   user  system   CPU vs proxy_pass")
for name, label in (("nginx", "nginx proxy_pass"), ("A", "A " + sys.argv[2]), ("B", "B " + sys.argv[3])):
    print(f"  {label[-24:]:<24} {median(name, 2):8.0f} {median(name, 3):10.1f} {median(name, 4):6.1f} {median(name, 5):7.1f}"
          f" {median(name, 3) / median('nginx', 3):12.2f}x")
print(f"B's CPU per request is {median('B', 3) / median('A', 3):.2f} of A's; B's req/s {median('B', 2) / median('A', 2):.2f}x A's")
# A and B run back to back within a round, so a round's B/A is spared most of a slow minute that moves whole rounds.
rounds = {}
for r in rows: rounds.setdefault(r[0], {})[r[1]] = r
pairs = [(float(v["B"][3]) / float(v["A"][3]), float(v["B"][4]) / float(v["A"][4])) for v in rounds.values() if "A" in v and "B" in v]
cpu, user = sorted(p[0] for p in pairs), sorted(p[1] for p in pairs)
print(f"B/A per round: CPU median {statistics.median(cpu):.2f} (from {cpu[0]:.2f} to {cpu[-1]:.2f}), "
      f"user time median {statistics.median(user):.2f}")
PY
fi

allocations_per_request() { # allocations_per_request URL PID BINARY -> malloc calls per request
    local urls=() stat event=probe_libc:malloc
    local post=(-s -H 'Authorization: Bearer bench-token' -H 'Content-Type: application/json' --data-binary @"$BENCH_BODY")
    # A gateway linked with jemalloc (run.sh's server build) allocates through its malloc, not libc's.
    ldd "$3" 2>/dev/null | grep -q libjemalloc && event=probe_libjemalloc:je_malloc
    for _ in $(seq "$ALLOCATION_REQUESTS"); do urls+=("$1"); done
    # One warm-up request, so connection set-up and first-use caches are not counted.
    curl "${post[@]}" "$1" >/dev/null
    perf stat -x, -e "$event" -p "$2" -o "$RUN/allocations.csv" &
    stat=$!
    sleep 0.5
    curl "${post[@]}" "${urls[@]}" >/dev/null
    kill -INT "$stat"
    wait "$stat" || true
    awk -F, -v n="$ALLOCATION_REQUESTS" -v e="$event" 'index($0, e) > 0 { printf "%.1f\n", $1 / n }' "$RUN/allocations.csv"
}

if [[ $ALLOCATIONS == 1 ]]; then
    command -v perf >/dev/null || { echo "compare.sh: ALLOCATIONS=1 needs perf (apt-get install linux-perf)" >&2; exit 1; }
    libc=$(ldconfig -p | awk '/libc\.so\.6 .*x86-64|libc\.so\.6 .*AArch64/ { print $NF; exit }')
    perf probe -q -x "$libc" malloc 2>/dev/null || true
    jemalloc=$(ldconfig -p | awk '/libjemalloc\.so\.2 .*x86-64|libjemalloc\.so\.2 .*AArch64/ { print $NF; exit }')
    [[ -n $jemalloc ]] && { perf probe -q -x "$jemalloc" "probe_libjemalloc:je_malloc=malloc" 2>/dev/null || true; }
    echo
    echo "malloc calls per request ($DESCRIPTION, $ALLOCATION_REQUESTS sequential keep-alive requests)"
    printf '  %-24s %8s\n' "A $(tail -c 22 <<<"$A")" "$(allocations_per_request "http://127.0.0.1:$PORT_A$GATEWAY_PATH" "$PID_A" "$A")"
    printf '  %-24s %8s\n' "B $(tail -c 22 <<<"$B")" "$(allocations_per_request "http://127.0.0.1:$PORT_B$GATEWAY_PATH" "$PID_B" "$B")"
fi

instructions_per_request() { # instructions_per_request BINARY LABEL -> user-space instructions per request (callgrind)
    local port copy pid urls=() total profile
    local post=(-s -H 'Authorization: Bearer bench-token' -H 'Content-Type: application/json' --data-binary @"$BENCH_BODY")
    port=$(free_port)
    copy=$RUN/callgrind-$port
    # valgrind gives up on the Swift binaries' debug information; their symbols are enough.
    objcopy --strip-debug "$1" "$copy"
    launch 1 "$RUN/callgrind-$port.log" env -C "$REPO" GATEWAY_LISTEN_PORT="$port" \
        GATEWAY_UPSTREAMS_0_URL="http://127.0.0.1:$UPSTREAM_PORT" \
        GATEWAY_UPSTREAMS_1_URL="http://127.0.0.1:$UPSTREAM_PORT" \
        valgrind --tool=callgrind --callgrind-out-file="$RUN/callgrind-$port.out" "$copy" serve --config "$HERE/gateway.yaml"
    pid=$STARTED_PID
    wait_http "http://127.0.0.1:$port/healthz"
    for _ in $(seq "$INSTRUCTION_REQUESTS"); do urls+=("http://127.0.0.1:$port$GATEWAY_PATH"); done
    # A first pass warms connections and caches; only the second is counted.
    curl "${post[@]}" "${urls[@]}" >/dev/null
    callgrind_control -z "$pid" >/dev/null 2>&1
    curl "${post[@]}" "${urls[@]}" >/dev/null
    callgrind_control -d "$pid" >/dev/null 2>&1
    profile=$(ls -t "$RUN/callgrind-$port.out"* | head -1)
    total=$(awk '/^(summary|totals):/ { print $2; exit }' "$profile")
    [[ -n $PROFILES ]] && mkdir -p "$PROFILES" && cp "$profile" "$PROFILES/$2.callgrind"
    kill -TERM "$pid" 2>/dev/null || true
    awk -v t="$total" -v n="$INSTRUCTION_REQUESTS" 'BEGIN { printf "%.0f\n", t / n }'
}

if [[ $INSTRUCTIONS == 1 ]]; then
    for tool in valgrind callgrind_control objcopy; do
        command -v "$tool" >/dev/null || { echo "compare.sh: INSTRUCTIONS=1 needs $tool (apt-get install valgrind binutils)" >&2; exit 1; }
    done
    echo
    echo "user-space instructions per request ($DESCRIPTION, $INSTRUCTION_REQUESTS sequential keep-alive requests, callgrind)"
    ia=$(instructions_per_request "$A" A)
    ib=$(instructions_per_request "$B" B)
    printf '  %-24s %10s\n' "A $(tail -c 22 <<<"$A")" "$ia"
    printf '  %-24s %10s\n' "B $(tail -c 22 <<<"$B")" "$ib"
    awk -v a="$ia" -v b="$ib" 'BEGIN { printf "B executes %.3f of the instructions A does\n", b / a }'
fi
