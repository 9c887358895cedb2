#!/usr/bin/env bash
# Admission under abuse: builds ualetters and starts it with its default
# configuration, then for DURATION drives it with two wrk at once:
#   - ATTACK connections (default 8) sending the costliest fax batch the
#     limits accept (bench/batch.lua: TIFF, 3 × 11 pages), and
#   - LETTERS connections (default 4) sending the benchmark letter (one-page
#     Urdu own words, bench/ualbench -lua same).
# It prints, for the letters, the success rate and latency percentiles
# (the goal: >= 90% success and p99 <= 300 ms on 2 cores), the batches'
# answers, the 503 count from /metrics and the server's peak RSS.
#
#   bench/admission.sh
#   DURATION=30s ATTACK=8 LETTERS=4 bench/admission.sh
#   SERVE_FLAGS="--heavy-renders 2" bench/admission.sh
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${DURATION:-20s}
attack=${ATTACK:-8}
letters=${LETTERS:-4}
port=${PORT:-18011}

. bench/server.sh
start_server admission.sh ${SERVE_FLAGS:-}
go build -o "$tmp/ualbench" ./bench/ualbench
"$tmp/ualbench" -lua same >"$tmp/letter.lua"

# Warm up, and check that the attack request is accepted (200, not 422).
curl -sf -o /dev/null -d @<("$tmp/ualbench" -form) "http://127.0.0.1:$port/v1/actions/109-23/letter"
code=$(curl -s -o "$tmp/batch.zip" -w '%{http_code}' -d lang=en -d format=tiff -d name=M -d date=2023-11-20 \
  --data-urlencode "body=$(printf 'a\n%.0s' $(seq 425))a" "http://127.0.0.1:$port/v1/actions/109-23/faxes")
[ "$code" = 200 ] || { echo "admission.sh: the attack batch is not accepted ($code)" >&2; exit 1; }
echo "ualetters admission test, default configuration, $(nproc) CPUs, $duration:"
echo "  $attack connections of fax batches (TIFF, $(unzip -p "$tmp/batch.zip" manifest.json | grep -o '"pages": *[0-9]*' | tr -d '" ' | paste -sd' ')), $letters connections of Urdu letters"

# ATTACK=0 measures the letters alone, for comparison on a busy machine.
attack_pid=
if [ "$attack" -gt 0 ]; then
  wrk -t 1 -c "$attack" -d "$duration" -s bench/batch.lua "http://127.0.0.1:$port" >"$tmp/attack.txt" &
  attack_pid=$!
fi
wrk --latency -t 1 -c "$letters" -d "$duration" -s "$tmp/letter.lua" "http://127.0.0.1:$port" >"$tmp/letters.txt"
[ -z "$attack_pid" ] || wait "$attack_pid"

reqs=$(awk '/requests in/ {print $1}' "$tmp/letters.txt")
bad=$(awk '/^non-2xx/ {print $2}' "$tmp/letters.txt")
echo "letters: $reqs requests, $bad not 2xx, success $(awk -v r="$reqs" -v b="$bad" 'BEGIN {printf "%.1f%%", r ? 100 * (r - b) / r : 0}')"
grep -E '^latency-ms' "$tmp/letters.txt" | sed 's/^/letters: /'
[ -z "$attack_pid" ] || grep -E '^batches' "$tmp/attack.txt"
curl -s "http://127.0.0.1:$port/metrics" | grep -E '^ualetters_renders_rejected_total' || true
echo "server peak RSS: $(awk '/VmHWM/ {printf "%.1f MB", $2/1024}' "/proc/$pid/status")"
