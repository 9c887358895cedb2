#!/usr/bin/env bash
# Memory under unique letters: builds ualetters, starts it (with
# GOMEMLIMIT=$GOMEMLIMIT when set, as Kubernetes sets it from the
# container's limit) and for $DURATION drives it with wrk at $CONNECTIONS
# connections, every request the benchmark letter with unique Urdu own
# words (bench/ualbench -lua words), so no paragraph repeats and the
# caches fill to their bounds. Prints letters/s, latency, the server's
# resident memory every 10 s and at its peak (VmHWM), the Go heap and
# what the render caches hold.
#
#   bench/memory.sh                           60 s, 8 connections
#   GOMEMLIMIT=100MiB bench/memory.sh
#   DURATION=30s CONNECTIONS=16 PORT=18016 bench/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-60s}
connections=${CONNECTIONS:-8}
port=${PORT:-18016}
url="http://127.0.0.1:$port"

. bench/server.sh
start_server memory.sh ${SERVE_FLAGS:-}
go build -o "$tmp/ualbench" ./bench/ualbench
"$tmp/ualbench" -lua words -format pdf >"$tmp/words.lua"
rss() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$pid/status"; }

echo "ualetters memory: unique Urdu own words, $connections connections, $duration, GOMEMLIMIT=${GOMEMLIMIT:-unset}"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg); server RSS at start $(rss) MB"
wrk -t 2 -c "$connections" -d "$duration" -s "$tmp/words.lua" "$url" >"$tmp/wrk.txt" &
wrk_pid=$!
samples=()
while kill -0 "$wrk_pid" 2>/dev/null; do
  sleep 10
  kill -0 "$pid" 2>/dev/null || { echo "memory.sh: the server died" >&2; exit 1; }
  samples+=("$(rss)")
done
wait "$wrk_pid"
grep -E '^(non-2xx|latency-ms|rate)' "$tmp/wrk.txt"
echo "RSS every 10 s (MB): ${samples[*]}"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
curl -s "$url/metrics" | awk '
  /^go_memstats_heap_inuse_bytes / {printf "Go heap in use: %.1f MB\n", $2/1048576}
  /^go_memstats_next_gc_bytes / {printf "next GC at: %.1f MB\n", $2/1048576}
  /^ualetters_cache_bytes\{/ {printf "  %s %.1f MB\n", $1, $2/1048576}'
