// Deleting one's account (issue 18): DELETE /api/account {"confirm": "<email>"}
// only when the operator allows it (ALLOW_ACCOUNT_DELETION, which needs the
// M2M client to hold delete:users, checked at start), only with the
// account's email typed, only after a recent sign-in; then the tenant's user
// is gone and so is every session of theirs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, CLIENT_ID, GRACE, m2mToken, startTenant, testSeed, usersApi } from './support/localtenant.mjs';
import { Browser, freePort, json, seedFor, signIn, startProfileDesk, startStack } from './support/profiledesk.mjs';

// The test seed with profiledesk's own client also granted delete:users.
function seedWithDelete() {
  const seed = testSeed();
  seed.clients.find((c) => c.client_id === CLIENT_ID).management_api_scopes.push('delete:users');
  return seed;
}

const ALLOWED = { ALLOW_ACCOUNT_DELETION: 'true' };

async function stack(t, { env = ALLOWED, seed = seedWithDelete() } = {}) {
  return startStack(t, { seed, env, tenantArgs: ['--admin', '--rate-limit', '1000', '--rate-burst', '1000'] });
}

async function signedIn(s, who, browser = new Browser()) {
  await signIn(s, who, { browser });
  const state = await (await browser.fetch(`${s.base}/api/session`)).json();
  assert.equal(state.authenticated, true);
  return { browser, csrf: state.csrfToken };
}

function deleteAccount(s, b, body) {
  return b.browser.fetch(`${s.base}/api/account`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json', 'x-csrf-token': b.csrf, origin: s.base },
    body: JSON.stringify(body),
  });
}

async function tenantHas(s, who) {
  const token = await m2mToken(s.tenant.issuer);
  return (await usersApi(s.tenant.issuer, token, who.id)).status === 200;
}

test('deletion is refused when the operator has not allowed it, and the profile says so', async (t) => {
  const s = await stack(t, { env: {} });
  const ada = await signedIn(s, ADA);
  const profile = await json(await ada.browser.fetch(`${s.base}/api/profile`));
  assert.equal(profile.body.account.deletion, false);
  const r = await json(await deleteAccount(s, ada, { confirm: ADA.email }));
  assert.equal(r.status, 403);
  assert.equal(r.body.error, 'account_deletion_disabled');
  assert.ok(await tenantHas(s, ADA));
});

test('deletion is refused when the confirmation is not the account\'s email', async (t) => {
  const s = await stack(t);
  const ada = await signedIn(s, ADA);
  assert.equal((await json(await ada.browser.fetch(`${s.base}/api/profile`))).body.account.deletion, true);
  for (const confirm of ['Ada@example.com', GRACE.email, '', 'ada@example.co']) {
    const r = await json(await deleteAccount(s, ada, { confirm }));
    assert.equal(r.status, 400, confirm);
    assert.equal(r.body.error, 'confirmation_mismatch');
  }
  const malformed = await json(await deleteAccount(s, ada, { email: ADA.email }));
  assert.equal(malformed.status, 400);
  assert.equal(malformed.body.error, 'bad_request');
  // CSRF as for every write.
  const forged = await ada.browser.fetch(`${s.base}/api/account`, {
    method: 'DELETE', headers: { 'content-type': 'application/json', 'x-csrf-token': 'nope', origin: s.base },
    body: JSON.stringify({ confirm: ADA.email }),
  });
  assert.equal(forged.status, 403);
  assert.ok(await tenantHas(s, ADA));
});

test('deletion is refused when the sign-in is not recent: 401 with the re-sign-in URL', async (t) => {
  const s = await stack(t);
  const browser = new Browser();
  await signedIn(s, ADA, browser);
  // The tenant's session signed in 10 minutes ago; the next sign-in here rides on it.
  const aged = await fetch(new URL('admin/sessions/age', s.tenant.issuer), {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 600 }),
  });
  assert.equal(aged.status, 204);
  const ada = await signedIn(s, ADA, browser);
  const r = await json(await deleteAccount(s, ada, { confirm: 'ada@EXAMPLE.com' }));
  assert.equal(r.status, 401);
  assert.equal(r.body.error, 'reauthentication_required');
  assert.equal(r.body.reauthenticateUrl, '/login?reauth=delete');
  assert.ok(await tenantHas(s, ADA));
  assert.equal((await ada.browser.fetch(`${s.base}/api/profile`)).status, 200, 'still signed in');
});

test('an allowed deletion removes the tenant\'s user and ends every session of theirs, no one else\'s', async (t) => {
  const s = await stack(t);
  const other = await signedIn(s, ADA);
  const grace = await signedIn(s, GRACE);
  const ada = await signedIn(s, ADA);
  const r = await json(await deleteAccount(s, ada, { confirm: ADA.email }));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.deleted, true);
  assert.ok(r.body.logoutUrl.startsWith(s.tenant.issuer));
  assert.match(r.headers.get('set-cookie') || '', /max-age=0/i);
  assert.equal(await tenantHas(s, ADA), false);
  for (const b of [ada, other]) {
    const next = await json(await b.browser.fetch(`${s.base}/api/profile`));
    assert.equal(next.status, 401);
    assert.equal(next.body.error, 'unauthenticated');
  }
  assert.equal((await grace.browser.fetch(`${s.base}/api/profile`)).status, 200);
  assert.ok(await tenantHas(s, GRACE));
});

test('ALLOW_ACCOUNT_DELETION=true without delete:users stops the server with one clear line', async (t) => {
  const port = await freePort();
  const tenant = await startTenant(t, { seed: seedFor(`http://127.0.0.1:${port}`) });
  await assert.rejects(startProfileDesk(t, { tenant, port, env: ALLOWED }), (e) => {
    assert.match(String(e.message), /ALLOW_ACCOUNT_DELETION=true needs the delete:users scope/);
    return true;
  });
});
