// The pseudo-locale (issue 16): a browser whose language is en-XA gets the
// app in English pseudo-localised ("[!! Ŝàṽé !!]", a third longer), chosen
// the way a real language is (navigator.languages). Every text a person sees
// then shows where it came from: one still in plain English is a literal
// that skipped the catalog. Read two ways: what the canvas drew (the test
// hook's texts(), every text the views recorded) and what assistive
// technology reads (the form mirror's text, labels and aria-labels). The
// only texts exempt are the person's own (name, email, values, the devices
// the server names), listed below. And the longer texts must still fit: at
// 400 and 1280 CSS pixels wide no recorded text runs out of its box (its
// window, its button) or the viewport, and no two overlap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './support/browser.mjs';
import { click, openApp, screenshot, signInThroughForm, typeInto, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { ADA, CLIENT_ID, m2mToken, testSeed, usersApi } from '../integration/support/localtenant.mjs';

// Wrapped as core::pseudo_localize wraps; a conflict choice's "[x] " / "[ ] " mark may precede it.
const PSEUDO = /^(\[[ x]\] )?\[!! [\s\S]* !!\]$/;

// The person's own texts, by test-hook id: never looked up, so never wrapped.
const OWN_TEXT_IDS = [
  /^header:(name|email)$/, /^card:(name|email)$/, /^text:account:email$/, /^avatar:initials$/,
  /^value:/,                       // a field's value
  /^review:before:/,               // the value before the change
  /^devices:(device|address):/,    // the device and address the server recorded
  /^(header|welcome):brand-name$/, // the operator's BRAND_NAME: a name, not a text to translate
];
const isOwn = (id) => OWN_TEXT_IDS.some((re) => re.test(id));

// The person's values as they appear in the mirror's texts, and the
// operator's brand name (BRAND_NAME: a name, not a text to translate).
const OWN_VALUES = [ADA.email, 'Ada Lovelace', 'ada', 'Ada', 'Lovelace', 'London', 'Oslo', 'Bergen', 'Edinburgh',
  'Profile Desk',
  // A language's name in the switcher is in that language (core/languages.hpp), whatever the page's.
  'English', 'Français', 'Deutsch', 'Español', '日本語', 'العربية'];

async function hookTexts(page) {
  return page.evaluate(() => ({ texts: window.profileDesk.texts(), rects: window.profileDesk.textRects() }));
}

// Every text the canvas drew in the last frame is pseudo-localised, but the person's own.
async function assertCanvasPseudo(page, where) {
  const { texts } = await hookTexts(page);
  const ids = Object.keys(texts);
  assert.ok(ids.length >= 3, `${where}: the hook recorded texts (${ids.length})`);
  const plain = ids.filter((id) => !isOwn(id) && texts[id] !== '' && !PSEUDO.test(texts[id]))
    .map((id) => `${id}: ${JSON.stringify(texts[id])}`);
  assert.deepEqual(plain, [], `${where}: canvas texts not from the catalog`);
  return texts;
}

// Every text of the accessibility mirror: its elements' own text (not the
// controls' values) and every aria-label, minus the person's values.
async function assertMirrorPseudo(page, where) {
  const found = await page.evaluate(() => {
    const out = [];
    const root = document.getElementById('form-mirror');
    for (const el of root.querySelectorAll('*')) {
      if (el.hidden || el.closest('[hidden]')) continue;
      const label = el.getAttribute('aria-label');
      if (label) out.push({ what: `${el.tagName}[aria-label]`, text: label });
      if (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) continue;
      // Only elements with text of their own (a <td>'s <span>, not the row).
      const own = Array.from(el.childNodes).filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
      if (own) out.push({ what: `${el.tagName}${el.id ? '#' + el.id : ''}`, text: own });
    }
    const input = document.getElementById('text-input');
    out.push({ what: 'text-input[aria-label]', text: input.getAttribute('aria-label') });
    return out;
  });
  assert.ok(found.length >= 3, `${where}: the mirror has texts (${found.length})`);
  const plain = found.filter(({ text }) => !PSEUDO.test(text) && !OWN_VALUES.includes(text)
    && !/^(Chrome|Chromium|Firefox|Safari|Edge|Unknown)\b/.test(text)   // the device the server names
    && !/^[0-9.:a-fx]+$/.test(text))                                    // the address it recorded
    .map(({ what, text }) => `${what}: ${JSON.stringify(text)}`);
  assert.deepEqual(plain, [], `${where}: mirror texts not from the catalog`);
  return found;
}

const inside = (r, box, slack = 1) => r.x >= box.x - slack && r.x + r.w <= box.x + box.w + slack;
const overlap = (a, b, slack = 1) => Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > slack
  && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > slack;

// No recorded text runs out of its box (its window's visible part, its
// button) or the viewport, and no two on the same layer overlap.
async function assertFits(page, where) {
  const { rects } = await hookTexts(page);
  const viewport = page.viewportSize();
  const shown = Object.entries(rects.items).filter(([, r]) => r.w > 0 && r.h > 0
    // drawn but scrolled out of its window (the form under the bar): not seen
    && r.y + r.h > r.box.y && r.y < r.box.y + r.box.h);
  const problems = [];
  for (const [id, r] of shown) {
    // A hint, like a value, scrolls inside its single-line field when longer (never wraps there).
    if (!inside(r, r.box) && !id.startsWith('placeholder:')) problems.push(`${id} runs out of its box: ${JSON.stringify(r)}`);
    if (r.x < -1 || r.x + r.w > viewport.width + 1) problems.push(`${id} runs out of the viewport: ${JSON.stringify(r)}`);
  }
  for (let i = 0; i < shown.length; ++i) {
    for (let j = i + 1; j < shown.length; ++j) {
      const [a, ra] = shown[i];
      const [b, rb] = shown[j];
      if (ra.layer === rb.layer && overlap(ra, rb)) problems.push(`${a} overlaps ${b}`);
    }
  }
  assert.deepEqual(problems, [], `${where} at ${viewport.width} px`);
  return shown.length;
}

// Both checks, and both widths (tall enough that the whole form shows).
// The page at `width` CSS pixels, once the app has drawn two frames at that
// size (the hook, and the rectangles clicks aim at, describe the last one).
async function resize(page, width) {
  await page.setViewportSize({ width, height: 2600 });
  const frames = await page.evaluate(() => window.profileDesk.state().frames);
  // Moves make frames even when the size did not change (the app draws on events only).
  await page.mouse.move(width / 2, 5);
  await page.mouse.move(width / 2 + 3, 7);
  await page.mouse.move(width / 2, 5);
  await waitForState(page, (s) => s.frames >= frames + 2, { what: `frames at ${width} px` });
}

async function checkEverywhere(page, where, { widths = [1280, 400] } = {}) {
  for (const width of widths) {
    await resize(page, width);
    await assertCanvasPseudo(page, `${where} at ${width} px`);
    await assertMirrorPseudo(page, `${where} at ${width} px`);
    await assertFits(page, where);
  }
  await resize(page, 1280);
}

async function tenantPatch(tenant, id, body) {
  for (let attempt = 0; ; ++attempt) {
    const token = await m2mToken(tenant.issuer).catch(() => null);
    const r = token ? await usersApi(tenant.issuer, token, id, { method: 'PATCH', body }) : { status: 429 };
    if (r.status === 200 || attempt >= 10) return assert.equal(r.status, 200);
    await new Promise((res) => setTimeout(res, 600));
  }
}

test('en-XA: every text of the welcome panel, the editor, its dialogs and banners, and the account comes from the catalog, and fits', async (t) => {
  const seed = testSeed();
  seed.clients.find((c) => c.client_id === CLIENT_ID).management_api_scopes.push('delete:users');
  const { tenant, pd } = await startStack(t, { seed, env: { ALLOW_ACCOUNT_DELETION: 'true', PROFILE_CACHE_TTL_MS: '0' } });
  const context = await launchBrowser({ locale: 'en-XA', viewport: { width: 1280, height: 2600 } });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  assert.deepEqual(await page.evaluate(() => navigator.languages).catch(() => null) ?? ['en-XA'], ['en-XA']);

  // The welcome panel.
  await openApp(page, pd.base);
  assert.equal((await page.evaluate(() => window.profileDesk.state())).phase, 'signed_out');
  await checkEverywhere(page, 'the welcome panel');

  // The editor, with a change pending (the status line counts it).
  await signInThroughForm(page, ADA);
  await typeInto(page, 'user_metadata.city', 'Bergen');
  await waitForState(page, (s) => s.changed.length === 1, { what: 'one change' });
  await checkEverywhere(page, 'the editor');
  await screenshot(page, 'pseudo_locale/editor.png');

  // The review dialog.
  await click(page, 'button:review');
  await waitForState(page, (s) => s.reviewOpen, { what: 'the review' });
  await checkEverywhere(page, 'the review dialog');
  await click(page, 'button:review-close');
  await waitForState(page, (s) => !s.reviewOpen, { what: 'the review closed' });

  // An error banner: the save cannot reach the server.
  await page.route('**/api/profile', (route) => (route.request().method() === 'PATCH' ? route.abort() : route.continue()));
  await click(page, 'button:save');
  await waitForState(page, (s) => s.phase === 'error', { what: 'the failed save' });
  await checkEverywhere(page, 'the error banner');
  await page.unroute('**/api/profile');

  // The conflict dialog: the city changed elsewhere meanwhile.
  await tenantPatch(tenant, ADA.id, { user_metadata: { city: 'Oslo' } });
  await click(page, 'button:retry');
  await waitForState(page, (s) => s.phase === 'conflict', { what: 'the conflict dialog' });
  await checkEverywhere(page, 'the conflict dialog');
  await click(page, 'conflict:user_metadata.city:mine');
  await waitForState(page, (s) => s.conflicts[0]?.choice === 'mine', { what: 'a choice' });
  await checkEverywhere(page, 'the conflict dialog, chosen', { widths: [400] });
  await click(page, 'button:resolve');
  await waitForState(page, (s) => s.phase === 'editing' && s.notice !== '', { what: 'the save after choosing' });
  await checkEverywhere(page, 'the saved notice', { widths: [400] });

  // The restored-draft banner: a draft a session expiry kept in this tab.
  const s = await page.evaluate(() => window.profileDesk.state());
  await page.evaluate(({ sub, version }) => sessionStorage.setItem('profiledesk.draft', JSON.stringify({
    sub, version, base: { 'user_metadata.city': 'Bergen' }, draft: { 'user_metadata.city': 'Edinburgh' },
  })), { sub: s.user.sub, version: s.profile.version });
  await page.reload();
  await waitForState(page, (x) => x.phase === 'editing' && x.draftRestored, { what: 'the restored draft' });
  await checkEverywhere(page, 'the restored-draft banner');

  // Sign-in and security: both steps open, the password's rules shown.
  await click(page, 'button:account:email-open');
  await waitForState(page, (x) => x.account.open === 'email', { what: 'the email step' });
  await checkEverywhere(page, 'the email step');
  await click(page, 'button:account:password-open');
  await waitForState(page, (x) => x.account.open === 'password', { what: 'the password step' });
  await typeInto(page, 'account.password', 'short');
  await typeInto(page, 'account.confirm', 'other');
  await checkEverywhere(page, 'the password step');

  // Your devices and your account: the sessions listed, the deletion step open.
  await click(page, 'button:sessions-toggle');
  await waitForState(page, (x) => x.devices.listStatus === 'ready', { what: 'the sessions' });
  // The list drawn (a few frames): the buttons under it have moved.
  await new Promise((r) => setTimeout(r, 500));
  await click(page, 'button:delete-open');
  await waitForState(page, (x) => x.devices.delete !== null, { what: 'the deletion step' });
  await checkEverywhere(page, 'the devices and the deletion step');
  await screenshot(page, 'pseudo_locale/account.png');

  assert.deepEqual(errors, []);
});
