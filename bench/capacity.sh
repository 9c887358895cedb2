#!/usr/bin/env bash
# Capacity figures for deploy/kubernetes and the README's capacity model:
# builds ualetters, starts it with --max-renders $RENDERS, drives it with
# wrk for $DURATION per document kind, and prints for each kind the
# server's CPU time per document (utime+stime from /proc, so the figure
# holds on a busy machine where wall-clock rates do not), the documents
# per CPU-second that follow, and the server's peak resident memory.
#
#   bench/capacity.sh                      benchmark letter (one-page Urdu own words),
#                                          Urdu model letter (3 pages, the costliest letter),
#                                          English PDF letter, Urdu fax TIFF
#   DURATION=30s RENDERS=2 PORT=18014 bench/capacity.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-15s}
renders=${RENDERS:-2}
connections=${CONNECTIONS:-8}
port=${PORT:-18089}

. bench/server.sh
start_server capacity.sh --max-renders "$renders" --queue "$connections"
go build -o "$tmp/ualbench" ./bench/ualbench

# cpu_ticks is the server's user + system CPU time in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# ok_count is the number of 2xx answers the server has counted.
ok_count() {
  curl -s "http://127.0.0.1:$port/metrics" |
    awk '/^ualetters_http_requests_total\{/ && /status="2/ {n += $NF} END {printf "%d", n}'
}

hz=$(getconf CLK_TCK)
echo "ualetters capacity: --max-renders $renders, $connections connections, $duration per kind, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-22s %9s %12s %16s\n' kind documents "CPU ms/doc" "docs/CPU-second"
run() { # name path body
  local name=$1 path=$2 body=$3
  cat >"$tmp/req.lua" <<LUA
wrk.method = "POST"
wrk.path = "$path"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "$body"
LUA
  curl -sf -o /dev/null -d "$body" "http://127.0.0.1:$port$path"
  local c0 n0 c1 n1
  c0=$(cpu_ticks); n0=$(ok_count)
  wrk -t 2 -c "$connections" -d "$duration" -s "$tmp/req.lua" "http://127.0.0.1:$port" >"$tmp/wrk-$name.txt"
  c1=$(cpu_ticks); n1=$(ok_count)
  awk -v n=$((n1 - n0)) -v t=$((c1 - c0)) -v hz="$hz" -v name="$name" \
    'BEGIN {s = t / hz; printf "%-22s %9d %12.2f %16.0f\n", name, n, 1000 * s / n, n / s}'
}
run benchmark-letter /v1/actions/109-23/letter "$("$tmp/ualbench" -form)"
run urdu-model-letter /v1/actions/109-23/letter "lang=ur&name=Amina%20Rahimi&city=Lahore&gender=female&date=2023-11-20"
run english-pdf-letter /v1/actions/109-23/letter "lang=en&name=Jane%20Doe&city=London&date=2023-11-20"
run urdu-fax-tiff /v1/actions/109-23/fax "lang=ur&name=Amina%20Rahimi&recipient=interior&format=tiff&date=2023-11-20"
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
