// pdftext.mjs prints what pdf.js (pdfjs-dist) extracts from a PDF: the text
// of getTextContent, one line per text item end-of-line, or with --struct
// the structure tree of every page as JSON.
//
//   node tools/node/pdftext.mjs letter.pdf            # text
//   node tools/node/pdftext.mjs --struct letter.pdf   # getStructTree per page
if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
const { readFile } = await import("node:fs/promises");
const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");

const args = process.argv.slice(2);
const struct = args[0] === "--struct";
const file = struct ? args[1] : args[0];
if (!file) {
  console.error("usage: node pdftext.mjs [--struct] file.pdf");
  process.exit(2);
}
const data = new Uint8Array(await readFile(file));
const doc = await pdfjs.getDocument({ data, verbosity: 0, isEvalSupported: false }).promise;
const out = [];
for (let p = 1; p <= doc.numPages; p++) {
  const page = await doc.getPage(p);
  if (struct) {
    out.push(await page.getStructTree());
    continue;
  }
  const tc = await page.getTextContent();
  let s = "";
  for (const it of tc.items) {
    if (it.str !== undefined) s += it.str;
    if (it.hasEOL) s += "\n";
  }
  out.push(s);
}
process.stdout.write(struct ? JSON.stringify(out, null, 1) + "\n" : out.join("\f\n") + "\n");
