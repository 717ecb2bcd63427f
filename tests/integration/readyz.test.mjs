// GET /readyz: each dependency in the body, 503 while one is down. The M2M
// token is judged by the last fetch (a probe costs no upstream call), and a
// failed fetch is tried again by the probe itself, so an instance taken out
// of rotation comes back once the credentials work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA } from './support/localtenant.mjs';
import { json, signIn, startStack } from './support/profiledesk.mjs';

const readyz = async (stack) => {
  const res = await fetch(`${stack.base}/readyz`);
  return { status: res.status, body: await res.json() };
};

test('readyz: the provider and the M2M token, each reported; a token that cannot be had is 503', async (t) => {
  const good = await startStack(t);
  let r = await readyz(good);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { ready: true, provider: 'discovered', mgmt_token: { obtainable: true, detail: 'not fetched yet' } });
  const { browser } = await signIn(good, ADA);
  assert.equal((await json(await browser.fetch(`${good.base}/api/profile`))).status, 200);
  r = await readyz(good);
  assert.deepEqual(r.body.mgmt_token, { obtainable: true, detail: 'fresh' });

  // The Management API client's secret is wrong: sign-in works, the first
  // profile read cannot get a token, and from then on the instance is not ready.
  const bad = await startStack(t, { env: { MGMT_CLIENT_ID: 'test-app', MGMT_CLIENT_SECRET: 'not-the-secret-0123456789' } });
  assert.equal((await readyz(bad)).status, 200, 'nothing has failed yet');
  const other = await signIn(bad, ADA);
  const read = await json(await other.browser.fetch(`${bad.base}/api/profile`));
  assert.equal(read.body.error, 'upstream_auth_failed');
  r = await readyz(bad);
  assert.equal(r.status, 503);
  assert.equal(r.body.ready, false);
  assert.equal(r.body.provider, 'discovered');
  assert.deepEqual(r.body.mgmt_token, { obtainable: false, detail: 'unauthorized' });
});
