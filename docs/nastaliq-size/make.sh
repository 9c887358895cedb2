#!/usr/bin/env bash
# make.sh renders the Urdu model letter with the Nastaliq body at 11 pt
# (BEFORE: a ualetters binary built before the change) and at the measured
# size (AFTER), crops the address block and the first body lines of page 1
# and puts them side by side: side-by-side.png. Needs poppler-utils.
#   docs/nastaliq-size/make.sh BEFORE-BINARY AFTER-BINARY
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
args=(render -lang ur -paper a4 -name "Maria Muster" -city Zürich -date 2023-11-20)
"$1" "${args[@]}" -o "$tmp/before.pdf" >/dev/null
"$2" "${args[@]}" -o "$tmp/after.pdf" >/dev/null
for v in before after; do
  pdftoppm -r 100 -png -f 1 -l 1 -x 90 -y 205 -W 660 -H 585 "$tmp/$v.pdf" "$tmp/$v"
done
go run "$here/sidebyside.go" "$here/side-by-side.png" "$tmp"/before-1.png "$tmp"/after-1.png
echo "wrote $here/side-by-side.png"
