#!/usr/bin/env bash
# The batch benchmark: wall time of one 50-email inkeep batch through the gateway to a one-invite (dreadnode)
# stub upstream with a fixed artificial latency, at fan-out concurrency 1, 8 and 32. See README.md here.
#
#   benchmarks/batch/run.sh                          # builds the gateway (debug) and runs
#   LATENCY_MS=50 ROUNDS=30 benchmarks/batch/run.sh  # other latency or rounds
#   GATEWAY_BIN=.build-release/release/invitation-gateway benchmarks/batch/run.sh
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
if [[ -z ${GATEWAY_BIN:-} ]]; then
    (cd "$REPO" && swift build --product invitation-gateway >&2)
    GATEWAY_BIN="$REPO/.build/debug/invitation-gateway"
fi
GATEWAY_BIN=$(cd "$(dirname "$GATEWAY_BIN")" && pwd)/$(basename "$GATEWAY_BIN")
export GATEWAY_BIN REPO
exec python3 "$HERE/bench.py"
