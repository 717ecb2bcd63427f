// "Sign-in and security", end to end (issue 17): real profiledesk, real
// localtenant, mail into a folder shown by the development outbox page, and a
// person's mouse and keyboard on the canvas. The email change asks to sign in
// again (the sign-in is made stale at the tenant), comes back to the same step
// with the address kept, mails the link, and the link changes the address; the
// password change shows the rules live, refuses a weak one, takes a good one,
// signs out a second browser of the same user, and the new password signs in.
// The two journeys are separate tests: each needs only its own server routes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './support/browser.mjs';
import { click, openApp, screenshot, signInOnTenantPage, signInThroughForm, typeInto, waitForState }
  from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { tempDir } from '../integration/support/processes.mjs';
import { ADA, testSeed } from '../integration/support/localtenant.mjs';

const NEW_EMAIL = 'ada.new@example.com';
const NEW_PASSWORD = 'Correct-Horse-7';

function seed() {
  const s = testSeed();
  s.connections[0].options = { passwordPolicy: 'good' };  // Auth0's "good": 8 characters, 3 kinds
  return s;
}

// The tenant dates `user`'s next sign-in `seconds` back (its admin API), so
// the app's first sign-in is no longer recent.
async function backdateNextSignIn(tenant, user, seconds) {
  const res = await fetch(new URL('admin/sign-in-age', tenant.issuer), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: user.id, seconds }),
  });
  assert.equal(res.status, 204);
}

// A browser of its own (its own cookies and storage), closed when the test ends.
async function newPage(t) {
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

async function stack(t) {
  const outbox = tempDir(t);
  const s = await startStack(t, {
    seed: seed(),
    tenantArgs: ['--admin', '--rate-limit', '1000', '--rate-burst', '1000', '--sign-in-per-minute', '1000'],
    env: { MAIL_URL: `file:${outbox}`, MAIL_FROM: 'no-reply@desk.test', DEV_OUTBOX: 'true' },
  });
  return s;
}

// The password step: the rules live, a weak one refused (nothing sent), then
// `password` twice and Save; waits until the change is done.
async function changePassword(page, password, { open = true } = {}) {
  if (open) await click(page, 'button:account:password-open');
  let s = await waitForState(page, (x) => x.account.open === 'password' && x.focused === 'account.password');
  assert.deepEqual(s.account.rules.map((r) => [r.id, r.met]), [['length', false], ['max_bytes', true], ['kinds', false]]);
  await typeInto(page, 'account.password', 'abcdefgh');
  s = await waitForState(page, (x) => x.account.passwordLength === 8);
  assert.deepEqual(s.account.rules.filter((r) => !r.met).map((r) => r.id), ['kinds']);
  await page.keyboard.press('Enter');  // on to "Repeat it"
  await waitForState(page, (x) => x.focused === 'account.confirm');
  await typeInto(page, 'account.confirm', 'abcdefgh');
  s = await waitForState(page, (x) => x.account.passwordsMatch);
  assert.equal(s.account.canSavePassword, false, 'a weak password cannot be sent');
  const sent = [];
  const count = (r) => { if (new URL(r.url()).pathname === '/api/account/password') sent.push(r.method()); };
  page.on('request', count);
  await page.keyboard.press('Enter');
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(sent, [], 'Enter on a weak password sends nothing');
  page.off('request', count);
  // The mirror lists the rules as a list, each said met or not.
  const rules = await page.locator('#form-mirror ul[aria-label="Password rules"] li').allTextContents();
  assert.ok(rules.includes('Not met: At least 3 of: lower-case, upper-case, digits, special characters'), rules.join('|'));
  await screenshot(page, 'account_security/password-weak.png');

  await typeInto(page, 'account.password', password);
  await typeInto(page, 'account.confirm', password);
  s = await waitForState(page, (x) => x.account.canSavePassword);
  assert.ok(s.account.rules.every((r) => r.met));
  await page.keyboard.press('Enter');
}

test('change password after signing in again: the step comes back, the rules live, the other browser signed out, the new password signs in', async (t) => {
  const { tenant, pd } = await stack(t);
  const { page, errors } = await newPage(t);
  await backdateNextSignIn(tenant, ADA, 600);
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  let s = await waitForState(page, (x) => x.account && x.account.passwordChange);
  // ("your email or password" once the server offers both.)
  assert.match(s.account.reauthNotice, /^You'll be asked to sign in again to change your (email or )?password\.$/);
  const live = await page.locator('#form-mirror [role=status]', { hasText: "You'll be asked to sign in again" }).count();
  assert.equal(live, 1, 'the mirror says it in a live region');
  // An unsaved edit of the profile survives the round trip too.
  await typeInto(page, 'user_metadata.city', 'Lisbon');

  // A second browser (another context: its own cookies), signed in as Ada too.
  const other = await newPage(t);
  await openApp(other.page, pd.base);
  await signInThroughForm(other.page, ADA);

  // Stale sign-in: Save answers 401 reauthentication_required; the tenant's form; back to the step.
  await changePassword(page, NEW_PASSWORD);
  await page.waitForURL((u) => !u.href.startsWith(pd.base), { timeout: 20000 });
  await signInOnTenantPage(page, ADA);
  s = await waitForState(page, (x) => x.account.open === 'password' && x.focused === 'account.password',
    { what: 'the password step reopened' });
  assert.equal(s.account.passwordLength, 0, 'the password was never kept');
  assert.equal(s.draft['user_metadata.city'], 'Lisbon', 'the unsaved edit came back');
  assert.equal(new URL(page.url()).search, '', 'the resume query is cleaned from the address');
  assert.equal(await page.evaluate(() => window.sessionStorage.getItem('profiledesk.reauth')), null);
  assert.match(s.account.notice, /You signed in again/);
  await changePassword(page, NEW_PASSWORD, { open: false });
  s = await waitForState(page, (x) => x.account.open === 'none' && /Your password was changed/.test(x.account.notice),
    { what: 'the password changed' });
  assert.equal(s.phase, 'editing', 'this browser stays signed in');
  await screenshot(page, 'account_security/password-changed.png');

  // This browser keeps working (its renewed session and CSRF token): the kept edit saves.
  await click(page, 'button:save');
  await waitForState(page, (x) => x.profile.saved['user_metadata.city'] === 'Lisbon', { what: 'a save after the change' });

  // The other browser was signed out.
  await other.page.reload();
  await waitForState(other.page, (x) => x.ready && x.phase === 'signed_out', { what: 'the other browser signed out' });

  // The new password signs in (a fresh browser: no tenant session).
  const fresh = await newPage(t);
  await openApp(fresh.page, pd.base);
  await signInThroughForm(fresh.page, { ...ADA, password: NEW_PASSWORD });

  assert.deepEqual(errors, []);
  assert.deepEqual(other.errors, []);
  assert.deepEqual(fresh.errors, []);
});

test('change email through a re-authentication and the mailed link: the editor shows the new address', async (t) => {
  const { tenant, pd } = await stack(t);
  const { page, errors } = await newPage(t);

  await backdateNextSignIn(tenant, ADA, 600);
  await openApp(page, pd.base);
  let s = await signInThroughForm(page, ADA);
  // Before starting, the part says which changes will ask to sign in again.
  s = await waitForState(page, (x) => x.account && x.account.emailChange);
  assert.match(s.account.reauthNotice, /You'll be asked to sign in again to change your email/);

  // ---- Email: the step, a 401 reauthentication_required, the tenant's form, back to the same step.
  await click(page, 'button:account:email-open');
  await typeInto(page, 'account.newEmail', NEW_EMAIL);
  await waitForState(page, (x) => x.account.canSendLink);
  await page.keyboard.press('Enter');  // Enter sends, as in any form
  await page.waitForURL((u) => !u.href.startsWith(pd.base), { timeout: 20000 });
  await signInOnTenantPage(page, ADA);
  s = await waitForState(page, (x) => x.account.open === 'email' && x.account.newEmail === NEW_EMAIL,
    { what: 'the email step reopened with the address' });
  assert.equal(new URL(page.url()).search, '', 'the resume query is cleaned from the address');
  assert.equal(await page.evaluate(() => window.sessionStorage.getItem('profiledesk.reauth')), null);
  assert.ok(s.account.recentSignInLeft > 0);
  await screenshot(page, 'account_security/email-step-resumed.png');

  await click(page, 'button:account:email-send');
  s = await waitForState(page, (x) => x.account.pendingEmail && x.account.pendingEmail.address === NEW_EMAIL,
    { what: 'the pending change' });
  assert.match(s.account.notice, /We sent a link to ada\.new@example\.com/);
  assert.equal(s.profile.email, ADA.email, 'nothing applied before the link is followed');
  await screenshot(page, 'account_security/email-pending.png');

  // The mail, in the development outbox; its link followed in the same browser.
  await page.goto(`${pd.base}/dev/outbox`);
  const link = page.locator('a[href*="/account/email/confirm?token="]').first();
  await link.waitFor({ timeout: 15000 });
  const href = await link.getAttribute('href');
  await page.goto(href);
  // The confirmation page, then the app.
  const appLink = page.locator('a[href="/"]');
  if (await appLink.count()) await appLink.first().click();
  else await page.goto(pd.base + '/');
  s = await waitForState(page, (x) => x.phase === 'editing' && x.profile && x.profile.email === NEW_EMAIL,
    { what: 'the editor showing the new address' });
  assert.equal(s.account.pendingEmail, null);
  await screenshot(page, 'account_security/email-changed.png');

  assert.deepEqual(errors, []);
});
