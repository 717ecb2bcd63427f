// "Download my data" (issue 18): GET /api/account/export gives the profile as
// the tenant holds it, without any provider token or secret, app_metadata
// only when EXPORT_APP_METADATA allows it, and what Profile Desk holds
// (sessions); an attachment named with the date, no-store, budgeted per user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, CLIENT_ID, GITHUB, GRACE, m2mToken, startTenant, testSeed, usersApi } from './support/localtenant.mjs';
import { Browser, signIn, startStack } from './support/profiledesk.mjs';

const TOKENS = {
  access_token: 'gho_provider-access-token-0123', refresh_token: 'ghr_provider-refresh-token-4567',
  access_token_secret: 'provider-oauth1-secret-89ab', expires_in: 28800,
};

// The GitHub user's identity holds provider tokens, and profiledesk's client
// may read them (read:user_idp_tokens), as a tenant granting it would: the
// export must still leave them out.
function seedWithProviderTokens() {
  const seed = testSeed();
  seed.clients.find((c) => c.client_id === CLIENT_ID).management_api_scopes.push('read:user_idp_tokens');
  seed.users.find((u) => u.user_id === GITHUB.id).identity_tokens = TOKENS;
  seed.users.find((u) => u.user_id === GITHUB.id).app_metadata = { plan: 'gold', internal_note: 'vip' };
  return seed;
}

async function stack(t, env = {}) {
  return startStack(t, { seed: seedWithProviderTokens(), env,
                         tenantArgs: ['--rate-limit', '1000', '--rate-burst', '1000'] });
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';

async function exportOf(s, browser) {
  const res = await browser.fetch(`${s.base}/api/account/export`, { headers: { 'sec-fetch-site': 'same-origin' } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test('the export holds the profile and the sessions, and no provider token or secret', async (t) => {
  const s = await stack(t);
  const { browser } = await signIn(s, GITHUB, { browser: new Browser({ userAgent: FIREFOX }) });
  await signIn(s, GITHUB);
  const r = await exportOf(s, browser);
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const date = new Date().toISOString().slice(0, 10);
  assert.equal(r.headers.get('content-disposition'), `attachment; filename="profiledesk-export-${date}.json"`);
  for (const secret of [TOKENS.access_token, TOKENS.refresh_token, TOKENS.access_token_secret, 'expires_in',
    'refresh_token', 'access_token', 'client_secret']) {
    assert.ok(!r.text.includes(secret), `the export holds ${secret}`);
  }
  const data = JSON.parse(r.text);
  const p = data.profile;
  assert.equal(p.user_id, GITHUB.id);
  assert.equal(p.email, GITHUB.email);
  assert.equal(p.name, 'Gus Hub');
  assert.equal(p.logins_count, 2);
  assert.ok(p.last_login && p.created_at && p.updated_at);
  assert.deepEqual(p.identities, [{ connection: 'github', user_id: '42', provider: 'github', isSocial: true }]);
  assert.equal('app_metadata' in p, false, 'app_metadata only when the operator allows it');
  const sessions = data.profileDesk.sessions;
  assert.equal(sessions.length, 2);
  assert.deepEqual(sessions.map((x) => x.current).sort(), [false, true]);
  assert.equal(sessions.find((x) => x.current).device, 'Firefox on Linux');
  assert.equal(data.profileDesk.pendingEmailChange, null);
});

test('app_metadata is exported when EXPORT_APP_METADATA=true', async (t) => {
  const s = await stack(t, { EXPORT_APP_METADATA: 'true' });
  const { browser } = await signIn(s, GITHUB);
  const r = await exportOf(s, browser);
  assert.equal(r.status, 200);
  const data = JSON.parse(r.text);
  assert.deepEqual(data.profile.app_metadata, { plan: 'gold', internal_note: 'vip' });
  assert.ok(!r.text.includes(TOKENS.access_token));
});

test('the export is budgeted per user, signed in only, and not for other sites', async (t) => {
  const s = await stack(t);
  const { browser } = await signIn(s, ADA);
  const grace = (await signIn(s, GRACE)).browser;
  for (let i = 0; i < 5; ++i) assert.equal((await exportOf(s, browser)).status, 200);
  const spent = await exportOf(s, browser);
  assert.equal(spent.status, 429);
  assert.equal(JSON.parse(spent.text).error, 'too_many_exports');
  assert.ok(Number(spent.headers.get('retry-after')) >= 1);
  assert.equal((await exportOf(s, grace)).status, 200, 'another user has a budget of their own');

  const anonymous = await fetch(`${s.base}/api/account/export`);
  assert.equal(anonymous.status, 401);
  const crossSite = await grace.fetch(`${s.base}/api/account/export`, { headers: { 'sec-fetch-site': 'cross-site' } });
  assert.equal(crossSite.status, 403);
});

test('localtenant keeps provider tokens and hands them out only for read:user_idp_tokens, as Auth0', async (t) => {
  const tenant = await startTenant(t, { seed: seedWithProviderTokens() });
  const plain = await usersApi(tenant.issuer, await m2mToken(tenant.issuer, { scope: 'read:users' }), GITHUB.id);
  assert.equal(plain.status, 200);
  assert.deepEqual(Object.keys(plain.body.identities[0]).sort(), ['connection', 'isSocial', 'provider', 'user_id']);
  const idp = await usersApi(tenant.issuer, await m2mToken(tenant.issuer, { scope: 'read:user_idp_tokens' }), GITHUB.id);
  assert.equal(idp.body.identities[0].access_token, TOKENS.access_token);
  assert.equal(idp.body.identities[0].refresh_token, TOKENS.refresh_token);
  // Without delete:users, no deletion (the test seed's client has only read and update).
  const refused = await usersApi(tenant.issuer, await m2mToken(tenant.issuer), GITHUB.id, { method: 'DELETE' });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.errorCode, 'insufficient_scope');
});
