#!/usr/bin/env bash
# Runs the README's run command and every shell block of its "Try it" section against it, from a clean state.
# Each block must exit 0 (the examples use curl -f where they expect success). Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$work"' EXIT

# The blocks, with the README's port replaced by a free one.
python3 - "$work" "$port" <<'PY'
import re, sys, pathlib
work, port = sys.argv[1], sys.argv[2]
text = pathlib.Path("README.md").read_text()
section = text.split("## Try it", 1)[1].split("\n## ", 1)[0]
blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
assert blocks, "README's Try it section has no sh blocks"
for index, block in enumerate(blocks):
    pathlib.Path(work, f"block-{index:02}.sh").write_text(block.replace("127.0.0.1:8080", f"127.0.0.1:{port}"))
print(f"{len(blocks)} README blocks")
PY

swift build --product invitation-gateway 2>&1 | grep -E "error:|Compiling|Build" | tail -3
# The README's run command (`swift run invitation-gateway serve`), on the binary it builds.
GATEWAY_LISTEN_PORT=$port .build/debug/invitation-gateway serve >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
    grep -q "listening on" "$work/server.log" 2>/dev/null && break
    sleep 0.2
done
grep -q "listening on" "$work/server.log" || { cat "$work/server.log"; echo "the gateway did not start"; exit 1; }

passed=0
failed=0
for block in "$work"/block-*.sh; do
    if output=$(bash -euo pipefail "$block" 2>&1); then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "README block failed: $(basename "$block")"
        sed 's/^/    /' "$block"
        echo "  output:"
        echo "$output" | sed 's/^/    /'
    fi
done
echo "README examples: $passed of $((passed + failed)) ran as written"
[ "$failed" -eq 0 ]
