// What saves cost the tenant's Management API, whose rate limit every user
// shares: each user has a budget of saves (PROFILE_WRITES_PER_MINUTE), and a
// save that changes nothing costs no upstream call at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, GRACE, m2mToken, usersApi } from './support/localtenant.mjs';
import { json, signIn, startStack } from './support/profiledesk.mjs';

async function stack(t, env) {
  return startStack(t, { tenantArgs: ['--admin', '--rate-limit', '1000', '--rate-burst', '1000'], env });
}

async function user(s, who) {
  const { browser } = await signIn(s, who);
  const { csrfToken } = await (await browser.fetch(`${s.base}/api/session`)).json();
  return {
    get: async () => json(await browser.fetch(`${s.base}/api/profile`)),
    patch: async (baseVersion, changes) => json(await browser.fetch(`${s.base}/api/profile`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, origin: s.base },
      body: JSON.stringify({ baseVersion, changes }),
    })),
  };
}

// Users API requests the tenant has served since the last reset.
async function tenantCalls(s, reset = false) {
  const res = await fetch(new URL('admin/stats', s.tenant.issuer), { method: reset ? 'DELETE' : 'GET' });
  if (reset) return null;
  const { requests } = await res.json();
  return { get: requests.users_get, patch: requests.users_patch };
}

test('a save that changes nothing is answered with the current profile and costs no upstream call', async (t) => {
  // A read cache that outlasts the test: the view comes from it.
  const s = await stack(t, { PROFILE_CACHE_TTL_MS: '60000' });
  const ada = await user(s, ADA);
  const view = (await ada.get()).body;
  await tenantCalls(s, true);

  for (const changes of [{}, { user_metadata: {} }, { name: 'Ada Lovelace', user_metadata: { city: 'London' } }]) {
    const res = await ada.patch(view.version, changes);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.version, view.version);
    assert.equal(res.body.user.name, 'Ada Lovelace');
    assert.deepEqual(res.body.user_metadata, { city: 'London' });
  }
  assert.deepEqual(await tenantCalls(s), { get: 0, patch: 0 }, 'a save of nothing reached the tenant');

  // A real change still goes through (and the counters count).
  const saved = await ada.patch(view.version, { name: 'Ada L.' });
  assert.equal(saved.status, 200);
  assert.equal(saved.body.user.name, 'Ada L.');
  assert.equal((await tenantCalls(s)).patch, 1);
});

test('each user has a budget of saves: past it, 429 too_many_writes with Retry-After, and nothing is written', async (t) => {
  const s = await stack(t, { PROFILE_WRITES_PER_MINUTE: '3' });
  const ada = await user(s, ADA);
  let version = (await ada.get()).body.version;
  for (const name of ['Ada 1', 'Ada 2', 'Ada 3']) {
    const res = await ada.patch(version, { name });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    version = res.body.version;
  }
  const over = await ada.patch(version, { name: 'Ada 4' });
  assert.equal(over.status, 429);
  assert.equal(over.body.error, 'too_many_writes');
  assert.ok(over.body.message.length > 0);
  const wait = Number(over.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 20, `Retry-After ${over.headers.get('retry-after')}`);
  // Empty saves are budgeted too: a loop of them is refused the same way.
  assert.equal((await ada.patch(version, {})).status, 429);

  const token = await m2mToken(s.tenant.issuer);
  assert.equal((await usersApi(s.tenant.issuer, token, ADA.id)).body.name, 'Ada 3', 'the refused save was written');
  assert.equal((await ada.get()).status, 200, 'reads are not part of the budget');

  // Another user, from the same address, still saves: the budget is per user.
  const grace = await user(s, GRACE);
  const graceView = (await grace.get()).body;
  assert.equal((await grace.patch(graceView.version, { name: 'Grace B. Hopper' })).status, 200);
});
