// "Your devices and your account" in the browser (issue 18), with localtenant
// and profiledesk: where you're signed in across two browsers (one ends the
// other, which is signed out at its next request), Download my data (a real
// download, parsed), and deleting the account (typed email, the farewell,
// then no sign-in as that user). Both the canvas and the form mirror (the
// keyboard's way in) are used.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchBrowser } from './support/browser.mjs';
import { click, openApp, screenshot, signInOnTenantPage, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { ADA, CLIENT_ID, testSeed } from '../integration/support/localtenant.mjs';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0';

async function signedInPage(t, pd, user, contextOptions = {}) {
  const context = await launchBrowser({ viewport: { width: 1280, height: 900 }, acceptDownloads: true, ...contextOptions });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, pd.base);
  await signInThroughForm(page, user);
  await waitForState(page, (s) => s.phase === 'editing' && s.draft, { what: 'the editor' });
  return { page, errors };
}

const listed = (page, n, what) => waitForState(page,
  (s) => s.devices.listStatus === 'ready' && s.devices.sessions.length === n, { what });

// A mirror button, operated from the keyboard as a keyboard user would.
async function pressMirrorButton(page, action) {
  const button = page.locator(`#form-mirror button[data-action="${action}"]`);
  await button.focus();
  await page.keyboard.press('Enter');
}

test('two browsers: each lists both sessions with itself marked; one signs the other out', async (t) => {
  const { pd } = await startStack(t);
  const chrome = await signedInPage(t, pd, ADA);
  const firefox = await signedInPage(t, pd, ADA, { userAgent: FIREFOX_WINDOWS });

  // Opening the section lists the sessions (the canvas's button).
  await click(chrome.page, 'button:sessions-toggle');
  let s = await listed(chrome.page, 2, 'both sessions in the first browser');
  const mine = s.devices.sessions.find((x) => x.current);
  const other = s.devices.sessions.find((x) => !x.current);
  assert.equal(other.device, 'Firefox on Windows');
  assert.notEqual(mine.device, 'Firefox on Windows');
  assert.equal(mine.action, null, 'this device is signed out with "Sign out", not from the list');
  assert.equal(other.lastActive, 'just now');
  assert.match(other.address, /x/, 'the address is shortened');

  // The other browser sees the same two, itself marked (through the mirror, by keyboard).
  await pressMirrorButton(firefox.page, 'sessions-toggle');
  const seen = await listed(firefox.page, 2, 'both sessions in the second browser');
  assert.equal(seen.devices.sessions.find((x) => x.current).device, 'Firefox on Windows');

  // The accessibility mirror: a table with both, this device said so, one Sign out button.
  const rows = await chrome.page.locator('#m-sessions tbody tr').allTextContents();
  assert.equal(rows.length, 2);
  assert.equal(rows.filter((r) => r.includes('(this device)')).length, 1);
  assert.equal(await chrome.page.locator('#m-sessions tbody button').count(), 1);
  assert.equal(await chrome.page.locator('#form-mirror button[data-action="sessions-toggle"]').getAttribute('aria-expanded'), 'true');

  // Sign out the other one from the canvas; the list comes back with one, and the result is announced.
  await click(chrome.page, `button:${other.action.id}`);
  s = await waitForState(chrome.page, (x) => x.devices.result === 'Signed out Firefox on Windows.'
    && x.devices.listStatus === 'ready' && x.devices.sessions.length === 1, { what: 'the other session ended' });
  assert.equal(s.devices.sessions[0].current, true);
  assert.equal(await chrome.page.locator('#m-devices [role=status]').textContent(), 'Signed out Firefox on Windows.');
  await screenshot(chrome.page, 'account_devices/wide-sessions.png');

  // The other browser is signed out at its next request (here: listing again).
  await pressMirrorButton(firefox.page, 'sessions-toggle');  // closes
  await pressMirrorButton(firefox.page, 'sessions-toggle');  // opens: GET /api/sessions
  await waitForState(firefox.page, (x) => x.phase === 'signed_out' && !x.user, { what: 'the second browser signed out' });
  assert.deepEqual([...chrome.errors, ...firefox.errors], []);
});

test('sign out all other sessions, in the phone layout', async (t) => {
  const { pd } = await startStack(t);
  const phone = await signedInPage(t, pd, ADA, { viewport: { width: 390, height: 800 } });
  await signedInPage(t, pd, ADA, { userAgent: FIREFOX_WINDOWS });
  await signedInPage(t, pd, ADA, { userAgent: FIREFOX_WINDOWS });

  await click(phone.page, 'button:sessions-toggle');
  await listed(phone.page, 3, 'three sessions');
  await click(phone.page, 'button:end-other-sessions');
  const s = await waitForState(phone.page, (x) => x.devices.result === 'Signed out of all other sessions.'
    && x.devices.listStatus === 'ready' && x.devices.sessions.length === 1, { what: 'only this one left' });
  assert.equal(s.devices.sessions[0].current, true);
  await screenshot(phone.page, 'account_devices/phone-sessions.png');
  assert.deepEqual(phone.errors, []);
});

test('Download my data: one click saves a JSON file with the profile and no token', async (t) => {
  const { pd } = await startStack(t);
  const { page, errors } = await signedInPage(t, pd, ADA);
  // The section sits below the form: the wheel brings the button above the bottom bar first.
  for (let i = 0; i < 20; i++) {
    const r = await page.evaluate(() => window.profileDesk.itemRect('button:export-data'));
    if (r && r.visible && r.y + r.h < page.viewportSize().height - 60) break;
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, 200);
    await page.waitForTimeout(50);
  }
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'button:export-data')]);
  assert.match(download.suggestedFilename(), /\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  const data = JSON.parse(text);
  assert.ok(text.includes(ADA.email), 'the user\'s data is in it');
  assert.ok(data && typeof data === 'object');
  for (const secret of ['access_token', 'refresh_token', 'id_token', 'client_secret', 'password']) {
    assert.ok(!text.includes(`"${secret}"`), `no ${secret} in the export`);
  }
  await waitForState(page, (s) => s.devices.result === 'Your data was downloaded as a JSON file.', { what: 'the result' });
  assert.deepEqual(errors, []);
});

test('Delete my account: typed email, the farewell, then that user cannot sign in', async (t) => {
  // profiledesk's client may delete users (ALLOW_ACCOUNT_DELETION needs delete:users).
  const seed = testSeed();
  seed.clients.find((c) => c.client_id === CLIENT_ID).management_api_scopes.push('delete:users');
  const { pd } = await startStack(t, { seed, env: { ALLOW_ACCOUNT_DELETION: 'true' } });
  const { page, errors } = await signedInPage(t, pd, ADA);

  await click(page, 'button:delete-open');
  await waitForState(page, (s) => s.devices.delete !== null, { what: 'the deletion step' });
  const confirm = page.locator('#form-mirror button[data-action="delete-confirm"]');
  assert.equal(await confirm.getAttribute('aria-disabled'), 'true', 'disabled until the email is typed');
  // The confirmation field is a labelled input inside the step, in the mirror.
  const field = page.locator('#m-devices input');
  assert.match(await page.locator('#m-devices label').textContent(), /ada@example\.com/);
  await field.focus();
  await page.keyboard.type('ada@example.co');
  assert.equal(await confirm.getAttribute('aria-disabled'), 'true');
  await page.keyboard.type('m');
  await waitForState(page, (s) => s.devices.delete.actions[0].enabled, { what: 'the button enabled' });
  await pressMirrorButton(page, 'delete-confirm');

  // Should the server ask to sign in again (a sign-in older than 5 minutes on
  // a slow machine): the tenant's form, then back to the step with the email kept.
  const settled = await waitForState(page, (s) => s.devices.farewell || s.phase === 'loading', { what: 'the answer' });
  if (!settled.devices.farewell) {
    await signInOnTenantPage(page, ADA);
    await waitForState(page, (s) => s.devices.delete && s.devices.delete.actions[0].enabled,
      { what: 'the step reopened with the email kept' });
    await click(page, 'button:delete-confirm');
  }
  const gone = await waitForState(page, (s) => s.devices.farewell, { what: 'the farewell' });
  assert.equal(gone.user, null);
  assert.equal(await page.locator('#m-heading').textContent(), 'Your account has been deleted');

  // The session is gone at the server too, and the tenant no longer knows the user.
  const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
  assert.equal(session.authenticated, false);
  await click(page, 'button:sign-in');
  await page.waitForSelector('#username');
  await page.fill('#username', ADA.email);
  await page.fill('#password', ADA.password);
  await page.click('button[type=submit]');
  await page.waitForSelector('text=Wrong email or password.');
  assert.deepEqual(errors, []);
});
