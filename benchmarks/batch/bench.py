#!/usr/bin/env python3
"""Wall time of one 50-email batch through the gateway at several fan-out concurrencies.

A stub dreadnode upstream (one invitation per call) answers every create after a fixed artificial latency;
the gateway fans the inkeep batch out to it. For each concurrency a fresh gateway is started
(GATEWAY_FANOUTCONCURRENCY), warmed up, then the batch is sent ROUNDS times; the median, min and max are
printed. Timings are printed, never asserted. Everything listens on 127.0.0.1; every process started here is
stopped on exit.
"""
import http.client
import http.server
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid

LATENCY_MS = float(os.environ.get("LATENCY_MS", "20"))
CONCURRENCIES = [int(c) for c in os.environ.get("CONCURRENCIES", "1 8 32").split()]
ROUNDS = int(os.environ.get("ROUNDS", "15"))
WARMUP = int(os.environ.get("WARMUP", "3"))
EMAILS = int(os.environ.get("EMAILS", "50"))
GATEWAY_BIN = os.environ["GATEWAY_BIN"]
REPO = os.environ["REPO"]


class SlowDreadnode(http.server.BaseHTTPRequestHandler):
    """Answers POST /api/v1/org/{slug}/invitations after LATENCY_MS, like a one-invite backend."""

    protocol_version = "HTTP/1.1"

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no Nagle delay on small answers

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        time.sleep(LATENCY_MS / 1000)
        email = json.loads(body or b"{}").get("email", "")
        answer = json.dumps({
            "id": str(uuid.uuid4()), "organization_slug": "acme", "email": email, "role": "member",
            "status": "pending", "created_at": "2026-11-22T00:00:00Z", "expires_at": "2026-11-29T00:00:00Z",
            "email_sent": True,
        }).encode()
        head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len(answer)}\r\n\r\n"
        self.wfile.write(head.encode() + answer)  # one write: headers and body in one segment

    def log_message(self, *args):
        pass


def start_upstream():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowDreadnode)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def start_gateway(config, concurrency):
    env = dict(os.environ, GATEWAY_FANOUTCONCURRENCY=str(concurrency), LOG_LEVEL="error")
    process = subprocess.Popen(
        [GATEWAY_BIN, "serve", "--config", config], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    if not match:
        process.kill()
        sys.exit(f"the gateway did not start: {line!r}")
    return process, int(match.group(1))


def batch_once(port, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("POST", "/manage/api/invitations", body=body, headers={
        "Content-Type": "application/json", "Authorization": "Bearer bench"})
    response = connection.getresponse()
    payload = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    items = json.loads(payload)["data"]
    if response.status != 200 or len(items) != EMAILS or any(i["status"] != "success" for i in items):
        sys.exit(f"unexpected answer {response.status}: {payload[:300]!r}")
    return elapsed


def main():
    upstream = start_upstream()
    upstream_port = upstream.server_address[1]
    workdir = tempfile.mkdtemp(prefix="batch-bench-")
    config = os.path.join(workdir, "gateway.yaml")
    with open(config, "w") as file:
        file.write(
            "listen: {host: 127.0.0.1, port: 0}\n"
            f"mappings: {REPO}/mappings\n"
            "upstreams:\n"
            f"  - {{name: slow, dialect: dreadnode, url: 'http://127.0.0.1:{upstream_port}', timeoutSeconds: 30}}\n")
    emails = [f"user{i}@example.com" for i in range(EMAILS)]
    body = json.dumps({"emails": emails, "organizationId": "acme", "role": "member"})
    print(f"# {EMAILS}-email inkeep batch -> dreadnode stub with {LATENCY_MS:g} ms per call; "
          f"{ROUNDS} rounds after {WARMUP} warm-up; gateway {GATEWAY_BIN}")
    print(f"{'concurrency':>11} {'median ms':>10} {'min ms':>8} {'max ms':>8} {'ideal ms':>9}")
    for concurrency in CONCURRENCIES:
        process, port = start_gateway(config, concurrency)
        try:
            for _ in range(WARMUP):
                batch_once(port, body)
            times = [batch_once(port, body) * 1000 for _ in range(ROUNDS)]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=10)
        ideal = -(-EMAILS // concurrency) * LATENCY_MS
        print(f"{concurrency:>11} {statistics.median(times):>10.1f} {min(times):>8.1f} {max(times):>8.1f} {ideal:>9.0f}")
    upstream.shutdown()


if __name__ == "__main__":
    main()
