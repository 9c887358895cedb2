#!/usr/bin/env bash
# Load test: builds ualetters, starts it on loopback, drives it with wrk
# (Debian package wrk) for a bounded time with POSTs of the Urdu PDF letter
# of UA 109/23, and prints requests/s, latency percentiles, the non-2xx
# count and the server's peak resident memory (VmHWM). Then stops the
# server.
#
#   bench/load.sh                       20 s, 2 threads, 16 connections
#   DURATION=60s CONNECTIONS=32 bench/load.sh
#   SERVE_FLAGS="--max-renders 2" bench/load.sh   extra flags for the server
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-20s}
threads=${THREADS:-2}
connections=${CONNECTIONS:-16}
port=${PORT:-18011}

command -v wrk >/dev/null || { echo "load.sh: wrk missing (apt-get install -y wrk)" >&2; exit 2; }
tmp=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    wait "$pid" || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

go build -o "$tmp/ualetters" ./cmd/ualetters
# The server runs with its default admission (queue bounded by the
# expected wait); non-2xx answers are counted, not hidden.
UALETTERS_LOG_LEVEL=warn "$tmp/ualetters" serve --addr "127.0.0.1:$port" ${SERVE_FLAGS:-} 2>"$tmp/server.log" &
pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
  sleep 0.1
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null || { echo "load.sh: server did not start" >&2; cat "$tmp/server.log" >&2; exit 1; }

# One request first: the letter must render, and it warms the caches.
curl -sf -o "$tmp/first.pdf" -d lang=ur -d name='Amina Rahimi' "http://127.0.0.1:$port/v1/actions/109-23/letter"
echo "ualetters load test: Urdu PDF letter, $duration, $threads threads, $connections connections, $(nproc) CPUs"
wrk --latency -t "$threads" -c "$connections" -d "$duration" -s bench/load.lua "http://127.0.0.1:$port" | tee "$tmp/wrk.txt"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^ualetters_renders_rejected_total|^ualetters_render_duration_seconds_(sum|count)' || true
