#!/usr/bin/env bash
# regen.sh regenerates testdata/shaping/golden.jsonl from corpus.tsv with
# Debian's hb-shape (package libharfbuzz-bin): every corpus entry is
# itemized by render/text and each item is shaped by real HarfBuzz with the
# same font file, script, language and direction.
#
#   testdata/shaping/regen.sh          rewrite golden.jsonl
#   testdata/shaping/regen.sh --check  regenerate into a temporary file and
#                                      fail (exit 1) on any difference
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
golden="$here/golden.jsonl"

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

if ! command -v hb-shape >/dev/null; then
  echo "regen.sh: hb-shape not found (apt-get install libharfbuzz-bin)" >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

cd "$root"
go build -o "$tmp/gen" ./testdata/shaping/gen

out="$golden"
if [ "$check" = 1 ]; then
  out="$tmp/golden.jsonl"
fi
"$tmp/gen" -corpus testdata/shaping/corpus.tsv -fonts fonts -hb-shape hb-shape -out "$out"

if [ "$check" = 1 ]; then
  if ! diff -u "$golden" "$out" >"$tmp/diff"; then
    echo "regen.sh: golden.jsonl differs from what hb-shape produces now:" >&2
    head -n 40 "$tmp/diff" | cut -c 1-400 >&2
    echo "regen.sh: run testdata/shaping/regen.sh to update it, and review the change" >&2
    exit 1
  fi
  echo "regen.sh: golden.jsonl matches hb-shape ($(head -c 200 "$golden" | grep -o '"hb_shape":"[^"]*"'))"
else
  echo "regen.sh: wrote $golden"
fi
