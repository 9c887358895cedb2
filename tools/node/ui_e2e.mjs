// End-to-end test of the letter builder page (GET /) in Debian's chromium,
// driven by playwright-core the way a person uses it: controls are found
// by their labels and buttons by their names.
//
//   node ui_e2e.mjs BASE_URL OUT_DIR            # a server without API keys
//   node ui_e2e.mjs BASE_URL OUT_DIR KEY        # a server whose API key is KEY
//
// It writes the downloads and screenshots (desktop 1280 and phone 390
// wide) to OUT_DIR, prints a JSON summary on stdout for the Go test to
// check the files, and exits 1 with the reason on the first failure, on
// any console error it did not provoke on purpose, and on any request to
// another origin.
import { chromium } from 'playwright-core';
import { join } from 'node:path';

const [base, out, apiKey] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node ui_e2e.mjs BASE_URL OUT_DIR [API_KEY]');
  process.exit(2);
}
const origin = new URL(base).origin;
const TIMEOUT = 20000;

// Each phase names the console errors it provokes on purpose: Chromium
// reports every 4xx answer of fetch as "Failed to load resource".
const expectedErrors = { chinese: /status of 422/, 'no-key': /status of 401/ };
let phase = 'start';
const consoleErrors = [];
const foreign = [];
const letterRequests = [];

function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function poll(fn, what, timeout = TIMEOUT) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function watch(page) {
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const allowed = expectedErrors[phase];
    if (!(allowed && allowed.test(m.text()))) consoleErrors.push(`[${phase}] ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`[${phase}] page error: ${e.message}`));
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.protocol !== 'blob:' && u.origin !== origin) foreign.push(r.url());
    if (u.pathname.endsWith('/letter')) letterRequests.push(r.url());
  });
}

// previewState describes the preview: a hash of every page's pixels (so a
// change of the letter is a change of the hash), sizes and alt texts.
async function previewState(page) {
  return page.evaluate(async () => {
    const imgs = [...document.querySelectorAll('#pages img')];
    let h = 0x811c9dc5;
    const pages = [];
    for (const img of imgs) {
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < px.length; i += 4) h = Math.imul(h ^ px[i], 0x01000193) >>> 0;
      pages.push({ w: img.naturalWidth, h: img.naturalHeight, alt: img.alt });
    }
    return { hash: imgs.length ? h.toString(16) : '', pages, busy: document.getElementById('pages').hasAttribute('aria-busy') };
  });
}

// previewSources is the cheap sign of a new preview: the images' blob
// URLs, which the page replaces whenever it shows a new render.
async function previewSources(page) {
  return page.evaluate(() => document.getElementById('pages').hasAttribute('aria-busy') ? null
    : [...document.querySelectorAll('#pages img')].map((i) => i.src).join(' '));
}

// waitPreviewChange waits for a preview whose pixels differ from the
// hash before ('' for none yet); it hashes only when new images appear.
async function waitPreviewChange(page, before, what) {
  let seen = null;
  return poll(async () => {
    const srcs = await previewSources(page);
    if (!srcs || srcs === seen) return null;
    seen = srcs;
    const s = await previewState(page);
    return s.hash && s.hash !== before && !s.busy ? s : null;
  }, what);
}

async function describedBy(page, locator) {
  const ids = (await locator.getAttribute('aria-describedby')) || '';
  const texts = [];
  for (const id of ids.split(/\s+/).filter(Boolean)) {
    texts.push(await page.locator('#' + id).textContent());
  }
  return texts.join(' | ');
}

async function download(page, name, file) {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: TIMEOUT }),
    page.getByRole('button', { name, exact: true }).click(),
  ]);
  const path = join(out, file);
  await dl.saveAs(path);
  return { path, suggested: dl.suggestedFilename() };
}

async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// desktop fills the whole form by its labels and walks through preview,
// language switch, downloads and the Chinese-name error.
async function desktop(browser, catalogue) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  watch(page);
  phase = 'load';
  await page.goto(base + '/');
  const act = catalogue.actions[0];
  await checkActionList(page, act);
  const first = await fillForm(page);
  const typed = await typeName(page, first);
  const urdu = await switchToUrdu(page, act, typed);
  phase = 'downloads';
  const files = {
    pdf: await download(page, 'Download PDF', 'letter.pdf'),
    docx: await download(page, 'Download DOCX', 'letter.docx'),
    tiff: await download(page, 'Download fax (TIFF)', 'fax.tiff'),
    zip: await download(page, 'Download all faxes (ZIP)', 'faxes.zip'),
  };
  const message = await nameErrors(page, urdu);
  await keyboard(page);
  await ctx.close();
  return { files, pages: urdu.pages.length, typingRequests: typed.requests, typingRounds: typed.rounds, previewMs: typed.ms, message };
}

// checkActionList: English title, open or closed by the deadline in the
// action's time zone, every language and its review marks.
async function checkActionList(page, act) {
  const action = page.getByLabel('Action', { exact: true });
  await poll(async () => (await action.locator('option').count()) > 0, 'the actions');
  await action.selectOption(act.id);
  check(await page.getByLabel('API key').count() === 0, 'API key field shown on a server without keys');
  const list = page.locator('#action-list');
  const text = await list.textContent();
  check(text.includes(act.title.en), 'action list lacks the English title');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: act.time_zone }).format(new Date());
  const open = typeof act.open === 'boolean' ? act.open : today <= act.deadline;
  check(open === (today <= act.deadline), 'the catalogue says open=' + act.open + ' on ' + today);
  check(text.includes(open ? 'open until' : 'closed since'), `action list should say ${open ? 'open' : 'closed'}`);
  for (const l of act.languages) check(text.includes(l.english_name), 'action list lacks ' + l.english_name);
  const review = act.languages.filter((l) => l.needs_native_review).length;
  const shown = await list.locator('.langs').getByText('needs native review', { exact: true }).count();
  check(shown === review, `${shown} "needs native review" badges for ${review} such languages`);
  const meta = await list.locator('.meta').first().textContent();
  check(!meta.includes('draft translation'), 'a "draft translation" badge on the English source: ' + meta);
}

// fillForm fills every control by its label and waits for the first preview.
async function fillForm(page) {
  phase = 'fill';
  await page.getByLabel('Language', { exact: true }).selectOption('en');
  await page.getByLabel('Gender').selectOption('female');
  await page.getByLabel('Paper').selectOption('a4');
  await page.getByLabel('Address').fill('Flat 2\n10 High Street');
  await page.getByLabel('Postcode').fill('3011');
  await page.getByLabel('City').fill('Bern');
  await page.getByLabel('Country').fill('Switzerland');
  await page.getByLabel('Email').fill('jane@example.org');
  await page.getByLabel('Own words').fill('');
  await page.getByLabel('Recipient').selectOption('interior');
  await page.getByLabel('Name', { exact: true }).fill('Jane Doe');
  return waitPreviewChange(page, '', 'the first preview');
}

// typeName types a name a key every 60 ms: the preview changes once per
// pause of 300 ms or more between keys (a loaded machine may make a few),
// not once per key. The page records when each key arrived.
async function typeName(page, before) {
  phase = 'typing';
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('');
  await page.waitForTimeout(50);
  await name.evaluate((e) => {
    window.keyTimes = [];
    e.addEventListener('input', () => window.keyTimes.push(performance.now()));
  });
  const sent = letterRequests.length;
  await name.pressSequentially('Amina Rahimi', { delay: 60 });
  const lastKey = Date.now();
  const typed = await waitPreviewChange(page, before.hash, 'the preview to change after typing a name');
  typed.ms = Date.now() - lastKey;
  await page.waitForTimeout(400);
  const times = await page.evaluate(() => window.keyTimes);
  typed.rounds = 1 + times.slice(1).filter((t, i) => t - times[i] >= 300).length;
  typed.requests = letterRequests.length - sent;
  check(typed.rounds < times.length, 'every key came 300 ms or more after the last: the machine is too slow to judge the debounce');
  check(typed.requests <= typed.rounds * typed.pages.length,
    `typing ${times.length} characters with ${typed.rounds - 1} pauses sent ${typed.requests} preview requests for a ${typed.pages.length}-page letter: not debounced`);
  return typed;
}

// switchToUrdu: the preview changes, its pages are A4 at 96 dpi with
// their alt texts, the action's title turns Urdu and right-to-left.
async function switchToUrdu(page, act, before) {
  phase = 'urdu';
  await page.getByLabel('Language', { exact: true }).selectOption('ur');
  const urdu = await waitPreviewChange(page, before.hash, 'the Urdu preview');
  urdu.pages.forEach((p, i) => {
    check(p.w === 794 && p.h === 1123, `page ${i + 1} is ${p.w}×${p.h}, want 794×1123`);
    check(p.alt === `Preview page ${i + 1}`, `page ${i + 1} has alt "${p.alt}"`);
  });
  const list = page.locator('#action-list');
  const title = list.locator('.title').first();
  check((await title.textContent()) === act.title.ur, 'the action title is not the Urdu one');
  check(await title.getAttribute('dir') === 'rtl', 'the Urdu title is not right-to-left');
  const meta = await list.locator('.meta').first().textContent();
  check(meta.includes('draft translation'), 'no "draft translation" badge for Urdu: ' + meta);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, 'desktop.png') });
  await page.screenshot({ path: join(out, 'desktop-full.png'), fullPage: true });
  return urdu;
}

// nameErrors: an Urdu name turns the field right to left; a Chinese name
// puts the API's message under Name and keeps the last good preview; a
// good name clears the message.
async function nameErrors(page, before) {
  phase = 'urdu-name';
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('آمنہ رحیمی');
  check(await name.evaluate((e) => e.matches(':dir(rtl)')), 'the Name field does not turn right-to-left for an Urdu name');
  const good = await waitPreviewChange(page, before.hash, 'the preview with an Urdu name');

  phase = 'chinese';
  await name.fill('张伟');
  await poll(async () => (await name.getAttribute('aria-invalid')) === 'true', 'aria-invalid on Name');
  const message = await describedBy(page, name);
  check(/U\+5F20/.test(message) && message.includes('张'), 'Name is not described by the uncovered-characters message: ' + message);
  check((await previewState(page)).hash === good.hash, 'the last good preview was not kept');
  await name.evaluate((e) => e.closest('fieldset').scrollIntoView());
  await page.screenshot({ path: join(out, 'error.png') });

  phase = 'recover';
  await name.fill('Amina Rahimi');
  await poll(async () => (await name.getAttribute('aria-invalid')) === null, 'the error to clear');
  check(!(await describedBy(page, name)).includes('U+5F20'), 'the old message still describes Name');
  return message;
}

// keyboard tabs through the page from the top: every control in reading
// order, each with a visible focus outline, then downloads with Enter.
async function keyboard(page) {
  phase = 'keyboard';
  await page.reload();
  const action = page.getByLabel('Action', { exact: true });
  await poll(async () => (await action.locator('option').count()) > 0, 'the actions after reload');
  const want = ['action', 'lang', 'gender', 'paper', 'name', 'address', 'postcode', 'city', 'country',
    'email', 'body', 'recipient', ...(apiKey ? ['apikey'] : []),
    'Download PDF', 'Download DOCX', 'Download fax (TIFF)', 'Download all faxes (ZIP)'];
  const got = [];
  for (let i = 0; i < want.length; i++) {
    await page.keyboard.press('Tab');
    const f = await page.evaluate(() => {
      const e = document.activeElement;
      const s = getComputedStyle(e);
      return { id: e.id || e.textContent.trim(), visible: e.matches(':focus-visible'),
        outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    check(f.visible && f.outline !== 'none' && f.width >= 2, `focus on ${f.id} is not visibly outlined (${f.outline} ${f.width}px)`);
    got.push(f.id);
  }
  check(JSON.stringify(got) === JSON.stringify(want), 'Tab order ' + got.join(', ') + '; want ' + want.join(', '));
  // keyboard only: back to Name, type, then Enter on Download PDF
  for (let i = 0; i < want.length - 1 - want.indexOf('name'); i++) await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('Keyboard User');
  for (let i = 0; i < want.indexOf('Download PDF') - want.indexOf('name'); i++) await page.keyboard.press('Tab');
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: TIMEOUT }), page.keyboard.press('Enter')]);
  await dl.saveAs(join(out, 'keyboard.pdf'));
}

// phone checks the page fits 390 px without sideways scrolling.
async function phone(browser) {
  phase = 'phone';
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
    isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  watch(page);
  await page.goto(base + '/');
  await poll(async () => (await page.getByLabel('Action', { exact: true }).locator('option').count()) > 0, 'the actions');
  if (apiKey) await page.getByLabel('API key').fill(apiKey);
  await page.getByLabel('Language', { exact: true }).selectOption('ur');
  await page.getByLabel('Name', { exact: true }).fill('Amina Rahimi');
  await waitPreviewChange(page, '', 'the phone preview');
  const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, win: window.innerWidth }));
  check(widths.doc <= widths.win, `the page is ${widths.doc} px wide on a ${widths.win} px phone`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, 'phone.png') });
  await page.screenshot({ path: join(out, 'phone-full.png'), fullPage: true });
  await ctx.close();
  return widths;
}

// statuses shows translation states the page does not know (a newer
// server's) as written, and needs_native_review as its own badge: the
// catalogue answer is altered in flight, the rest of the page is real.
async function statuses(browser) {
  phase = 'statuses';
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  watch(page);
  await page.route('**/v1/actions', async (route) => {
    const res = await route.fetch();
    const body = await res.json();
    for (const l of body.actions[0].languages) {
      if (l.code === 'de') l.status = 'machine_translated';
      if (l.code === 'bal') l.needs_native_review = true;
    }
    await route.fulfill({ response: res, json: body });
  });
  await page.goto(base + '/');
  const lang = page.getByLabel('Language', { exact: true });
  await poll(async () => (await lang.locator('option').count()) > 0, 'the languages');
  const options = await lang.locator('option').allTextContents();
  check(options.some((o) => o.includes('German (machine translated)')), 'unknown status not in the language choice: ' + options);
  check(options.some((o) => o.includes('Balochi (draft translation, needs native review)')), 'no native-review mark: ' + options);
  const langs = page.locator('#action-list .langs');
  check(await langs.getByText('machine translated', { exact: true }).count() === 1, 'no badge for the unknown status');
  check(await langs.getByText('needs native review', { exact: true }).count() === 1, 'no needs-native-review badge');
  await ctx.close();
}

// withKey checks the API key field: a preview without a key shows the 401
// under it; the key lives in sessionStorage only and survives a reload.
async function withKey(browser) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await ctx.newPage();
  watch(page);
  phase = 'no-key';
  await page.goto(base + '/');
  await poll(async () => (await page.getByLabel('Action', { exact: true }).locator('option').count()) > 0, 'the actions');
  const key = page.getByLabel('API key');
  const name = page.getByLabel('Name', { exact: true });
  await name.fill('Jane Doe');
  await poll(async () => (await key.getAttribute('aria-invalid')) === 'true', 'the 401 under API key');
  const message = await describedBy(page, key);
  phase = 'key';
  await key.fill(apiKey);
  await waitPreviewChange(page, '', 'the preview with a key');
  const stores = await page.evaluate(() => ({ session: sessionStorage.getItem('ualetters.apiKey'),
    local: localStorage.length, cookie: document.cookie }));
  check(stores.session === apiKey, 'the key is not in sessionStorage');
  check(stores.local === 0 && stores.cookie === '', 'the key leaked to localStorage or a cookie');
  await page.reload();
  await poll(async () => (await key.inputValue()) === apiKey, 'the key to survive a reload');
  await name.fill('Jane Doe');
  const pdf = await download(page, 'Download PDF', 'keyed.pdf');
  await keyboard(page);
  const fresh = await ctx.newPage();
  await fresh.goto(base + '/');
  const other = await fresh.getByLabel('API key').inputValue();
  check(other === '', 'a new tab sees the key: it is not per-tab');
  await ctx.close();
  return { message, pdf };
}

const browser = await launch();
let result;
try {
  const catalogue = await (await fetch(base + '/v1/actions')).json();
  result = apiKey ? { key: await withKey(browser) } : await desktop(browser, catalogue);
  if (!apiKey) await statuses(browser);
  result.phone = await phone(browser);
} catch (err) {
  console.error(`ui_e2e: [${phase}] ${err.message}`);
  if (consoleErrors.length) console.error('console errors:\n' + consoleErrors.join('\n'));
  await browser.close();
  process.exit(1);
}
await browser.close();
if (consoleErrors.length || foreign.length) {
  if (consoleErrors.length) console.error('ui_e2e: console errors:\n' + consoleErrors.join('\n'));
  if (foreign.length) console.error('ui_e2e: requests to other origins: ' + foreign.join(', '));
  process.exit(1);
}
console.log(JSON.stringify(result));
