#!/usr/bin/env bash
# samebytes.sh DIR — writes, with the CLI, the PDF, DOCX and PNG of the
# model letter and an own-words letter in every language of action 109-23
# on A4 and Letter, a fax TIFF and a fax batch ZIP, into DIR, and prints
# their SHA-256 sums (DIR/SHA256SUMS). A refactoring must leave every sum
# unchanged: run it before and after and compare the two files with diff.
set -euo pipefail
out=${1:?usage: tools/samebytes.sh DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$out"
bin="$out/ualetters"
(cd "$root" && go build -o "$bin" ./cmd/ualetters)
# Own words: each language's model body with its placeholders and gender
# variants resolved by hand (the third, unspecified alternative), so the
# own-words letter carries real text in the letter's script.
python3 - "$root/templates/actions/109-23" "$out" <<'PY'
import re, sys, yaml, pathlib
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("letter.*.yaml")):
    lang = f.name.split(".")[1]
    body = yaml.safe_load(f.read_text())["body"]
    body = re.sub(r"\{\{([^}|]*)\|([^}|]*)\|([^}|]*)\}\}", r"\3", body)
    body = re.sub(r"\{\{\s*date\s+([0-9-]+)\s*\}\}", r"\1", body)
    body = re.sub(r"\{\{[^}]*\}\}", "", body)
    body = re.sub(r"^- ", "", body, flags=re.M)
    (out / f"body.{lang}.txt").write_text(body + "\nSigned at 75500 Karachi, 0300-1234567.\n")
PY
signer=(-name "Ayesha Khan عائشہ" -address "House 12, Street 4" -postcode 75500 -city Karachi
	-country Pakistan -email ayesha@example.org -date 2023-11-15)
for lang in en fr de ur sd bal pnb; do
	for paper in a4 letter; do
		for words in model own; do
			body=()
			[ "$words" = own ] && body=(-body-file "$out/body.$lang.txt")
			for f in pdf docx png; do
				"$bin" render -action 109-23 -lang "$lang" -paper "$paper" "${signer[@]}" "${body[@]}" \
					-format "$f" -o "$out/$lang-$paper-$words.$f" 2>/dev/null
			done
		done
	done
done
"$bin" fax -action 109-23 -lang ur -recipient embassy-bern "${signer[@]}" -format tiff -o "$out/fax-ur.tiff" 2>/dev/null
"$bin" fax -action 109-23 -lang sd -all "${signer[@]}" -o "$out/faxes-sd.zip" 2>/dev/null
(cd "$out" && sha256sum -- *.pdf *.docx *.png *.tiff *.zip > SHA256SUMS)
wc -l < "$out/SHA256SUMS"
