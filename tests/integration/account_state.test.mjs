// A user the tenant no longer lets in: an admin blocks them (`blocked: true`)
// or deletes them. Their sessions at profiledesk end at the next call that
// reaches the tenant (401 account_blocked / account_deleted), every browser
// and device at once, and nothing more is read or written for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADA, GRACE, authorizeParams, m2mToken, signIn as tenantSignIn, startTenant, testSeed, usersApi,
} from './support/localtenant.mjs';
import { Browser, json, signIn, startStack } from './support/profiledesk.mjs';

// The test seed plus an admin's machine-to-machine client, which may block and delete users.
const ADMIN = { clientId: 'admin-tool', secret: 'admin-tool-secret' };
function seedWithAdmin() {
  const seed = testSeed();
  seed.clients.push({
    client_id: ADMIN.clientId, client_secret: ADMIN.secret, grant_types: ['client_credentials'],
    management_api_scopes: ['read:users', 'update:users', 'delete:users'],
  });
  return seed;
}

// No read cache: "the next call that reaches the tenant" is the next call.
// (With the default PROFILE_CACHE_TTL_MS, a read may be answered from the
// cache for up to 5 s after the block.)
async function stack(t) {
  return startStack(t, { seed: seedWithAdmin(), tenantArgs: ['--rate-limit', '1000', '--rate-burst', '1000'],
                         env: { PROFILE_CACHE_TTL_MS: '0' } });
}

async function adminCall(s, who, options) {
  const token = await m2mToken(s.tenant.issuer, { clientId: ADMIN.clientId, secret: ADMIN.secret });
  return usersApi(s.tenant.issuer, token, who.id, options);
}
const block = async (s, who) => assert.equal((await adminCall(s, who, { method: 'PATCH', body: { blocked: true } })).status, 200);
const remove = async (s, who) => assert.equal((await adminCall(s, who, { method: 'DELETE' })).status, 204);

// A signed-in browser, with its session cookie and CSRF token kept aside.
async function session(s, who) {
  const { browser } = await signIn(s, who);
  const state = await (await browser.fetch(`${s.base}/api/session`)).json();
  assert.equal(state.authenticated, true);
  const cookies = [...browser.jar(s.base)];
  return { browser, csrf: state.csrfToken, cookies };
}

// Whether the session cookie `cookies` (as they were) still names a live session.
async function stillSignedIn(s, cookies) {
  const cookie = cookies.map(([k, v]) => `${k}=${v}`).join('; ');
  return (await (await fetch(`${s.base}/api/session`, { headers: { cookie } })).json()).authenticated;
}

function assertEnded(res, code) {
  assert.equal(res.status, 401, JSON.stringify(res.body));
  assert.equal(res.body.error, code);
  assert.ok(res.body.message.length > 0);
  assert.match(res.headers.get('set-cookie') || '', /max-age=0/i, 'the session cookie is cleared');
}

test('a blocked user: the next read ends every one of their sessions with 401 account_blocked', async (t) => {
  const s = await stack(t);
  const laptop = await session(s, ADA);
  const phone = await session(s, ADA);
  const grace = await session(s, GRACE);
  assert.equal((await laptop.browser.fetch(`${s.base}/api/profile`)).status, 200);

  await block(s, ADA);
  assertEnded(await json(await laptop.browser.fetch(`${s.base}/api/profile`)), 'account_blocked');
  assert.equal(await stillSignedIn(s, laptop.cookies), false, 'the session that asked is gone');
  assert.equal(await stillSignedIn(s, phone.cookies), false, 'the other browser\'s session is gone too');
  assert.equal(await stillSignedIn(s, grace.cookies), true, 'another user is untouched');
  assert.equal((await phone.browser.fetch(`${s.base}/api/profile`)).status, 401);

  // And the tenant refuses them a new sign-in.
  const again = await signIn(s, ADA, { browser: new Browser() });
  assert.notEqual(again.callback.status, 302);
  assert.equal(new URL(again.callbackUrl).searchParams.get('error'), 'access_denied');
});

test('a blocked user\'s save is not applied: the record is read before any write', async (t) => {
  const s = await stack(t);
  const ada = await session(s, ADA);
  const view = (await json(await ada.browser.fetch(`${s.base}/api/profile`))).body;
  await block(s, ADA);
  const res = await json(await ada.browser.fetch(`${s.base}/api/profile`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-csrf-token': ada.csrf, origin: s.base },
    body: JSON.stringify({ baseVersion: view.version, changes: { name: 'Not Ada' } }),
  }));
  assertEnded(res, 'account_blocked');
  const record = (await adminCall(s, ADA, {})).body;
  assert.equal(record.name, 'Ada Lovelace', 'the save reached the tenant');
  assert.equal(await stillSignedIn(s, ada.cookies), false);
});

test('a blocked user\'s picture request ends their sessions too', async (t) => {
  const s = await stack(t);
  const ada = await session(s, ADA);
  await block(s, ADA);
  const res = await json(await ada.browser.fetch(`${s.base}/api/profile/picture?for=${encodeURIComponent('https://example.com/a.png')}`));
  assertEnded(res, 'account_blocked');
  assert.equal(await stillSignedIn(s, ada.cookies), false);
});

test('a deleted user: the next read ends every one of their sessions with 401 account_deleted', async (t) => {
  const s = await stack(t);
  const laptop = await session(s, ADA);
  const phone = await session(s, ADA);
  const grace = await session(s, GRACE);
  await remove(s, ADA);
  assertEnded(await json(await phone.browser.fetch(`${s.base}/api/profile`)), 'account_deleted');
  assert.equal(await stillSignedIn(s, phone.cookies), false);
  assert.equal(await stillSignedIn(s, laptop.cookies), false);
  assert.equal(await stillSignedIn(s, grace.cookies), true);
  assert.equal((await grace.browser.fetch(`${s.base}/api/profile`)).status, 200);
});

test('localtenant: DELETE /api/v2/users/{id} needs delete:users, answers 204 with no body, and the user is gone', async (t) => {
  const tenant = await startTenant(t, { seed: seedWithAdmin(), args: ['--rate-limit', '1000', '--rate-burst', '1000'] });
  const updater = await m2mToken(tenant.issuer);  // read:users update:users
  const refused = await usersApi(tenant.issuer, updater, ADA.id, { method: 'DELETE' });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.errorCode, 'insufficient_scope');
  assert.equal((await usersApi(tenant.issuer, updater, ADA.id)).status, 200, 'refused, so nothing was deleted');

  const admin = await m2mToken(tenant.issuer, { clientId: ADMIN.clientId, secret: ADMIN.secret });
  const deleted = await usersApi(tenant.issuer, admin, ADA.id, { method: 'DELETE' });
  assert.equal(deleted.status, 204);
  assert.equal(deleted.text, '');
  const gone = await usersApi(tenant.issuer, admin, ADA.id);
  assert.equal(gone.status, 404);
  assert.equal(gone.body.message, 'The user does not exist.');
  assert.equal((await usersApi(tenant.issuer, admin, ADA.id, { method: 'DELETE' })).status, 204, 'again: still 204');
  assert.equal((await usersApi(tenant.issuer, null, GRACE.id, { method: 'DELETE' })).status, 401);
  // A deleted user cannot sign in.
  const { location } = await tenantSignIn(tenant.issuer, { user: ADA });
  assert.equal(location, null, 'the form took a deleted user\'s password');
});

test('localtenant: a blocked user cannot sign in (access_denied, as Auth0 answers)', async (t) => {
  const tenant = await startTenant(t, { seed: seedWithAdmin() });
  const admin = await m2mToken(tenant.issuer, { clientId: ADMIN.clientId, secret: ADMIN.secret });
  assert.equal((await usersApi(tenant.issuer, admin, ADA.id, { method: 'PATCH', body: { blocked: true } })).status, 200);
  const params = authorizeParams();
  const { location } = await tenantSignIn(tenant.issuer, { user: ADA, params });
  assert.equal(location.searchParams.get('error'), 'access_denied');
  assert.equal(location.searchParams.get('error_description'), 'user is blocked');
  assert.equal(location.searchParams.get('state'), params.state);
  assert.equal(location.searchParams.get('code'), null);
});
