#!/usr/bin/env bash
# Renders the same Urdu letter of UA 109/23 through warm headless Chromium
# (HTML -> PDF via playwright-core) and through ualetters (in process,
# compose -> layout -> PDF), and prints both medians and their ratio.
# Needs Debian's chromium and npm; installs playwright-core under bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-30}
[ -x /usr/bin/chromium ] || { echo "chromium.sh: /usr/bin/chromium missing (apt-get install -y chromium)" >&2; exit 2; }
if [ ! -d bench/node_modules/playwright-core ]; then
  (cd bench && npm install --no-save --no-audit --no-fund playwright-core@1 >/dev/null)
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ualbench" ./bench/ualbench
"$tmp/ualbench" -html "$tmp/letter.html" -fonts fonts
read -r chrome_ms chrome_bytes < <(node bench/chromium.mjs "$tmp/letter.html" "$runs")
ual_ms=$("$tmp/ualbench" -n $((runs * 10)))
printf 'Urdu letter of UA 109/23, median of %d warm renders each\n' "$runs"
printf '  chromium (playwright, HTML -> PDF): %9.3f ms  (%d bytes)\n' "$chrome_ms" "$chrome_bytes"
printf '  ualetters (compose -> layout -> PDF): %7.3f ms\n' "$ual_ms"
awk -v c="$chrome_ms" -v u="$ual_ms" 'BEGIN { printf "  ratio: ualetters is %.1fx faster\n", c / u }'
