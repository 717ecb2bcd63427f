// The profile editor, end to end: real profiledesk + real localtenant, a
// person's mouse and keyboard on the canvas (widgets found through the test
// hook's itemRect), screenshots of each state under build/e2e-artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, inPngPage, launchBrowser, pixelStats } from './support/browser.mjs';
import { click, itemRect, openApp, screenshot, shotOf, signInOnTenantPage, signInThroughForm, typeInto, waitForState }
  from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { makeTestCA, tempDir } from '../integration/support/processes.mjs';
import { solidPng, startPictureHost } from '../integration/support/pictures.mjs';
import { ADA, GOOGLE, m2mToken, usersApi } from '../integration/support/localtenant.mjs';

async function newPage(t) {
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

// Every PATCH /api/profile the page sends.
function countPatches(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && new URL(r.url()).pathname === '/api/profile') seen.push(JSON.parse(r.postData()));
  });
  return seen;
}

// The user's record at the tenant, through the Management API (waiting out
// the tenant's small rate limit, which profiledesk shares).
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

// The draft where the app keeps it (its key in both storages), as text or null.
const DRAFT_KEY = 'profiledesk.draft';
const storedDrafts = (page) => page.evaluate((key) => ({
  session: window.sessionStorage.getItem(key), local: window.localStorage.getItem(key) }), DRAFT_KEY);
// What a session expiry leaves in the tab for `sub`.
const keptDraft = (sub) => JSON.stringify({ sub, version: '', base: { 'user_metadata.city': 'London' },
  draft: { 'user_metadata.city': 'Lisbon' } });

test('a database user changes a name and two metadata fields, reviews, saves, and sees them after a reload', async (t) => {
  const { tenant, pd } = await startStack(t);
  const { browser, page, errors } = await newPage(t);
  const patches = countPatches(page);

  const welcome = await openApp(page, pd.base);
  assert.equal(welcome.phase, 'signed_out');
  await screenshot(page, 'editor-01-welcome.png');

  await signInThroughForm(page, ADA);
  let s = await waitForState(page, (x) => x.phase === 'editing' && x.draft);
  assert.equal(s.user.name, 'Ada Lovelace');
  assert.equal(s.draft['user_metadata.city'], 'London');
  assert.equal(s.avatar.initials, 'AL');
  const editor = await screenshot(page, 'editor-02-signed-in.png');

  await typeInto(page, 'name', 'Ada King, Countess of Lovelace');
  await typeInto(page, 'user_metadata.city', 'Marylebone');
  await click(page, 'field:user_metadata.pronouns');
  await click(page, 'option:user_metadata.pronouns:she/her');
  s = await waitForState(page, (x) => x.changed.length === 3, { what: 'three changes' });
  assert.deepEqual(s.changed, ['name', 'user_metadata.pronouns', 'user_metadata.city']);
  assert.equal(s.draft.name, 'Ada King, Countess of Lovelace');  // fast typing lost nothing
  assert.deepEqual(s.errors, {});
  await screenshot(page, 'editor-03-edited.png');

  // Leaving now asks first.
  assert.equal(await page.evaluate(() => window.profileDesk._unsaved), true);

  await click(page, 'button:review');
  await waitForState(page, (x) => x.reviewOpen);
  for (const id of ['name', 'user_metadata.pronouns', 'user_metadata.city']) {
    assert.ok(await itemRect(page, `review:${id}`), `review lists ${id}`);
  }
  await screenshot(page, 'editor-04-review.png');
  assert.equal(patches.length, 0, 'review sends nothing');

  await click(page, 'button:review-save');
  s = await waitForState(page, (x) => x.phase === 'editing' && x.notice.startsWith('Saved'), { what: 'the save' });
  assert.equal(s.notice, 'Saved 3 changes.');
  assert.deepEqual(s.changed, []);
  assert.equal(patches.length, 1);
  assert.deepEqual(patches[0].changes, {
    name: 'Ada King, Countess of Lovelace',
    user_metadata: { city: 'Marylebone', pronouns: 'she/her' },
  });
  await screenshot(page, 'editor-05-saved.png');

  await page.reload();
  s = await waitForState(page, (x) => x.phase === 'editing' && x.draft, { what: 'the editor after reload' });
  assert.equal(s.draft.name, 'Ada King, Countess of Lovelace');
  assert.equal(s.draft['user_metadata.city'], 'Marylebone');
  assert.equal(s.draft['user_metadata.pronouns'], 'she/her');
  assert.equal(s.draftRestored, false);
  await screenshot(page, 'editor-06-reloaded.png');

  const record = await tenantUser(tenant, ADA.id);
  assert.equal(record.name, 'Ada King, Countess of Lovelace');
  assert.equal(record.user_metadata.city, 'Marylebone');
  assert.equal(record.user_metadata.pronouns, 'she/her');
  assert.deepEqual(record.user_metadata.prefs, { theme: 'dark', lang: 'en' }, 'metadata outside the schema untouched');
  assert.deepEqual(errors, []);
  // Last: decoding the PNG opens another page, which takes the focus.
  const stats = await pixelStats(browser, editor);
  assert.ok(stats.colours >= 4 && stats.foreground > 0.05, `no form drawn: ${JSON.stringify(stats)}`);
});

test('the keyboard: Tab order, Enter moves on, Esc reverts, Ctrl+S saves; fast typing keeps every character', async (t) => {
  const { tenant, pd } = await startStack(t);
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);

  await click(page, 'field:name');
  await waitForState(page, (x) => x.focused === 'name');
  await page.keyboard.press('Tab');
  let s = await waitForState(page, (x) => x.focused === 'given_name', { what: 'Tab to the first name' });
  await page.keyboard.press('Shift+Tab');
  await waitForState(page, (x) => x.focused === 'name', { what: 'Shift+Tab back' });
  await page.keyboard.press('Tab');
  await waitForState(page, (x) => x.focused === 'given_name');
  // Typing right after Tab lands in the newly focused field.
  await page.keyboard.press('Control+a');
  await page.keyboard.type('Augusta Ada');
  await page.keyboard.press('Enter');
  s = await waitForState(page, (x) => x.focused === 'family_name', { what: 'Enter to the last name' });
  assert.equal(s.draft.given_name, 'Augusta Ada');

  // Fast typing with editing keys in between: nothing lost, nothing out of order.
  await typeInto(page, 'user_metadata.bio', '');
  await page.keyboard.type('The first programmer; wrote notes on the Analytical Engine, 1843.');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('2!');
  s = await waitForState(page, (x) => x.draft['user_metadata.bio']?.endsWith('2!'), { what: 'the bio' });
  assert.equal(s.draft['user_metadata.bio'], 'The first programmer; wrote notes on the Analytical Engine, 1842!');

  // Esc reverts only the focused field.
  await typeInto(page, 'user_metadata.city', 'Paris');
  await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Paris');
  await page.keyboard.press('Escape');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'] === 'London', { what: 'Esc to revert' });
  assert.deepEqual(s.changed, ['given_name', 'user_metadata.bio']);
  // Tab from a text field to a combo (City -> Language) leaves the text field.
  await page.keyboard.press('Tab');
  s = await waitForState(page, (x) => x.focused === 'user_metadata.language', { what: 'Tab from City to Language' });
  await new Promise((r) => setTimeout(r, 300));
  s = await waitForState(page, (x) => x.focused === 'user_metadata.language', { what: 'Language keeps the focus' });
  await screenshot(page, 'editor-07-keyboard.png');

  await page.keyboard.press('Control+s');
  s = await waitForState(page, (x) => x.notice === 'Saved 2 changes.', { what: 'Ctrl+S to save' });
  const record = await tenantUser(tenant, ADA.id);
  assert.equal(record.given_name, 'Augusta Ada');
  assert.equal(record.user_metadata.bio, 'The first programmer; wrote notes on the Analytical Engine, 1842!');
  assert.equal(record.user_metadata.city, 'London');
});

test('a Google user sees read-only root fields with the reason and still saves metadata', async (t) => {
  const { tenant, pd } = await startStack(t);
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  await signInThroughForm(page, GOOGLE);
  let s = await waitForState(page, (x) => x.phase === 'editing' && x.draft);
  for (const id of ['name', 'nickname', 'given_name', 'family_name', 'picture', 'email']) {
    assert.ok(s.readOnly[id], `${id} is read-only`);
    assert.ok(await itemRect(page, `reason:${id}`), `the reason under ${id} is shown`);
  }
  assert.equal(s.readOnly.name, 'Managed by your Google account: change it there.');
  assert.ok(!s.focusOrder.includes('name'), 'Tab skips read-only fields');
  // The picture is on another origin, which the page's CSP does not let it load: initials.
  s = await waitForState(page, (x) => x.avatar.state === 'failed', { what: 'the avatar fallback' });
  assert.equal(s.avatar.initials, 'GG');

  // Typing into a read-only field changes nothing.
  await click(page, 'field:name');
  await page.keyboard.type('Someone Else');
  await typeInto(page, 'user_metadata.website', 'https://gina.example.com/about');
  await click(page, 'field:user_metadata.newsletter');
  s = await waitForState(page, (x) => x.changed.length === 2);
  assert.deepEqual(s.changed, ['user_metadata.website', 'user_metadata.newsletter']);
  assert.equal(s.draft.name, 'Gina Google');
  await screenshot(page, 'editor-08-google-read-only.png');

  await click(page, 'button:save');
  s = await waitForState(page, (x) => x.notice === 'Saved 2 changes.', { what: 'the save' });
  const record = await tenantUser(tenant, GOOGLE.id);
  assert.equal(record.user_metadata.website, 'https://gina.example.com/about');
  assert.equal(record.user_metadata.newsletter, true);
  assert.equal(record.name, 'Gina Google');
});

test('a validation error shows on the field and nothing is sent', async (t) => {
  const { pd } = await startStack(t);
  const { page } = await newPage(t);
  const patches = countPatches(page);
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);

  await typeInto(page, 'user_metadata.website', 'http//example.com');
  await typeInto(page, 'user_metadata.birthday', '2023-02-29');
  let s = await waitForState(page, (x) => x.errors['user_metadata.website'] && x.errors['user_metadata.birthday'],
    { what: 'the validation messages' });
  assert.ok(await itemRect(page, 'error:user_metadata.website'));
  assert.ok(await itemRect(page, 'error:user_metadata.birthday'));
  await screenshot(page, 'editor-09-validation.png');

  await click(page, 'button:save');
  await page.keyboard.press('Control+s');
  await click(page, 'button:review');
  await waitForState(page, (x) => x.reviewOpen, { what: 'the review' });
  await click(page, 'button:review-save');  // disabled while fields need attention
  await click(page, 'button:review-close');
  s = await waitForState(page, (x) => !x.reviewOpen, { what: 'the review to close' });
  assert.equal(s.phase, 'editing');
  assert.equal(s.savesSent, 0);
  assert.equal(patches.length, 0, 'no PATCH with invalid fields');

  // Fixing the field clears its message.
  await typeInto(page, 'user_metadata.birthday', '2024-02-29');
  s = await waitForState(page, (x) => !x.errors['user_metadata.birthday']);
  assert.ok(s.errors['user_metadata.website']);

  // Leaving with unsaved changes asks for confirmation.
  let dialog = null;
  page.on('dialog', async (d) => { dialog = d.type(); await d.dismiss(); });
  await page.close({ runBeforeUnload: true });
  const deadline = Date.now() + 5000;
  while (!dialog && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.equal(dialog, 'beforeunload');
});

test('two browsers edit the same field: the second gets the conflict dialog and the chosen value wins', async (t) => {
  const { tenant, pd } = await startStack(t);
  const first = await newPage(t);
  const second = await newPage(t);
  await openApp(first.page, pd.base);
  await signInThroughForm(first.page, ADA);
  await openApp(second.page, pd.base);
  await signInThroughForm(second.page, ADA);

  await typeInto(first.page, 'user_metadata.city', 'Oslo');
  await click(first.page, 'button:save');
  await waitForState(first.page, (x) => x.notice === 'Saved 1 change.', { what: 'the first save' });

  await typeInto(second.page, 'user_metadata.city', 'Bergen');
  await typeInto(second.page, 'nickname', 'enchantress');
  await click(second.page, 'button:save');
  let s = await waitForState(second.page, (x) => x.phase === 'conflict', { what: 'the conflict dialog' });
  assert.deepEqual(s.conflicts, [{ id: 'user_metadata.city', mine: 'Bergen', theirs: 'Oslo', choice: 'undecided' }]);
  assert.ok(await itemRect(second.page, 'conflict:user_metadata.city:mine'));
  await screenshot(second.page, 'editor-10-conflict.png');

  await click(second.page, 'conflict:user_metadata.city:mine');
  await waitForState(second.page, (x) => x.conflicts[0]?.choice === 'mine');
  await click(second.page, 'button:resolve');
  s = await waitForState(second.page, (x) => x.phase === 'editing' && x.notice.startsWith('Saved'),
    { what: 'the save after choosing' });
  assert.equal(s.draft['user_metadata.city'], 'Bergen');
  await screenshot(second.page, 'editor-11-conflict-resolved.png');

  const record = await tenantUser(tenant, ADA.id);
  assert.equal(record.user_metadata.city, 'Bergen');
  assert.equal(record.nickname, 'enchantress', 'the non-conflicting change went through too');
});

test('the session expires mid-edit: the draft survives sign-in and is saved after', async (t) => {
  const { tenant, pd } = await startStack(t, { env: { SESSION_IDLE_TIMEOUT: '3', SESSION_ABSOLUTE_TIMEOUT: '60' } });
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  await typeInto(page, 'user_metadata.city', 'Edinburgh');
  await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Edinburgh');
  // Idle longer than the session allows.
  await new Promise((r) => setTimeout(r, 3500));
  // The trip to /login is stopped once (a 204 leaves the page where it is),
  // to see where the draft went; then it is made in the same tab.
  let toLogin = null;
  await page.route(/\/login\?/, (route) => {
    toLogin = new URL(route.request().url());
    return route.fulfill({ status: 204 });
  }, { times: 1 });
  await click(page, 'button:save');

  // The app keeps the draft in the tab's sessionStorage (never localStorage,
  // which outlives the tab) and sends the person to sign in.
  let kept;
  for (const deadline = Date.now() + 10000; !(kept?.session || kept?.local) && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 50));
    kept = await storedDrafts(page);
  }
  assert.equal(kept.local, null, 'the draft went to localStorage');
  assert.ok(kept.session, 'no draft in sessionStorage');
  assert.equal(JSON.parse(kept.session).draft['user_metadata.city'], 'Edinburgh');
  for (const deadline = Date.now() + 10000; !toLogin && Date.now() < deadline;) await new Promise((r) => setTimeout(r, 50));
  assert.equal(toLogin?.pathname, '/login', 'the app did not go to sign in');
  await page.goto(toLogin.href);
  const s = await signInOnTenantPage(page, ADA);
  const restored = await waitForState(page, (x) => x.phase === 'editing' && x.draftRestored,
    { what: 'the restored draft' });
  assert.equal(restored.draft['user_metadata.city'], 'Edinburgh');
  assert.deepEqual(restored.changed, ['user_metadata.city']);
  assert.ok(s);
  await screenshot(page, 'editor-12-draft-restored.png');

  await click(page, 'button:save');
  await waitForState(page, (x) => x.notice === 'Saved 1 change.', { what: 'the save after sign-in' });
  const record = await tenantUser(tenant, ADA.id);
  assert.equal(record.user_metadata.city, 'Edinburgh');
  assert.deepEqual(await storedDrafts(page), { session: null, local: null }, 'the stored draft is gone once saved');
});

// Ada in the editor, against a tenant whose faults can be set (and no read
// cache, so each save reads the tenant); injectFault sets one.
async function adaWithFaults(t) {
  const { tenant, pd } = await startStack(t, {
    tenantArgs: ['--admin', '--rate-limit', '1000', '--rate-burst', '1000'],
    env: { PROFILE_CACHE_TTL_MS: '0' },
  });
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  return { tenant, page };
}

async function injectFault(tenant, fault) {
  const res = await fetch(`${tenant.issuer}admin/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(fault),
  });
  assert.ok(res.ok, `fault not set: ${res.status}`);
}

test('an upstream failure keeps the edits and Retry saves them', async (t) => {
  const { tenant, page } = await adaWithFaults(t);
  await typeInto(page, 'user_metadata.city', 'Cardiff');
  await typeInto(page, 'user_metadata.timezone', 'Europe/London');
  await waitForState(page, (x) => x.changed.length === 2);
  await injectFault(tenant, { endpoint: 'users_patch', kind: 'status', status: 500, count: 1 });

  await click(page, 'button:save');
  let s = await waitForState(page, (x) => x.phase === 'error', { what: 'the upstream error' });
  assert.equal(s.error.retry, 'save');
  assert.equal(s.draft['user_metadata.city'], 'Cardiff');
  assert.deepEqual(s.changed, ['user_metadata.city', 'user_metadata.timezone']);
  await screenshot(page, 'editor-13-upstream-error.png');

  await click(page, 'button:retry');
  s = await waitForState(page, (x) => x.notice === 'Saved 2 changes.', { what: 'the retried save' });
  const record = await tenantUser(tenant, ADA.id);
  assert.equal(record.user_metadata.city, 'Cardiff');
  assert.equal(record.user_metadata.timezone, 'Europe/London');
  await screenshot(page, 'editor-14-retried.png');
});

test('a busy provider: Retry counts down its Retry-After, refuses to act early, then saves', async (t) => {
  const { tenant, page } = await adaWithFaults(t);
  await typeInto(page, 'user_metadata.city', 'Swansea');
  await waitForState(page, (x) => x.changed.length === 1);
  // The save's read of the current record gets a 429 whose reset (9 s) is
  // past the request's deadline (8 s): profiledesk answers 503 with Retry-After.
  await injectFault(tenant, { endpoint: 'users_get', kind: 'status', status: 429, retry_after_s: 9, count: 1 });

  await click(page, 'button:save');
  let s = await waitForState(page, (x) => x.phase === 'error', { what: 'the rate-limited save' });
  // The state and the mirror's button, read together (the label changes each second).
  const retryNow = () => page.evaluate(() => {
    const b = [...document.querySelectorAll('#form-mirror button')].find((x) => /^Retry/.test(x.textContent));
    return { retryIn: window.profileDesk.state().error?.retryIn,
             button: b && { label: b.textContent, disabled: b.getAttribute('aria-disabled') === 'true' } };
  });
  const first = await retryNow();
  assert.ok(first.retryIn >= 4 && first.retryIn <= 10, `retryIn ${first.retryIn}`);
  assert.deepEqual(first.button, { label: `Retry in ${first.retryIn} s`, disabled: true });
  await screenshot(page, 'editor-13b-retry-countdown.png');
  const sent = s.savesSent;
  await click(page, 'button:retry');  // disabled while the server asks us to wait: nothing is sent
  s = await waitForState(page, (x) => x.error && x.error.retryIn < 5, { what: 'the countdown going on', timeout: 15000 });
  assert.equal(s.savesSent, sent);
  assert.equal(s.draft['user_metadata.city'], 'Swansea');

  s = await waitForState(page, (x) => x.error && x.error.retryIn === 0, { what: 'the wait over', timeout: 15000 });
  assert.deepEqual((await retryNow()).button, { label: 'Retry', disabled: false });
  await click(page, 'button:retry');
  await waitForState(page, (x) => x.notice === 'Saved 1 change.', { what: 'the retried save' });
  assert.equal((await tenantUser(tenant, ADA.id)).user_metadata.city, 'Swansea');
});

test('sign out ends the session and shows the welcome panel again, and no draft stays in the tab', async (t) => {
  const { pd } = await startStack(t);
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  // A draft a session expiry kept in this tab and nobody restored (its
  // person left at the sign-in page): the next person must not find it.
  await page.evaluate(([key, text]) => window.sessionStorage.setItem(key, text), [DRAFT_KEY, keptDraft(ADA.id)]);
  await click(page, 'button:sign-out');
  // /logout, the tenant's logout, and back to the app, signed out.
  const s = await waitForState(page, (x) => x.phase === 'signed_out', { what: 'the welcome panel', timeout: 25000 });
  assert.equal(s.user, null);
  assert.equal(new URL(page.url()).origin, pd.base);
  const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
  assert.equal(session.authenticated, false);
  assert.deepEqual(await storedDrafts(page), { session: null, local: null });
  await screenshot(page, 'editor-15-signed-out.png');
});

test('a link to /logout from anywhere signs no one out: its page\'s button does', async (t) => {
  const { tenant, pd } = await startStack(t);
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  const sessionNow = () => page.evaluate(() => fetch('/api/session').then((r) => r.json()));

  // A link on another site (the tenant's origin stands in for it): a
  // top-level GET, which carries our SameSite=Lax cookie.
  await page.goto(`${tenant.issuer}.well-known/openid-configuration`);
  await page.setContent(`<a id="bye" href="${pd.base}/logout">a link</a>`);
  await Promise.all([page.waitForURL(`${pd.base}/logout`), page.click('#bye')]);
  assert.match(await page.locator('h1').textContent(), /Sign out/);
  assert.equal((await sessionNow()).authenticated, true, 'following a link to /logout ended the session');
  await page.screenshot({ path: artifactPath('editor-15a-logout-page.png') });

  // The page's button: a form POST from our origin, then the provider's logout, then home.
  await page.click('button[type=submit]');
  const s = await waitForState(page, (x) => x.phase === 'signed_out', { what: 'the welcome panel', timeout: 25000 });
  assert.equal(s.user, null);
  assert.equal(new URL(page.url()).origin, pd.base);
  assert.equal((await sessionNow()).authenticated, false);
});

test('a blocked or deleted account is told so, not sent round the sign-in, and its draft is dropped', async (t) => {
  // profiledesk answers 401 account_blocked / account_deleted when the tenant
  // says so (and ends the user's sessions); localtenant's faults cannot make
  // it, so the browser is given that answer to the save.
  const { pd } = await startStack(t);
  for (const [code, message] of [
    ['account_deleted', 'This account no longer exists. Its unsaved changes were discarded.'],
    ['account_blocked', 'Your account has been blocked. Contact support.'],
  ]) {
    const { page } = await newPage(t);
    const navigations = [];
    page.on('framenavigated', (f) => { if (f === page.mainFrame()) navigations.push(f.url()); });
    await openApp(page, pd.base);
    await signInThroughForm(page, ADA);
    await page.evaluate(([key, text]) => window.sessionStorage.setItem(key, text), [DRAFT_KEY, keptDraft(ADA.id)]);
    await typeInto(page, 'user_metadata.city', 'Oslo');
    await waitForState(page, (x) => x.changed.length === 1);
    await page.route('**/api/profile', (route) => (route.request().method() === 'PATCH'
      ? route.fulfill({ status: 401, json: { error: code, message: 'The server\'s words.' } })
      : route.continue()));
    navigations.length = 0;

    await click(page, 'button:save');
    const s = await waitForState(page, (x) => x.phase === 'signed_out' && x.accountError !== '',
      { what: `the ${code} message` });
    assert.equal(s.accountError, message);
    assert.equal(s.user, null);
    assert.equal(s.profile, undefined, 'the account\'s profile is still in memory');
    assert.ok(await itemRect(page, 'text:account-error'));
    assert.ok(await itemRect(page, 'button:sign-in'));
    // The accessibility mirror says it as an alert.
    assert.equal(await page.locator('#m-alerts').textContent(), message);
    // No sign-in round trip, nothing of the account left in the tab.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(navigations, []);
    assert.deepEqual(await storedDrafts(page), { session: null, local: null });
    await screenshot(page, `editor-15c-${code}.png`);
  }
});

test('a draft an earlier version left in localStorage is removed when the app starts', async (t) => {
  const { pd } = await startStack(t);
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  await page.evaluate(([key, text]) => window.localStorage.setItem(key, text), [DRAFT_KEY, keptDraft(ADA.id)]);
  await page.reload();
  await waitForState(page, (x) => x.ready && x.phase === 'signed_out', { what: 'the app after reload' });
  assert.equal((await storedDrafts(page)).local, null);
});

test('sign out everywhere also signs out another browser of the same user', async (t) => {
  const { pd } = await startStack(t);
  const { page: laptop } = await newPage(t);
  const { page: phone } = await newPage(t);
  for (const page of [laptop, phone]) {
    await openApp(page, pd.base);
    await signInThroughForm(page, ADA);
  }
  await typeInto(phone, 'user_metadata.city', 'Bath');  // an edit left open on the other device
  await waitForState(phone, (x) => x.changed.length === 1);
  // The provider's auth_time has whole seconds: the sign-ins above must be in an earlier one.
  await new Promise((r) => setTimeout(r, 1100));

  await laptop.evaluate(([key, text]) => window.sessionStorage.setItem(key, text), [DRAFT_KEY, keptDraft(ADA.id)]);
  await click(laptop, 'button:sign-out-everywhere');
  const s = await waitForState(laptop, (x) => x.phase === 'signed_out', { what: 'the welcome panel', timeout: 25000 });
  assert.equal(s.user, null);
  assert.deepEqual(await storedDrafts(laptop), { session: null, local: null }, 'a draft stayed in the tab');
  await screenshot(laptop, 'editor-15b-signed-out-everywhere.png');
  const sessionOf = (page) => page.evaluate(() => fetch('/api/session').then((r) => r.json()));
  assert.equal((await sessionOf(phone)).authenticated, false, 'the other browser\'s session ended too');
  // Its next save finds the session gone: the edit is kept through a new
  // sign-in, for which the provider asks for credentials again (its own
  // session on this browser predates the sign-out everywhere).
  await click(phone, 'button:save');
  await phone.waitForSelector('#username', { timeout: 25000 });
  await signInOnTenantPage(phone, ADA);
  const restored = await waitForState(phone, (x) => x.phase === 'editing' && x.draftRestored,
                                      { what: 'the restored draft' });
  assert.equal(restored.draft['user_metadata.city'], 'Bath');
});

test('a same-origin picture is decoded by the browser into the avatar; until then, initials', async (t) => {
  const { pd } = await startStack(t);
  const { page } = await newPage(t);
  // The page's CSP only lets it load same-origin images, and the test users'
  // pictures are elsewhere: serve the profile with a picture of this origin.
  await page.route('**/api/profile', async (route) => {
    if (route.request().method() !== 'GET') return route.continue();
    const response = await route.fetch();
    const body = await response.json();
    body.user.picture = '/web/favicon.svg';
    await route.fulfill({ response, json: body });
  });
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  const s = await waitForState(page, (x) => x.avatar.state === 'ready' || x.avatar.state === 'failed',
    { what: 'the avatar' });
  assert.equal(s.avatar.state, 'ready');
  assert.equal(s.avatar.url, '/web/favicon.svg');
  assert.ok(await itemRect(page, 'avatar'));
  await screenshot(page, 'editor-16-avatar.png');
});

test('a picture on another origin (Gravatar, Google) reaches the avatar through /api/profile/picture', async (t) => {
  // The picture host: HTTPS on 127.0.0.1 behind a test CA, which profiledesk
  // trusts (CA_FILE) and may reach (PICTURE_ALLOW_PRIVATE_ADDRESSES: loopback).
  const ca = makeTestCA(tempDir(t, 'pd-e2e-picture-'));
  const host = await startPictureHost(t, ca, { '/ada.png': { type: 'image/png', body: solidPng(64, [220, 20, 60]) } });
  const { pd, tenant } = await startStack(t, {
    tenantArgs: ['--rate-limit', '1000', '--rate-burst', '1000'],
    env: { CA_FILE: ca.caPath, PICTURE_ALLOW_PRIVATE_ADDRESSES: 'true' },
  });
  const picture = host.url('/ada.png');
  const token = await m2mToken(tenant.issuer);
  assert.equal((await usersApi(tenant.issuer, token, ADA.id, { method: 'PATCH', body: { picture } })).status, 200);

  const { browser, page, errors } = await newPage(t);
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/api/profile/picture')) asked.push(r.url()); });
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  const s = await waitForState(page, (x) => x.avatar.state === 'ready' || x.avatar.state === 'failed',
    { what: 'the avatar' });
  assert.equal(s.avatar.state, 'ready');
  assert.equal(s.avatar.url, picture);
  assert.deepEqual(asked, [`${pd.base}/api/profile/picture?for=${encodeURIComponent(picture)}`]);
  assert.deepEqual(host.requests, ['/ada.png']);
  // The avatar shows the picture's crimson, not initials on the theme's colours.
  const shot = await shotOf(page, 'avatar', 'editor-17-avatar-proxied.png');
  const share = await inPngPage(browser, async (b64) => {
    const { data } = await window.decodePng(b64);
    let crimson = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - 220) < 12 && Math.abs(data[i + 1] - 20) < 12 && Math.abs(data[i + 2] - 60) < 12) ++crimson;
    }
    return crimson / (data.length / 4);
  }, shot.toString('base64'));
  assert.ok(share > 0.3, `only ${Math.round(share * 100)}% of the avatar is the picture's colour`);
  assert.deepEqual(errors, []);
});
