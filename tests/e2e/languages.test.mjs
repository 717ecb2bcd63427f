// Languages (issue 16), end to end: real profiledesk + localtenant, Chromium
// told its language (Playwright's locale: navigator.languages and
// Accept-Language), the app's texts read where a person (or a screen
// reader) meets them: the accessibility mirror, <html lang dir>, the
// loading screen. Catalogs the translators have not written yet are served
// by page.route, so each test says what it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from './support/browser.mjs';
import { click, openApp, signInOnTenantPage, signInThroughForm, typeInto, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { repoRoot } from '../integration/support/processes.mjs';
import { ADA, m2mToken, usersApi } from '../integration/support/localtenant.mjs';

const FRENCH = JSON.parse(readFileSync(join(repoRoot, 'web', 'i18n', 'fr.json'), 'utf8'));
const SWITCHER = '[data-field="language:switcher"]';

async function newPage(t, options = {}) {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, ...options });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

// The site island the server writes into the page (shell/index.html,
// PREAMBLE's contract) lists the languages the loader may pick; a server
// that writes none yet (an empty island) gets the shipped ones written in
// here, so the loader's choice is tested either way.
const ISLAND_LANGUAGES = [
  { tag: 'en', name: 'English', rtl: false }, { tag: 'fr', name: 'Français', rtl: false },
  { tag: 'de', name: 'Deutsch', rtl: false }, { tag: 'es', name: 'Español', rtl: false },
  { tag: 'ja', name: '日本語', rtl: false }, { tag: 'ar', name: 'العربية', rtl: true },
];
async function withIsland(page) {
  await page.route((url) => url.pathname === '/' || url.pathname === '/index.html', async (route) => {
    const res = await route.fetch();
    let html = await res.text();
    const island = /(<script id="pd-site" type="application\/json">)([\s\S]*?)(<\/script>)/;
    const m = island.exec(html);
    const site = m ? JSON.parse(m[2] || '{}') : {};
    if (m && !Array.isArray(site.languages)) {
      site.languages = ISLAND_LANGUAGES;
      site.pseudoLanguage = 'en-XA';
      html = html.replace(island, (all, open, body, close) => open + JSON.stringify(site) + close);
    }
    await route.fulfill({ response: res, body: html });
  });
}

// Serves `catalog` (an object) as /web/i18n/<tag>.json.
async function serveCatalog(page, tag, catalog) {
  await page.route(`**/web/i18n/${tag}.json`, (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(catalog) }));
}

// What the page says about its language: <html lang dir>, the mirror's, the
// mirror's language switcher (its label and value), and the app's state.
function languageOf(page) {
  return page.evaluate(() => {
    const mirror = document.getElementById('form-mirror');
    const select = document.querySelector('[data-field="language:switcher"]');
    const s = window.profileDesk.state();
    return {
      htmlLang: document.documentElement.lang, htmlDir: document.documentElement.dir,
      mirrorLang: mirror.lang, mirrorDir: mirror.dir,
      switcherLabel: select && select.labels.length ? select.labels[0].textContent : null,
      switcherValue: select ? select.value : null,
      state: s && { language: s.language, dir: s.dir },
      loadingText: document.getElementById('loading-text').textContent,
    };
  });
}

// The user's record at the tenant, through the Management API (waiting out its small rate limit).
async function tenantUser(tenant, id) {
  for (let attempt = 0; ; ++attempt) {
    const token = await m2mToken(tenant.issuer).catch((e) => (attempt < 10 ? null : Promise.reject(e)));
    const r = token ? await usersApi(tenant.issuer, token, id) : { status: 429 };
    if (r.status !== 429 || attempt >= 10) {
      assert.equal(r.status, 200);
      return r.body;
    }
    await new Promise((res) => setTimeout(res, 600));
  }
}

test('a browser in French gets the French texts; the page and the mirror say fr, ltr', async (t) => {
  const { pd } = await startStack(t);
  const { page, errors } = await newPage(t, { locale: 'fr-FR' });
  await withIsland(page);
  const catalogs = [];
  page.on('request', (r) => { if (r.url().includes('/web/i18n/')) catalogs.push(new URL(r.url()).pathname); });
  await openApp(page, pd.base);
  await waitForState(page, (s) => s.language === 'fr', { what: 'French' });
  await page.waitForFunction((sel) => document.querySelector(sel), SWITCHER);
  const l = await languageOf(page);
  assert.equal(l.switcherLabel, FRENCH['language.choose']);
  assert.equal(l.switcherValue, 'fr');
  assert.deepEqual([l.htmlLang, l.htmlDir, l.mirrorLang, l.mirrorDir], ['fr', 'ltr', 'fr', 'ltr']);
  assert.deepEqual(l.state, { language: 'fr', dir: 'ltr' });
  // The loading screen spoke French too (shell/loader.js, from the same catalog).
  assert.equal(l.loadingText, FRENCH['loading.starting']);
  // Each catalog fetched once: the loader's are the app's.
  assert.deepEqual([...catalogs].sort(), ['/web/i18n/en.json', '/web/i18n/fr.json']);
  assert.deepEqual(errors, []);
});

test('a key missing from the French catalog shows in English; the rest stays French', async (t) => {
  const { pd } = await startStack(t);
  const { page } = await newPage(t, { locale: 'fr-FR' });
  await withIsland(page);
  const partial = { ...FRENCH };
  delete partial['language.choose'];
  await serveCatalog(page, 'fr', partial);
  await openApp(page, pd.base);
  await waitForState(page, (s) => s.language === 'fr', { what: 'French' });
  await page.waitForFunction((sel) => document.querySelector(sel), SWITCHER);
  const l = await languageOf(page);
  const english = JSON.parse(readFileSync(join(repoRoot, 'web', 'i18n', 'en.json'), 'utf8'));
  assert.equal(l.switcherLabel, english['language.choose']);
  assert.equal(l.loadingText, FRENCH['loading.starting']);
  assert.equal(l.htmlLang, 'fr');
});

test('a French catalog that cannot be read leaves the page in English, working', async (t) => {
  const { pd } = await startStack(t);
  const { page, errors } = await newPage(t, { locale: 'fr-FR' });
  await page.route('**/web/i18n/fr.json', (route) => route.fulfill({ status: 200, body: '{"language.choose": ' }));
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const welcome = await openApp(page, pd.base);
  assert.equal(welcome.phase, 'signed_out');
  await waitForState(page, (s) => s.language === 'en' && s.frames > 2, { what: 'English' });
  const l = await languageOf(page);
  assert.equal(l.htmlLang, 'en');
  assert.equal(l.switcherLabel, 'Page language');
  assert.ok(consoleErrors.some((m) => /fr\.json/.test(m)), consoleErrors.join('\n'));
  assert.deepEqual(errors, []);
});

test('before sign-in the switcher changes the language at once, right to left for Arabic, and this browser keeps it', async (t) => {
  const { pd } = await startStack(t);
  const { page } = await newPage(t, { locale: 'en-US' });
  await serveCatalog(page, 'ar', { 'language.choose': 'اللغة' });
  await openApp(page, pd.base);
  await waitForState(page, (s) => s.language === 'en' && s.frames > 2, { what: 'English' });
  await click(page, 'combo:language');
  await click(page, 'language:ar');
  await waitForState(page, (s) => s.language === 'ar', { what: 'Arabic' });
  let l = await languageOf(page);
  assert.deepEqual([l.htmlLang, l.htmlDir, l.mirrorLang, l.mirrorDir], ['ar', 'rtl', 'ar', 'rtl']);
  assert.deepEqual(l.state, { language: 'ar', dir: 'rtl' });
  assert.equal(l.switcherLabel, 'اللغة');
  assert.equal(await page.evaluate(() => window.localStorage.getItem('profiledesk.language')), 'ar');

  // The mirror's switcher works too (keyboard and screen-reader users), and back to left to right.
  await page.selectOption(SWITCHER, 'fr', { force: true });
  await waitForState(page, (s) => s.language === 'fr', { what: 'French from the mirror' });
  l = await languageOf(page);
  assert.deepEqual([l.htmlLang, l.htmlDir, l.mirrorLang, l.mirrorDir], ['fr', 'ltr', 'fr', 'ltr']);

  await page.reload();
  await waitForState(page, (s) => s.language === 'fr' && s.frames > 0, { what: 'French after a reload' });
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
});

test('a localised schema label shows in French', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pd-languages-'));
  const schema = join(dir, 'schema.json');
  writeFileSync(schema, JSON.stringify({
    version: 1,
    groups: [{ id: 'contact', label: { en: 'Contact', fr: 'Coordonnées' } }],
    fields: [
      { key: 'city', label: { en: 'City', fr: 'Ville' }, type: 'string', group: 'contact',
        help: { en: 'Where you live.', fr: 'Où vous habitez.' } },
      { key: 'pronouns', label: 'Pronouns', type: 'enum', group: 'contact',
        options: [{ value: 'she', label: { en: 'she/her', fr: 'elle' } }] },
    ],
  }));
  const { pd } = await startStack(t, { env: { PROFILE_SCHEMA: schema } });
  const { page } = await newPage(t, { locale: 'fr-FR' });
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  await waitForState(page, (s) => s.phase === 'editing' && s.language === 'fr', { what: 'the editor in French' });
  const labels = () => page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#m-form [data-field]')]
    .map((c) => [c.dataset.field, {
      label: c.labels.length ? c.labels[0].textContent : null,
      options: c.tagName === 'SELECT' ? [...c.options].map((o) => o.textContent) : null,
    }])));
  let shown = await labels();
  assert.equal(shown['user_metadata.city'].label, 'Ville');
  assert.ok(shown['user_metadata.pronouns'].options.includes('elle'), JSON.stringify(shown));
  assert.ok(await page.evaluate(() => document.querySelector('#m-form [role=group][aria-label="Coordonnées"]')));

  // Switched to English, the form is rebuilt in English.
  await page.selectOption(SWITCHER, 'en', { force: true });
  await waitForState(page, (s) => s.language === 'en', { what: 'English' });
  await page.waitForFunction(() => {
    const c = document.querySelector('[data-field="user_metadata.city"]');
    return c && c.labels[0].textContent === 'City';
  });
  shown = await labels();
  assert.ok(shown['user_metadata.pronouns'].options.includes('she/her'), JSON.stringify(shown));
});

test("the switcher saves the choice to the user's profile alone; another browser comes up in it", async (t) => {
  const { tenant, pd } = await startStack(t);
  const { page, errors } = await newPage(t, { locale: 'en-US' });
  const patches = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && new URL(r.url()).pathname === '/api/profile') patches.push(JSON.parse(r.postData()));
  });
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  await waitForState(page, (s) => s.phase === 'editing' && s.language === 'en', { what: 'the editor in English' });
  await typeInto(page, 'user_metadata.city', 'Marylebone');  // an unsaved edit, which must stay so
  await waitForState(page, (s) => s.changed.includes('user_metadata.city'), { what: 'the edit' });

  await click(page, 'combo:language');
  await click(page, 'language:fr');
  const s = await waitForState(page, (x) => x.language === 'fr' && x.languageSave.sent === 1 &&
                               x.languageSave.saving === '', { what: 'French, saved' });
  assert.equal(s.languageSave.failed, false);
  assert.deepEqual(patches.map((p) => p.changes), [{ user_metadata: { language: 'fr' } }]);
  assert.equal(s.draft['user_metadata.language'], 'fr');   // the form's field shows the saved value
  assert.deepEqual(s.changed, ['user_metadata.city']);      // the other edit: kept, still unsaved
  assert.equal(s.draft['user_metadata.city'], 'Marylebone');
  const record = await tenantUser(tenant, ADA.id);
  assert.equal(record.user_metadata.language, 'fr');
  assert.notEqual(record.user_metadata.city, 'Marylebone');

  // Another browser (its own storage, English) signs in: the profile's language wins.
  const other = await newPage(t, { locale: 'en-US' });
  await other.page.goto(pd.base + '/login?returnTo=%2F');  // what the welcome panel's Sign in does
  await signInOnTenantPage(other.page, ADA, { timeout: 60000 });
  await waitForState(other.page, (x) => x.phase === 'editing' && x.language === 'fr', { what: 'French from the profile' });
  assert.equal(await other.page.evaluate(() => document.documentElement.lang), 'fr');
  assert.deepEqual(errors, []);
});
