#!/usr/bin/env bash
# Load test: builds ualetters, starts it on loopback, drives it with wrk
# (Debian package wrk) for a bounded time with POSTs of the benchmark
# letter (bench/ualbench/letter.go: one-page Urdu own words; LUA=name gives
# every request a signer name of its own), and prints requests/s, latency
# percentiles, the non-2xx count and the server's peak resident memory
# (VmHWM). Then stops the server.
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

. bench/server.sh
# The server runs with its default admission (queue bounded by the
# expected wait); non-2xx answers are counted, not hidden.
start_server load.sh ${SERVE_FLAGS:-}
go build -o "$tmp/ualbench" ./bench/ualbench
"$tmp/ualbench" -lua "${LUA:-same}" >"$tmp/letter.lua"

# One request first: the letter must render, and it warms the caches.
curl -sf -o "$tmp/first.pdf" -d @<("$tmp/ualbench" -form) "http://127.0.0.1:$port/v1/actions/109-23/letter"
echo "ualetters load test: benchmark letter (${LUA:-same}), $duration, $threads threads, $connections connections, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
wrk --latency -t "$threads" -c "$connections" -d "$duration" -s "$tmp/letter.lua" "http://127.0.0.1:$port" | tee "$tmp/wrk.txt"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^ualetters_renders_rejected_total|^ualetters_render_duration_seconds_(sum|count)' || true
