// Drives the README's "Embedding in a website" examples in headless
// Chromium (Debian's /usr/bin/chromium through playwright-core) for
// cmd/ualetters' TestEmbeddingExamples.
//
//   node embed.mjs PLAIN_URL FETCH_URL FOREIGN_FETCH_URL OUT_DIR
//
// PLAIN_URL and FETCH_URL are the two example pages on the allowed
// origin, FOREIGN_FETCH_URL the fetch page on an origin the server does
// not allow. Prints one JSON line per case.
import { chromium } from 'playwright-core';
import { join } from 'node:path';

const [plainURL, fetchURL, foreignURL, outDir] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

// download submits the form on url with the given values and waits for
// the browser's download (or for timeout ms), returning what it saw.
async function download(name, url, form, values, timeout) {
  const page = await browser.newPage({ acceptDownloads: true });
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(url);
  await page.fill(`#${form} input[name=name]`, values.name);
  await page.selectOption(`#${form} select[name=lang]`, values.lang);
  const result = { case: name };
  try {
    const [dl] = await Promise.all([
      page.waitForEvent('download', { timeout }),
      page.click(`#${form} button`),
    ]);
    result.suggested = dl.suggestedFilename();
    result.file = join(outDir, `${name}-${result.suggested}`);
    await dl.saveAs(result.file);
  } catch (e) {
    result.noDownload = String(e.message || e).split('\n')[0];
  }
  const message = await page.$('#fetch-message');
  if (message) {
    await page.waitForFunction(() => document.getElementById('fetch-message').textContent !== '', null, { timeout: 3000 }).catch(() => {});
    result.message = await message.textContent();
  }
  result.consoleErrors = consoleErrors;
  await page.close();
  return result;
}

const cases = [
  await download('plain', plainURL, 'plain-form', { name: 'Amina Rahimi', lang: 'ur' }, 20000),
  await download('fetch', fetchURL, 'fetch-form', { name: 'Jane Doe', lang: 'en' }, 20000),
  // U+202E in a name is refused (400): the page must show the problem.
  await download('fetch-problem', fetchURL, 'fetch-form', { name: 'Jane \u202eDoe', lang: 'en' }, 3000),
  await download('foreign', foreignURL, 'fetch-form', { name: 'Jane Doe', lang: 'en' }, 3000),
];
await browser.close();
for (const c of cases) console.log(JSON.stringify(c));
