// Per-client budgets for the public endpoints that cost us work (/login and
// /callback together, /fonts/glyphs): over budget, 429 with Retry-After, and
// nothing a client writes in a header buys it a fresh budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA } from './support/localtenant.mjs';
import { Browser, signIn, startStack } from './support/profiledesk.mjs';

test('sign-in steps over the budget get 429 with Retry-After, and headers cannot reset it', async (t) => {
  const stack = await startStack(t, { env: { SIGN_IN_PER_MINUTE: '4' } });
  // A whole sign-in is two steps (/login, /callback): two fit in the budget.
  await signIn(stack, ADA);
  await signIn(stack, ADA);
  const browser = new Browser();
  const refused = await browser.fetch(`${stack.base}/login`, {
    // Neither our internal header nor X-Forwarded-For (no proxy is trusted) is the client's to set.
    headers: { 'X-Internal-Client-Address': '203.0.113.1', 'X-Forwarded-For': '198.51.100.7' },
  });
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
  assert.match(refused.headers.get('content-type'), /text\/html/);
  assert.match(await refused.text(), /Too many sign-in attempts/);
  const callback = await browser.fetch(`${stack.base}/callback?code=x&state=y`);
  assert.equal(callback.status, 429, '/callback shares the budget');
  // Other routes are not throttled.
  assert.equal((await fetch(`${stack.base}/api/session`)).status, 200);
});

test('behind one trusted proxy each forwarded client has its own budget', async (t) => {
  const stack = await startStack(t, { env: { SIGN_IN_PER_MINUTE: '1', TRUSTED_PROXIES: '1' } });
  const from = (address) => fetch(`${stack.base}/login`, { redirect: 'manual', headers: { 'X-Forwarded-For': address } });
  assert.equal((await from('203.0.113.1')).status, 302);
  assert.equal((await from('203.0.113.1')).status, 429);
  assert.equal((await from('203.0.113.2')).status, 302, 'another client');
  // What the client itself put before our proxy's entry does not count.
  assert.equal((await from('198.51.100.9, 203.0.113.1')).status, 429);
});

test('glyph requests over the budget get a JSON 429', async (t) => {
  const stack = await startStack(t, { env: { GLYPH_REQUESTS_PER_MINUTE: '2' } });
  const glyphs = () => fetch(`${stack.base}/fonts/glyphs?u=674e`);
  assert.equal((await glyphs()).status, 200);
  assert.equal((await glyphs()).status, 200);
  const refused = await glyphs();
  assert.equal(refused.status, 429);
  assert.ok(Number(refused.headers.get('retry-after')) >= 1);
  const body = await refused.json();
  assert.equal(body.error, 'too_many_requests');
  assert.match(body.message, /try again in \d+ seconds/);
});
