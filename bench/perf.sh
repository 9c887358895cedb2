#!/usr/bin/env bash
# The README's performance table: builds ualetters and bench/ualbench,
# starts the server on loopback and drives it with wrk, POSTing THE
# benchmark letter (bench/ualbench/letter.go: one-page Urdu own words) as
# the form a website sends. Prints, side by side in one run:
#   - latency with 1 connection (p50, p99) for PDF and DOCX, with the same
#     request every time, a unique signer name per request and (PDF) unique
#     own words per request;
#   - 8 connections: letters/s, p50, p99 and the server's CPU time per
#     letter (from /proc, so it holds on a busy machine) and the letters a
#     second that makes on all CPUs;
#   - cost growth for 1, 2, 5 and 10 pages: HTTP p50 (1 connection), the
#     in-process median (ualbench) and the bytes;
#   - the server's peak RSS and what its render caches hold.
# The machine's load is printed first: compare rows of one run, not runs.
#
#   bench/perf.sh                      10 s per row
#   DURATION=30s PORT=18016 bench/perf.sh
#   SERVE_FLAGS="--max-renders 2" bench/perf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-10s}
port=${PORT:-18016}
url="http://127.0.0.1:$port"

. bench/server.sh
start_server perf.sh ${SERVE_FLAGS:-}
go build -o "$tmp/ualbench" ./bench/ualbench
hz=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }

# wrk_row NAME CONNECTIONS LUA: one wrk run; prints the row and keeps the
# figures in $rate $p50 $p99 $cpu_ms.
wrk_row() {
  local name=$1 conns=$2 lua=$3 threads=1 c0 c1
  [ "$conns" -gt 1 ] && threads=2
  c0=$(cpu_ticks)
  wrk -t "$threads" -c "$conns" -d "$duration" -s "$lua" "$url" >"$tmp/wrk.txt"
  c1=$(cpu_ticks)
  grep -q '^non-2xx 0$' "$tmp/wrk.txt" || { echo "perf.sh: $name: $(grep non-2xx "$tmp/wrk.txt") answers" >&2; }
  rate=$(awk '/^rate/ {print $2}' "$tmp/wrk.txt")
  p50=$(awk '/^latency-ms/ {print $3}' "$tmp/wrk.txt")
  p99=$(awk '/^latency-ms/ {print $7}' "$tmp/wrk.txt")
  cpu_ms=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v r="$rate" -v d="${duration%s}" 'BEGIN {printf "%.3f", 1000 * t / hz / (r * d)}')
  printf '%-34s %5d %10.1f %9.3f %9.3f %9.3f %10.0f\n' "$name" "$conns" "$rate" "$p50" "$p99" "$cpu_ms" "$(awk -v c="$cpu_ms" -v n="$(nproc)" 'BEGIN {print 1000 / c * n}')"
}

lua() { # MODE FORMAT [PAGES]
  local f="$tmp/$1-$2-${3:-1}.lua"
  "$tmp/ualbench" -lua "$1" -format "$2" -pages "${3:-1}" >"$f"
  echo "$f"
}

# Warm up and check the letter: one page, and the form the scripts send.
"$tmp/ualbench" -form -format pdf >"$tmp/form"
curl -sf -o "$tmp/letter.pdf" -d @"$tmp/form" "$url/v1/actions/109-23/letter"
pages=$(pdfinfo "$tmp/letter.pdf" 2>/dev/null | awk '/^Pages/ {print $2}' || echo "?")
echo "ualetters perf: benchmark letter (Urdu own words, $pages page, $(stat -c %s "$tmp/letter.pdf") bytes), $duration per row"
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), $(go version | cut -d' ' -f3)"
for m in same name words; do wrk -t 1 -c 1 -d 2s -s "$(lua $m pdf)" "$url" >/dev/null; done
wrk -t 1 -c 1 -d 2s -s "$(lua same docx)" "$url" >/dev/null

printf '\n%-34s %5s %10s %9s %9s %9s %10s\n' "request" conns letters/s "p50 ms" "p99 ms" "CPU ms" "/s on CPUs"
wrk_row "PDF, same request" 1 "$(lua same pdf)"
wrk_row "PDF, unique signer name" 1 "$(lua name pdf)"
wrk_row "PDF, unique own words" 1 "$(lua words pdf)"
wrk_row "DOCX, same request" 1 "$(lua same docx)"
wrk_row "DOCX, unique signer name" 1 "$(lua name docx)"
wrk_row "PDF, same request" 8 "$(lua same pdf)"
wrk_row "PDF, unique signer name" 8 "$(lua name pdf)"
wrk_row "DOCX, unique signer name" 8 "$(lua name docx)"

printf '\ncost growth, PDF: over HTTP with a unique signer name (wrk, 1 connection; server CPU per letter),\n'
printf 'in process with the same request (median and CPU per letter)\n'
printf '%-6s %9s %12s %12s %12s %10s\n' pages "HTTP p50" "HTTP CPU ms" "in-proc p50" "in-proc CPU" bytes
for p in 1 2 5 10; do
  c0=$(cpu_ticks)
  wrk -t 1 -c 1 -d "$duration" -s "$(lua name pdf $p)" "$url" >"$tmp/wrk.txt"
  c1=$(cpu_ticks)
  http_cpu=$(awk -v t=$((c1 - c0)) -v hz="$hz" -v r="$(awk '/^rate/ {print $2}' "$tmp/wrk.txt")" -v d="${duration%s}" \
    'BEGIN {printf "%.3f", 1000 * t / hz / (r * d)}')
  read -r ms bytes got cpu < <("$tmp/ualbench" -pages "$p" -n 100)
  printf '%-6s %9.3f %12.3f %12.3f %12.3f %10d\n' "$got" "$(awk '/^latency-ms/ {print $3}' "$tmp/wrk.txt")" "$http_cpu" "$ms" "$cpu" "$bytes"
done

echo
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
curl -s "$url/metrics" | awk '/^ualetters_cache_(bytes|hits_total|misses_total)\{/ {printf "  %s %s\n", $1, $2}'
