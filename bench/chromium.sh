#!/usr/bin/env bash
# ualetters against warm headless Chromium on THE benchmark letter
# (bench/ualbench/letter.go: one-page Urdu own words), in one run:
#   - Chromium (Debian's /usr/bin/chromium driven by playwright-core from
#     tools/node; one browser and one page for all runs): setContent of the
#     composed letter as HTML with the same fonts, then page.pdf;
#   - the running ualetters service over HTTP: wrk with one connection
#     POSTing the letter, the same request every time and with a unique
#     signer name per request (so nothing keyed by the request can answer);
#   - ualetters in process (compose -> layout -> PDF), as a second line.
# Prints the medians and the ratios, and the machine's load.
#
#   bench/chromium.sh                 RUNS=30 Chromium renders, 10 s of wrk
#   RUNS=50 DURATION=20s PORT=18016 bench/chromium.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-30}
duration=${DURATION:-10s}
port=${PORT:-18016}
url="http://127.0.0.1:$port"
[ -x /usr/bin/chromium ] || { echo "chromium.sh: /usr/bin/chromium missing (apt-get install -y chromium)" >&2; exit 2; }
[ -d tools/node/node_modules/playwright-core ] || (cd tools/node && npm ci --no-audit --no-fund >/dev/null)

. bench/server.sh
start_server chromium.sh ${SERVE_FLAGS:-}
go build -o "$tmp/ualbench" ./bench/ualbench
"$tmp/ualbench" -html "$tmp/letter.html" -fonts fonts

p50() { # LUA: median latency in ms of wrk with one connection
  wrk -t 1 -c 1 -d "$duration" -s "$1" "$url" | awk '/^latency-ms/ {print $3}'
}
"$tmp/ualbench" -lua same >"$tmp/same.lua"
"$tmp/ualbench" -lua name >"$tmp/name.lua"
wrk -t 1 -c 1 -d 2s -s "$tmp/same.lua" "$url" >/dev/null # warm up
echo "machine: $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg) before the run"
read -r chrome_ms chrome_bytes < <(node tools/node/chromium-pdf.mjs "$tmp/letter.html" "$runs")
http_same=$(p50 "$tmp/same.lua")
http_name=$(p50 "$tmp/name.lua")
read -r ual_ms ual_bytes _ _ < <("$tmp/ualbench" -n $((runs * 20)))
echo "machine: load $(cut -d' ' -f1-3 /proc/loadavg) after the run"
printf 'Benchmark letter (Urdu own words, one page), medians:\n'
printf '  chromium (playwright, setContent + page.pdf):  %8.3f ms  (%d bytes, %d runs)\n' "$chrome_ms" "$chrome_bytes" "$runs"
printf '  ualetters over HTTP, same request:              %8.3f ms  (wrk, 1 connection, %s)\n' "$http_same" "$duration"
printf '  ualetters over HTTP, unique signer name:        %8.3f ms\n' "$http_name"
printf '  ualetters in process (compose -> layout -> PDF): %7.3f ms  (%d bytes)\n' "$ual_ms" "$ual_bytes"
awk -v c="$chrome_ms" -v s="$http_same" -v n="$http_name" -v u="$ual_ms" 'BEGIN {
  printf "  ratio over HTTP: %.0fx (same request), %.0fx (unique name); in process: %.0fx\n", c / s, c / n, c / u }'
