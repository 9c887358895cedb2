// The letter builder: reads the catalogue from /v1/actions, keeps a live
// PNG preview of every page of the letter, shows the API's problems next
// to the fields they name and downloads documents. It talks only to this
// origin; nothing is stored except the API key, in sessionStorage.

const DEBOUNCE_MS = 300;
const KEY_STORAGE = 'ualetters.apiKey';
// REVIEW_LABEL marks a draft that must not be sent before a native
// speaker has reviewed it (needs_native_review in the catalogue).
const REVIEW_LABEL = 'needs native review';

const form = document.getElementById('letter-form');
const el = (id) => document.getElementById(id);
const keysRequired = document.body.dataset.apiKeys === 'true';

let actions = [];
let previewTimer = 0;
let previewSeq = 0;
let previewAbort = null;
let previewURLs = [];

// Catalogue ---------------------------------------------------------------

async function loadActions() {
  try {
    const res = await fetch('/v1/actions', { headers: { Accept: 'application/json' } });
    if (!res.ok) throw new Error(await problemDetail(res));
    actions = (await res.json()).actions || [];
  } catch (err) {
    el('actions-status').textContent = 'The actions could not be loaded: ' + err.message;
    return;
  }
  el('actions-status').textContent = actions.length ? '' : 'The catalogue has no actions.';
  el('actions-status').hidden = actions.length > 0;
  fillOptions(el('action'), actions.map((a) => [a.id, a.reference + ' · ' + titleOf(a, 'en')]));
  actionChanged();
}

function currentAction() {
  return actions.find((a) => a.id === el('action').value);
}

function titleOf(action, lang) {
  const t = action.title || {};
  return t[lang] || t.en || Object.values(t)[0] || action.id;
}

// statusLabel names a translation status; statuses this page does not
// know yet are shown as they are, made readable.
function statusLabel(status) {
  const known = { source: 'source text', reviewed: 'reviewed translation', draft: 'draft translation' };
  return known[status] || String(status || 'unknown status').replace(/[-_]+/g, ' ');
}

function actionChanged() {
  const a = currentAction();
  if (!a) return;
  const prev = el('lang').value;
  fillOptions(el('lang'), a.languages.map((l) => [l.code, languageOption(l)]));
  el('lang').value = a.languages.some((l) => l.code === prev) ? prev : a.languages[0].code;
  const faxes = (a.recipients || []).filter((r) => r.fax);
  fillOptions(el('recipient'), faxes.map((r) => [r.key, r.name + ' · ' + r.fax]));
  languageChanged();
}

function languageOption(l) {
  const name = l.name === l.english_name ? l.name : l.name + ' — ' + l.english_name;
  const notes = l.status === 'source' ? [] : [statusLabel(l.status)];
  if (l.needs_native_review) notes.push(REVIEW_LABEL);
  return notes.length ? name + ' (' + notes.join(', ') + ')' : name;
}


function languageChanged() {
  const a = currentAction();
  if (!a) return;
  const l = a.languages.find((x) => x.code === el('lang').value);
  el('lang-note').textContent = l && l.note ? l.note : '';
  renderActionList();
}

// renderActionList shows every action with its title in the chosen
// language, whether it is open, and its languages with their status.
function renderActionList() {
  const lang = el('lang').value;
  const list = el('action-list');
  list.replaceChildren(...actions.map((a) => actionItem(a, lang)));
}

function actionItem(a, lang) {
  const li = document.createElement('li');
  li.className = 'action' + (a.id === el('action').value ? ' current' : '');
  const offered = a.languages.find((l) => l.code === lang);
  const title = document.createElement('p');
  title.className = 'title';
  const titleLang = offered && a.title && a.title[lang] ? offered : a.languages.find((l) => l.code === 'en');
  title.textContent = titleOf(a, titleLang ? titleLang.code : 'en');
  if (titleLang) {
    title.lang = titleLang.tag || titleLang.code;
    title.dir = titleLang.dir || 'auto';
    if (titleLang.font) title.dataset.font = titleLang.font;
  }
  const meta = document.createElement('p');
  meta.className = 'meta';
  meta.append(a.reference);
  if (offered && offered.status !== 'source' && offered.status !== 'reviewed') {
    meta.append(' ', badge(statusLabel(offered.status), offered.status === 'draft' ? 'draft' : 'other'));
  }
  if (offered && offered.needs_native_review) meta.append(' ', badge(REVIEW_LABEL, 'review'));
  meta.append(' ', openBadge(a));
  li.append(title, meta, languageList(a));
  return li;
}

function languageList(a) {
  const ul = document.createElement('ul');
  ul.className = 'langs';
  ul.setAttribute('aria-label', 'Languages of ' + a.reference);
  for (const l of a.languages) {
    const item = document.createElement('li');
    const name = document.createElement('span');
    name.textContent = l.name;
    name.lang = l.tag || l.code;
    name.dir = l.dir || 'auto';
    if (l.font) name.dataset.font = l.font;
    item.append(name);
    if (l.name !== l.english_name) item.append(' – ' + l.english_name);
    item.append(' ', badge(statusLabel(l.status), l.status));
    if (l.needs_native_review) item.append(' ', badge(REVIEW_LABEL, 'review'));
    ul.append(item);
  }
  return ul;
}

// openBadge says whether the action still asks for letters: the
// server's "open" when it gives one, else the deadline day in the
// action's time zone.
function openBadge(a) {
  const open = typeof a.open === 'boolean' ? a.open : !a.deadline || todayIn(a.time_zone) <= a.deadline;
  const when = a.deadline ? formatDate(a.deadline) : '';
  if (open) return badge(when ? 'open until ' + when : 'open', 'open');
  return badge('closed since ' + when, 'closed');
}

function badge(text, kind) {
  const b = document.createElement('span');
  b.className = 'badge badge-' + (/^[a-z]+$/.test(kind) ? kind : 'other');
  b.textContent = text;
  return b;
}

// todayIn is today's date (YYYY-MM-DD) in the action's time zone, the
// day its deadline is counted in.
function todayIn(timeZone) {
  const opts = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    return new Intl.DateTimeFormat('en-CA', { ...opts, timeZone }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA', opts).format(new Date());
  }
}

function formatDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

function fillOptions(select, pairs) {
  select.replaceChildren(...pairs.map(([value, text]) => new Option(text, value)));
}

// Requests ----------------------------------------------------------------

// fields returns the letter fields of the form as a urlencoded body.
function fields(extra) {
  const p = new URLSearchParams();
  for (const name of ['lang', 'gender', 'paper', 'name', 'address', 'postcode', 'city', 'country', 'email', 'body']) {
    const v = form.elements[name].value;
    if (v.trim() !== '') p.set(name, v);
  }
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p;
}

function post(route, body, signal) {
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const key = keysRequired ? el('apikey').value.trim() : '';
  if (key) headers.Authorization = 'Bearer ' + key;
  const id = encodeURIComponent(el('action').value);
  return fetch('/v1/actions/' + id + '/' + route, { method: 'POST', headers, body, signal });
}

async function readProblem(res) {
  try {
    const p = await res.json();
    if (p && typeof p === 'object') return p;
  } catch {
    // not problem+json: fall through
  }
  return { status: res.status, detail: 'The service answered ' + res.status + ' ' + res.statusText + '.' };
}

async function problemDetail(res) {
  return (await readProblem(res)).detail || res.statusText;
}

// Preview -----------------------------------------------------------------

function schedulePreview() {
  clearTimeout(previewTimer);
  previewTimer = setTimeout(refreshPreview, DEBOUNCE_MS);
}

async function refreshPreview() {
  if (!currentAction()) return;
  if (form.elements.name.value.trim() === '') {
    setStatus('preview-status', 'Type a name to see the letter.');
    return;
  }
  if (previewAbort) previewAbort.abort();
  const abort = new AbortController();
  previewAbort = abort;
  const seq = ++previewSeq;
  el('pages').setAttribute('aria-busy', 'true');
  setStatus('preview-status', 'Updating the preview…');
  try {
    const images = await fetchPages(abort.signal);
    if (seq !== previewSeq) return;
    if (images.problem) {
      showProblem(images.problem);
      setStatus('preview-status', keptMessage());
      return;
    }
    clearProblems();
    showPages(images.blobs);
  } catch (err) {
    if (err.name === 'AbortError') return;
    showFormError('The service cannot be reached: ' + err.message);
    setStatus('preview-status', keptMessage());
  } finally {
    if (seq === previewSeq) el('pages').removeAttribute('aria-busy');
  }
}

function keptMessage() {
  return previewURLs.length ? 'The preview shows the last letter that could be set.'
    : 'No preview yet: see the message under the marked field.';
}

// fetchPages gets page 1, learns the page count from X-Pages, then asks
// for the other pages at once; any problem wins over the images.
async function fetchPages(signal) {
  const first = await post('letter', fields({ format: 'png', page: '1' }), signal);
  if (!first.ok) return { problem: await readProblem(first) };
  const count = Math.max(1, parseInt(first.headers.get('X-Pages'), 10) || 1);
  const rest = [];
  for (let page = 2; page <= count; page++) {
    rest.push(post('letter', fields({ format: 'png', page: String(page) }), signal));
  }
  const answers = [first, ...(await Promise.all(rest))];
  const bad = answers.find((res) => !res.ok);
  if (bad) return { problem: await readProblem(bad) };
  return { blobs: await Promise.all(answers.map((res) => res.blob())) };
}

function showPages(blobs) {
  const old = previewURLs;
  previewURLs = blobs.map((b) => URL.createObjectURL(b));
  const figures = previewURLs.map((url, i) => {
    const fig = document.createElement('figure');
    const img = document.createElement('img');
    img.src = url;
    img.alt = 'Preview page ' + (i + 1);
    img.width = 794;
    img.height = 1123;
    img.decoding = 'async';
    const cap = document.createElement('figcaption');
    cap.textContent = 'Page ' + (i + 1) + ' of ' + blobs.length;
    fig.append(img, cap);
    return fig;
  });
  el('pages').replaceChildren(...figures);
  old.forEach((u) => URL.revokeObjectURL(u));
  const lang = el('lang').selectedOptions[0];
  setStatus('preview-status', blobs.length + (blobs.length === 1 ? ' page' : ' pages') +
    (lang ? ', ' + lang.textContent : '') + '.');
}

// Problems ----------------------------------------------------------------

// controlFor maps a problem's field name to the form control it is about.
function controlFor(field) {
  const base = String(field || '').replace(/\[\d+\]$/, '');
  const map = {
    id: 'action', lang: 'lang', gender: 'gender', paper: 'paper', name: 'name', address: 'address',
    postcode: 'postcode', city: 'city', country: 'country', email: 'email', body: 'body',
    recipient: 'recipient', Authorization: 'apikey',
  };
  return map[base] ? el(map[base]) : null;
}

function showProblem(p) {
  clearProblems();
  const byControl = new Map();
  const general = [];
  for (const e of p.errors || []) {
    const c = controlFor(e.field);
    const m = /^address\[(\d+)\]$/.exec(e.field || '');
    const detail = m ? 'line ' + (Number(m[1]) + 1) + ': ' + e.detail : e.detail;
    if (c) byControl.set(c, [...(byControl.get(c) || []), detail]);
    else general.push(e.detail);
  }
  for (const [c, details] of byControl) markInvalid(c, details.join('; '));
  if (byControl.size === 0 && general.length === 0) general.push(p.detail || p.title || 'The request failed.');
  if (general.length) showFormError(general.join(' '));
  if (p.status === 503) showFormError('The service is busy; the preview will retry when you type again.');
}

function markInvalid(control, detail) {
  const msg = document.createElement('p');
  msg.id = control.id + '-error';
  msg.className = 'field-error';
  msg.textContent = detail;
  control.insertAdjacentElement('afterend', msg);
  control.setAttribute('aria-invalid', 'true');
  const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
  control.setAttribute('aria-describedby', [msg.id, ...ids].join(' '));
}

function clearProblems() {
  for (const msg of form.querySelectorAll('.field-error')) {
    const control = el(msg.id.replace(/-error$/, ''));
    if (control) {
      control.removeAttribute('aria-invalid');
      const ids = (control.getAttribute('aria-describedby') || '').split(/\s+/).filter((x) => x && x !== msg.id);
      if (ids.length) control.setAttribute('aria-describedby', ids.join(' '));
      else control.removeAttribute('aria-describedby');
    }
    msg.remove();
  }
  el('form-error').hidden = true;
  el('form-error').textContent = '';
}

function showFormError(text) {
  el('form-error').textContent = text;
  el('form-error').hidden = false;
}

function setStatus(id, text) {
  el(id).textContent = text;
}

// Downloads ---------------------------------------------------------------

const downloads = {
  pdf: () => ['letter', fields({ format: 'pdf' })],
  docx: () => ['letter', fields({ format: 'docx' })],
  tiff: () => ['fax', fields({ format: 'tiff', recipient: el('recipient').value })],
  zip: () => ['faxes', fields({ format: 'tiff' })],
};

async function download(button) {
  const [route, body] = downloads[button.dataset.download]();
  button.disabled = true;
  setStatus('download-status', 'Preparing ' + button.textContent.replace(/^Download /, '') + '…');
  try {
    const res = await post(route, body);
    if (!res.ok) {
      showProblem(await readProblem(res));
      setStatus('download-status', 'Nothing was downloaded: see the message above the field.');
      return;
    }
    const name = filenameOf(res.headers.get('Content-Disposition')) || 'letter';
    saveBlob(await res.blob(), name);
    setStatus('download-status', 'Downloaded ' + name + '.');
  } catch (err) {
    showFormError('The service cannot be reached: ' + err.message);
    setStatus('download-status', 'Nothing was downloaded.');
  } finally {
    button.disabled = false;
    button.focus();
  }
}

// filenameOf reads filename* (RFC 8187) or filename from a
// Content-Disposition header.
function filenameOf(header) {
  if (!header) return '';
  const ext = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (ext) {
    try {
      return decodeURIComponent(ext[1].trim());
    } catch {
      // malformed: use the plain filename
    }
  }
  const plain = /filename="([^"]*)"/i.exec(header);
  return plain ? plain[1] : '';
}

function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

// API key -----------------------------------------------------------------

function setupKey() {
  if (!keysRequired) return;
  const input = el('apikey');
  input.value = sessionStorage.getItem(KEY_STORAGE) || '';
  input.addEventListener('input', () => {
    if (input.value) sessionStorage.setItem(KEY_STORAGE, input.value);
    else sessionStorage.removeItem(KEY_STORAGE);
  });
}

// Wiring ------------------------------------------------------------------

form.addEventListener('submit', (e) => e.preventDefault());
form.addEventListener('input', (e) => {
  if (e.target.id !== 'recipient') schedulePreview();
});
el('action').addEventListener('change', () => {
  actionChanged();
  schedulePreview();
});
el('lang').addEventListener('change', languageChanged);
for (const b of form.querySelectorAll('button[data-download]')) {
  b.addEventListener('click', () => download(b));
}
setupKey();
loadActions().then(schedulePreview);
