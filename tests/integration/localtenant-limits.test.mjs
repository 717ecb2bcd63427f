// localtenant: the Management API rate limit, HTTPS, and fault injection.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestCA, tempDir } from './support/processes.mjs';
import {
  ADA, CLIENT_ID, CLIENT_SECRET, form, httpsRequest, m2mToken, startTenant, tokenRequest, usersApi,
} from './support/localtenant.mjs';

async function admin(issuer, method, path, body) {
  const res = await fetch(new URL(path, issuer), {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

async function adminTenant(t, args = []) {
  const tenant = await startTenant(t, { args: ['--admin', '--rate-limit', '1000', '--rate-burst', '1000', ...args] });
  return { ...tenant, token: await m2mToken(tenant.issuer) };
}

// ---- rate limit ----

test('every Management API response carries the x-ratelimit headers', async (t) => {
  const { issuer } = await startTenant(t);
  const token = await m2mToken(issuer);
  for (const r of [await usersApi(issuer, token, ADA.id), await usersApi(issuer, token, 'auth0|nobody')]) {
    assert.equal(r.headers.get('x-ratelimit-limit'), '2');
    assert.match(r.headers.get('x-ratelimit-remaining'), /^\d+$/);
    const reset = Number(r.headers.get('x-ratelimit-reset'));
    assert.ok(Math.abs(reset - Date.now() / 1000) < 5, `reset ${reset} is a UNIX time in seconds, near now`);
  }
});

test('the free-tenant default (2/s, burst 2) answers 429 too_many_requests when empty', async (t) => {
  const { issuer } = await startTenant(t);
  const token = await m2mToken(issuer);
  const results = await Promise.all(Array.from({ length: 5 }, () => usersApi(issuer, token, ADA.id)));
  const limited = results.filter((r) => r.status === 429);
  assert.ok(limited.length >= 3, `${limited.length} of 5 limited`);
  assert.deepEqual(limited[0].body, {
    statusCode: 429, error: 'Too Many Requests', message: 'Global limit has been reached', errorCode: 'too_many_requests',
  });
  assert.equal(limited[0].headers.get('x-ratelimit-remaining'), '0');
});

test('requests succeed again after x-ratelimit-reset', async (t) => {
  const { issuer } = await startTenant(t, { args: ['--rate-limit', '1', '--rate-burst', '1'] });
  const token = await m2mToken(issuer);
  assert.equal((await usersApi(issuer, token, ADA.id)).status, 200);
  const refused = await usersApi(issuer, token, ADA.id);
  assert.equal(refused.status, 429);
  const waitMs = Number(refused.headers.get('x-ratelimit-reset')) * 1000 - Date.now();
  await new Promise((r) => setTimeout(r, Math.max(0, waitMs) + 50));
  assert.equal((await usersApi(issuer, token, ADA.id)).status, 200);
});

test('--rate-limit and --rate-burst raise the limit', async (t) => {
  const { issuer } = await startTenant(t, { args: ['--rate-limit', '100', '--rate-burst', '50'] });
  const token = await m2mToken(issuer);
  const results = await Promise.all(Array.from({ length: 20 }, () => usersApi(issuer, token, ADA.id)));
  assert.ok(results.every((r) => r.status === 200));
  assert.equal(results[0].headers.get('x-ratelimit-limit'), '50');
});

test('the token endpoint is not limited by the Management API bucket', async (t) => {
  const { issuer } = await startTenant(t);
  for (let i = 0; i < 4; i++) await m2mToken(issuer);
});

// ---- HTTPS ----

test('HTTPS with a test CA: discovery, token and users API', async (t) => {
  const dir = tempDir(t);
  const tls = makeTestCA(dir);
  const tenant = await startTenant(t, { tls, dir });
  assert.match(tenant.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
  const discovery = await httpsRequest(new URL('.well-known/openid-configuration', tenant.url), { ca: tls.ca });
  assert.equal(discovery.status, 200);
  assert.equal(JSON.parse(discovery.text).issuer, tenant.url);
  assert.match(discovery.headers['strict-transport-security'], /max-age=/);
  const tokenRes = await httpsRequest(new URL('oauth/token', tenant.url), {
    method: 'POST', ca: tls.ca, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: tenant.url + 'api/v2/' }),
  });
  assert.equal(tokenRes.status, 200);
  const { access_token: token } = JSON.parse(tokenRes.text);
  const user = await httpsRequest(new URL('api/v2/users/auth0%7Cada', tenant.url), { ca: tls.ca, headers: { authorization: `Bearer ${token}` } });
  assert.equal(user.status, 200);
  assert.equal(JSON.parse(user.text).email, ADA.email);
});

test('HTTPS: a client that does not trust the CA is refused', async (t) => {
  const dir = tempDir(t);
  const tls = makeTestCA(dir);
  const tenant = await startTenant(t, { tls, dir });
  await assert.rejects(httpsRequest(new URL('.well-known/jwks.json', tenant.url)), /self[- ]signed|unable to verify|certificate/i);
});

test('HTTPS: the session cookie is Secure', async (t) => {
  const dir = tempDir(t);
  const tls = makeTestCA(dir);
  const tenant = await startTenant(t, { tls, dir });
  const page = await httpsRequest(new URL('authorize?' + form({ client_id: CLIENT_ID, redirect_uri: 'http://localhost:8080/callback', response_type: 'code', scope: 'openid' }), tenant.url), { ca: tls.ca });
  const fields = Object.fromEntries([...page.text.matchAll(/name="([^"]*)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const res = await httpsRequest(new URL('u/login', tenant.url), {
    method: 'POST', ca: tls.ca, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...fields, username: ADA.email, password: ADA.password }),
  });
  assert.equal(res.status, 302);
  assert.match(res.headers['set-cookie'][0], /; Secure/);
});

// ---- admin and faults ----

test('without --admin there are no admin endpoints', async (t) => {
  const { issuer } = await startTenant(t);
  const r = await admin(issuer, 'POST', 'admin/faults', { kind: 'drop' });
  assert.equal(r.status, 404);
  assert.equal((await admin(issuer, 'GET', 'admin/stats')).status, 404);
});

test('GET /admin/stats counts requests per endpoint and token grants', async (t) => {
  const env = await adminTenant(t);
  await m2mToken(env.issuer);
  await usersApi(env.issuer, env.token, ADA.id);
  const stats = (await admin(env.issuer, 'GET', 'admin/stats')).body;
  assert.equal(stats.requests.token, 2);
  assert.equal(stats.requests.users_get, 1);
  assert.equal(stats.requests.users_patch, 0);
  assert.equal(stats.token_grants.client_credentials, 2);
});

test('fault: latency delays the endpoint, then it answers normally', async (t) => {
  const env = await adminTenant(t);
  assert.equal((await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'users_get', kind: 'latency', latency_ms: 600 })).status, 201);
  const started = Date.now();
  const r = await usersApi(env.issuer, env.token, ADA.id);
  assert.ok(Date.now() - started >= 550, `took ${Date.now() - started} ms`);
  assert.equal(r.status, 200);
  const fast = Date.now();
  await usersApi(env.issuer, env.token, ADA.id);
  assert.ok(Date.now() - fast < 500, 'only count (1) requests are delayed');
});

test('fault: a forced 429 carries x-ratelimit-reset in the future', async (t) => {
  const env = await adminTenant(t);
  await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'users_patch', kind: 'status', status: 429, retry_after_s: 7 });
  const r = await usersApi(env.issuer, env.token, ADA.id, { method: 'PATCH', body: { name: 'x' } });
  assert.equal(r.status, 429);
  assert.equal(r.body.errorCode, 'too_many_requests');
  assert.equal(r.headers.get('x-ratelimit-remaining'), '0');
  const reset = Number(r.headers.get('x-ratelimit-reset'));
  assert.ok(reset >= Math.floor(Date.now() / 1000) + 6 && reset <= Math.ceil(Date.now() / 1000) + 8, `reset ${reset}`);
  assert.equal((await usersApi(env.issuer, env.token, ADA.id, { method: 'PATCH', body: { name: 'x' } })).status, 200);
});

test('fault: a forced 429 on the token endpoint has Retry-After and an OAuth body', async (t) => {
  const env = await adminTenant(t);
  await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'token', kind: 'status', status: 429, retry_after_s: 3 });
  const r = await tokenRequest(env.issuer, { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: env.issuer + 'api/v2/' });
  assert.equal(r.status, 429);
  assert.equal(r.body.error, 'too_many_requests');
  assert.equal(r.headers.get('retry-after'), '3');
});

test('fault: forced 500 and 503 for count requests', async (t) => {
  const env = await adminTenant(t);
  await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'users_get', kind: 'status', status: 503, retry_after_s: 2, count: 2 });
  const first = await usersApi(env.issuer, env.token, ADA.id);
  const second = await usersApi(env.issuer, env.token, ADA.id);
  const third = await usersApi(env.issuer, env.token, ADA.id);
  assert.deepEqual([first.status, second.status, third.status], [503, 503, 200]);
  assert.equal(first.body.statusCode, 503);
  assert.equal(first.headers.get('retry-after'), '2');
  await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'jwks', kind: 'status', status: 500 });
  assert.equal((await fetch(new URL('.well-known/jwks.json', env.issuer))).status, 500);
});

test('fault: drop closes the connection without an answer', async (t) => {
  const env = await adminTenant(t);
  await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'discovery', kind: 'drop' });
  await assert.rejects(fetch(new URL('.well-known/openid-configuration', env.issuer)), /fetch failed/);
  assert.equal((await fetch(new URL('.well-known/openid-configuration', env.issuer))).status, 200);
});

test('fault: malformed sends a body that is not valid JSON', async (t) => {
  const env = await adminTenant(t);
  await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'users_get', kind: 'malformed' });
  const r = await usersApi(env.issuer, env.token, ADA.id);
  assert.equal(r.status, 200);
  assert.equal(r.body, undefined);
  assert.throws(() => JSON.parse(r.text));
});

test('fault: endpoint * applies everywhere; DELETE /admin/faults clears', async (t) => {
  const env = await adminTenant(t);
  await admin(env.issuer, 'POST', 'admin/faults', { endpoint: '*', kind: 'status', status: 503, count: 0 });
  assert.equal((await fetch(new URL('.well-known/jwks.json', env.issuer))).status, 503);
  assert.equal((await usersApi(env.issuer, env.token, ADA.id)).status, 503);
  assert.equal((await admin(env.issuer, 'GET', 'admin/faults')).body.faults.length, 1);
  assert.equal((await admin(env.issuer, 'DELETE', 'admin/faults')).status, 204);
  assert.equal((await fetch(new URL('.well-known/jwks.json', env.issuer))).status, 200);
});

test('fault: a bad fault description is 400 with a reason', async (t) => {
  const env = await adminTenant(t);
  const r = await admin(env.issuer, 'POST', 'admin/faults', { endpoint: 'users_get', kind: 'explode' });
  assert.equal(r.status, 400);
  assert.match(r.body.message, /kind must be/);
});
