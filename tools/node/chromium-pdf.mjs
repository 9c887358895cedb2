// bench/chromium.sh's Chromium side: prints the median time Chromium
// (Debian's /usr/bin/chromium, warm: one browser and one page for all
// runs) takes to lay out the letter page given as argv[2] and print it to
// PDF, over argv[3] runs after a warm-up, and the PDF's bytes.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const html = readFileSync(process.argv[2], 'utf8');
const runs = Number(process.argv[3] || 30);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
const times = [];
let bytes = 0;
for (let i = 0; i < runs + 3; i++) {
  const start = process.hrtime.bigint();
  await page.setContent(html, { waitUntil: 'load' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  bytes = pdf.length;
  if (i >= 3) times.push(ms);
}
await browser.close();
times.sort((a, b) => a - b);
console.log(times[Math.floor(times.length / 2)].toFixed(3), bytes);
