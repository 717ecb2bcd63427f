// Issue 17, the password change and the re-authentication it needs:
// POST /api/account/password against localtenant (a real tenant over HTTP),
// /login?reauth=password through the tenant's prompt=login, and what a change
// does to the user's other sessions and to signing in at the tenant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADA, GOOGLE, GRACE, authorizeParams, form, hiddenFields, m2mToken, signIn as tenantSignIn, testSeed, usersApi,
} from './support/localtenant.mjs';
import { Browser, json, signIn, startStack } from './support/profiledesk.mjs';
import { startSmtp } from './support/smtp.mjs';

const STRONG = 'Correct-Horse-7';

// `options`: the database connection's; `scopes`: profiledesk's client grant.
function seed(options = { passwordPolicy: 'good' }, scopes = ['read:users', 'update:users', 'read:connections']) {
  const s = testSeed();
  // Auth0's "good": 8 characters, 3 of lower, upper, digit, special.
  s.connections[0].options = options;
  s.clients[0].management_api_scopes = scopes;
  return s;
}

async function stack(t, seedDoc = seed(), env = {}) {
  return startStack(t, {
    seed: seedDoc,
    env,
    tenantArgs: ['--admin', '--rate-limit', '1000', '--rate-burst', '1000', '--sign-in-per-minute', '1000'],
  });
}

// The tenant dates `user`'s next sign-in `seconds` back (its admin API).
async function backdateNextSignIn(s, user, seconds) {
  const res = await fetch(new URL('admin/sign-in-age', s.tenant.issuer), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user_id: user.id, seconds }),
  });
  assert.equal(res.status, 204);
}

async function csrfOf(s, browser) {
  return (await (await browser.fetch(`${s.base}/api/session`)).json()).csrfToken;
}

function changePassword(s, browser, csrfToken, password, headers = {}) {
  return browser.fetch(`${s.base}/api/account/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, origin: s.base, ...headers },
    body: JSON.stringify({ password }),
  });
}

// Follows a re-authentication URL as a browser: our /login, the tenant's form
// (it must ask: prompt=login), `user`'s credentials, our /callback.
async function reauthenticate(s, browser, url, user) {
  const login = await browser.fetch(new URL(url, s.base).href);
  assert.equal(login.status, 302);
  const authorize = new URL(login.headers.get('location'));
  assert.equal(authorize.searchParams.get('prompt'), 'login');
  assert.equal(authorize.searchParams.get('max_age'), '0');
  const page = await browser.fetch(authorize.href);
  assert.equal(page.status, 200, 'the tenant asks for credentials despite its session');
  const posted = await browser.fetch(new URL('u/login', s.tenant.issuer).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...hiddenFields(await page.text()), username: user.email, password: user.password }),
  });
  assert.equal(posted.status, 302);
  return browser.fetch(posted.headers.get('location'));
}

const sessionCookie = (s, browser) => browser.cookie(s.base, 'pd_session') ?? browser.cookie(s.base, '__Host-pd_session');

// A sign-in at the tenant alone (no tenant session): does this password work?
async function tenantAccepts(s, user, password) {
  const params = authorizeParams({ redirect_uri: `${s.base}/callback` });
  const { response } = await tenantSignIn(s.tenant.issuer, { user: { ...user, password }, params });
  return response.status === 302;
}

test('a stale sign-in gets 401 with the re-authentication URL; following it resumes with a fresh session and the change goes through', async (t) => {
  const s = await stack(t);
  await backdateNextSignIn(s, ADA, 600);
  const { browser } = await signIn(s, ADA);
  const before = sessionCookie(s, browser);
  assert.ok(before);

  const view = await json(await browser.fetch(`${s.base}/api/profile`));
  assert.equal(view.body.account.passwordChange, true);
  assert.equal(view.body.account.recentSignInFor, 0, 'a 10-minute-old sign-in is not recent');

  const stale = await json(await changePassword(s, browser, await csrfOf(s, browser), STRONG));
  assert.equal(stale.status, 401);
  assert.equal(stale.body.error, 'reauthentication_required');
  assert.equal(stale.body.reauthenticateUrl, '/login?reauth=password');

  const back = await reauthenticate(s, browser, stale.body.reauthenticateUrl, ADA);
  assert.equal(back.status, 302);
  assert.equal(back.headers.get('location'), '/?resume=password');
  const after = sessionCookie(s, browser);
  assert.ok(after && after !== before, 'a new session id after re-authentication');
  const old = new Browser();
  old.setCookie(s.base, 'pd_session', before);
  assert.equal((await (await old.fetch(`${s.base}/api/session`)).json()).authenticated, false, 'the old id is gone');

  const fresh = await json(await browser.fetch(`${s.base}/api/profile`));
  assert.ok(fresh.body.account.recentSignInFor > 240, `recentSignInFor ${fresh.body.account.recentSignInFor}`);
  const changed = await json(await changePassword(s, browser, await csrfOf(s, browser), STRONG));
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(typeof changed.body.csrfToken, 'string');
});

test('unknown actions are refused without echoing them; a re-authentication answered with an old auth_time changes nothing', async (t) => {
  const s = await stack(t);
  const { browser } = await signIn(s, ADA);
  const cookie = sessionCookie(s, browser);

  const odd = await browser.fetch(`${s.base}/login?reauth=%3Cscript%3Eboom`);
  assert.equal(odd.status, 400);
  assert.doesNotMatch(await odd.text(), /script|boom/);

  // The tenant answers with a sign-in dated 10 minutes back: not a fresh one.
  await backdateNextSignIn(s, ADA, 600);
  const refused = await reauthenticate(s, browser, '/login?reauth=password', ADA);
  assert.equal(refused.status, 403);
  assert.match(await refused.text(), /sign in/i);
  assert.equal(sessionCookie(s, browser), cookie, 'no new session');
  const still = await (await browser.fetch(`${s.base}/api/session`)).json();
  assert.equal(still.authenticated, true, 'and the old one still works');
});

test('another user signing in at the re-authentication prompt gets a session of their own and no resume', async (t) => {
  const s = await stack(t);
  const { browser } = await signIn(s, ADA);
  const back = await reauthenticate(s, browser, '/login?reauth=password', GRACE);
  assert.equal(back.status, 302);
  assert.equal(back.headers.get('location'), '/');
  const who = await (await browser.fetch(`${s.base}/api/session`)).json();
  assert.equal(who.user.sub, GRACE.id);
});

test('a weak password is refused with the rules it misses, by us and by the tenant; bad requests are refused', async (t) => {
  const s = await stack(t);
  const { browser } = await signIn(s, ADA);
  const csrf = await csrfOf(s, browser);

  const weak = await json(await changePassword(s, browser, csrf, 'short'));
  assert.equal(weak.status, 400);
  assert.equal(weak.body.error, 'password_too_weak');
  assert.deepEqual(weak.body.rules, ['length', 'kinds']);

  // The tenant checks too (it is the authority), with Auth0's message.
  const token = await m2mToken(s.tenant.issuer);
  const direct = await usersApi(s.tenant.issuer, token, ADA.id, {
    method: 'PATCH', body: { password: 'alllowercase', connection: 'Username-Password-Authentication' } });
  assert.equal(direct.status, 400);
  assert.match(direct.body.message, /^PasswordStrengthError: Password is too weak/);

  assert.equal((await changePassword(s, browser, csrf, STRONG, { origin: 'https://evil.example' })).status, 403);
  assert.equal((await changePassword(s, browser, 'forged', STRONG)).status, 403);
  const asForm = await browser.fetch(`${s.base}/api/account/password`, {
    method: 'POST', headers: { 'content-type': 'text/plain', 'x-csrf-token': csrf, origin: s.base }, body: '{}' });
  assert.equal(asForm.status, 415);
  const noField = await json(await browser.fetch(`${s.base}/api/account/password`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin: s.base },
    body: JSON.stringify({ password: STRONG, email: 'x@example.com' }) }));
  assert.equal(noField.status, 400);
  assert.equal((await changePassword(s, new Browser(), csrf, STRONG)).status, 401);
  assert.ok(await tenantAccepts(s, ADA, ADA.password), 'nothing was changed');
});

test("the connection's policy comes from the tenant (read:connections), and is enforced before the tenant is asked", async (t) => {
  const s = await stack(t, seed({ passwordPolicy: 'excellent', password_complexity_options: { min_length: 16 } }));
  const { browser } = await signIn(s, ADA);
  const view = await json(await browser.fetch(`${s.base}/api/profile`));
  assert.deepEqual(view.body.account.passwordPolicy, { level: 'excellent', minLength: 16 });
  const weak = await json(await changePassword(s, browser, await csrfOf(s, browser), 'Correct-Horse-77'.slice(0, 15)));
  assert.equal(weak.status, 400);
  assert.deepEqual(weak.body.rules, ['length']);
  const triples = await json(await changePassword(s, browser, await csrfOf(s, browser), 'Correct-Horse-777'));
  assert.deepEqual(triples.body.rules, ['no_triples']);
  assert.equal((await changePassword(s, browser, await csrfOf(s, browser), 'Correct-Horse-787')).status, 200);
});

test('without read:connections the policy falls back to "good", and the tenant still refuses what its policy does', async (t) => {
  const s = await stack(t, seed({ passwordPolicy: 'excellent' }, ['read:users', 'update:users']));
  const { browser } = await signIn(s, ADA);
  const view = await json(await browser.fetch(`${s.base}/api/profile`));
  assert.deepEqual(view.body.account.passwordPolicy, { level: 'good' });
  // "good" here, not "excellent" there (too short for it): the tenant's 400 is ours too.
  const res = await json(await changePassword(s, browser, await csrfOf(s, browser), 'Abc-12345'));
  assert.equal(res.status, 400);
  assert.equal(res.body.error, 'password_too_weak');
  assert.deepEqual(res.body.rules, []);
});

test('social users cannot change a password here', async (t) => {
  const s = await stack(t);
  const { browser } = await signIn(s, GOOGLE);
  const view = await json(await browser.fetch(`${s.base}/api/profile`));
  assert.equal(view.body.account.passwordChange, false);
  const res = await json(await changePassword(s, browser, await csrfOf(s, browser), STRONG));
  assert.equal(res.status, 403);
  assert.equal(res.body.error, 'account_change_not_allowed');
});

test('a password change ends the other sessions, keeps this browser signed in, only the new password signs in, and the user is told', async (t) => {
  const smtp = await startSmtp(t);
  const s = await stack(t, seed(), { MAIL_URL: smtp.url, MAIL_FROM: 'no-reply@profiledesk.test' });
  const laptop = (await signIn(s, ADA)).browser;
  const phone = (await signIn(s, ADA)).browser;
  const grace = (await signIn(s, GRACE)).browser;
  const before = sessionCookie(s, laptop);
  // Whoever holds the phone (and knew the old password) starts moving the account to their address.
  const moved = await phone.fetch(`${s.base}/api/account/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: s.base, 'x-csrf-token': await csrfOf(s, phone) },
    body: JSON.stringify({ email: 'intruder@example.com' }),
  });
  assert.equal(moved.status, 202, await moved.text());

  const res = await json(await changePassword(s, laptop, await csrfOf(s, laptop), STRONG));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.notEqual(sessionCookie(s, laptop), before, 'this browser got a new session id');
  assert.equal((await laptop.fetch(`${s.base}/api/profile`)).status, 200, 'this browser stays signed in');
  assert.equal(await csrfOf(s, laptop), res.body.csrfToken);
  assert.equal((await phone.fetch(`${s.base}/api/profile`)).status, 401, 'the other session ended');
  assert.equal((await grace.fetch(`${s.base}/api/profile`)).status, 200, 'other users are untouched');
  const after = await json(await laptop.fetch(`${s.base}/api/profile`));
  assert.equal(after.body.account.pendingEmail, undefined, 'the pending email change was dropped');
  // The phone's own sign-in at the provider predates the change (aged, since
  // times are whole seconds and this test runs within one): its single
  // sign-on gets no session here, the provider is asked for credentials.
  const aged = await fetch(new URL('admin/sessions/age', s.tenant.issuer), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 30 }),
  });
  assert.equal(aged.status, 204);
  const login = await phone.fetch(`${s.base}/login`);
  const sso = await phone.fetch(login.headers.get('location'));
  assert.equal(sso.status, 302, 'the provider still signs the phone in silently');
  const callback = await phone.fetch(sso.headers.get('location'));
  assert.equal(callback.status, 302);
  assert.equal(new URL(callback.headers.get('location')).searchParams.get('prompt'), 'login');
  assert.equal((await phone.fetch(`${s.base}/api/profile`)).status, 401, 'no session from the old sign-in');

  assert.ok(await tenantAccepts(s, ADA, STRONG), 'the new password signs in at the tenant');
  assert.ok(!(await tenantAccepts(s, ADA, ADA.password)), 'the old one does not');
  const record = await usersApi(s.tenant.issuer, await m2mToken(s.tenant.issuer), ADA.id);
  assert.ok(Date.parse(record.body.last_password_reset) > Date.now() - 60000, 'last_password_reset is set');

  const notice = (await smtp.waitForMessages(2)).find((m) => /password was changed/i.test(m.subject));
  assert.deepEqual(notice.rcpt_tos, [ADA.email], "to the user's address");
  assert.match(notice.subject, /password was changed/i);
  assert.match(notice.text, /did not/);
  assert.ok(!notice.text.includes(STRONG), 'the notice never carries the password');

  assert.ok(!s.pd.output().stderr.includes(STRONG), 'the password is in no log line');
  assert.ok(!s.tenant.output().stderr.includes(STRONG));
});
