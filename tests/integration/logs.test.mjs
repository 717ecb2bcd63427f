// profiledesk's log with LOG_FORMAT=json, after a whole sign-in, profile
// reads (one of them retried by the Management API client) and a save: every
// line is one JSON object, every response's X-Request-Id is in its lines, and
// no secret, token, cookie or profile value is anywhere in the log.
// Also: X-Request-Id from the client is echoed only behind TRUSTED_PROXIES.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { ADA, CLIENT_SECRET, m2mToken, testSeed } from './support/localtenant.mjs';
import { signIn, startStack } from './support/profiledesk.mjs';

// Every line of `stderr` as an object; fails naming the first line that is not one.
export function parseJsonLines(stderr) {
  const lines = stderr.split('\n').filter((l) => l !== '');
  return lines.map((line, i) => {
    let entry;
    try {
      entry = JSON.parse(line);
    } catch {
      assert.fail(`log line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
    }
    assert.equal(typeof entry, 'object', `log line ${i + 1} is not an object: ${line}`);
    assert.match(entry.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, `log line ${i + 1}: time`);
    assert.ok(['debug', 'info', 'warn', 'error'].includes(entry.level), `log line ${i + 1}: level`);
    assert.equal(typeof entry.msg, 'string', `log line ${i + 1}: msg`);
    return entry;
  });
}

// Fails naming the first secret found in `log` (values shorter than 4
// characters would match by chance: none is).
export function assertNoSecrets(log, secrets) {
  for (const [what, value] of Object.entries(secrets)) {
    assert.ok(value && value.length >= 4, `${what}: nothing to look for`);
    const at = log.indexOf(value);
    assert.ok(at < 0, `${what} is in the log: ...${log.slice(Math.max(0, at - 120), at + value.length + 40)}...`);
  }
  // Any JWT (ID token, access token, the M2M token profiledesk fetched):
  // its header is base64url JSON, so it begins with "eyJ".
  const jwt = log.match(/eyJ[A-Za-z0-9_-]{8,}/);
  assert.equal(jwt, null, `a JWT is in the log: ${jwt?.[0]}`);
}

async function fetchJson(browser, url, init) {
  const res = await browser.fetch(url, init);
  return { res, body: await res.json() };
}

test('LOG_FORMAT=json: every line is JSON, carries its request id, and no secret or profile value', async (t) => {
  const SECRET = randomBytes(32).toString('hex');
  const seed = testSeed();
  const ada = seed.users.find((u) => u.user_id === ADA.id);
  const stack = await startStack(t, {
    seed,
    // Reads always go upstream (no cache), so the fault below hits one.
    env: { LOG_FORMAT: 'json', SECRET, PROFILE_CACHE_TTL_MS: '0' },
    tenantArgs: ['--admin', '--rate-limit', '1000', '--rate-burst', '1000'],
  });
  const { base } = stack;
  const requests = [];  // {id, method, path, status}
  const record = (method, path, res) => {
    const id = res.headers.get('x-request-id');
    assert.match(id ?? '', /^[0-9a-f]{32}$/, `${method} ${path}: X-Request-Id`);
    requests.push({ id, method, path, status: res.status });
  };

  // The sign-in: /login, the tenant's form, /callback.
  const signedIn = await signIn(stack, ADA);
  const { browser, callback, callbackUrl } = signedIn;
  assert.equal(callback.status, 302, 'signed in');
  record('GET', '/callback', callback);
  const callbackParams = new URL(callbackUrl).searchParams;

  const session = await fetchJson(browser, `${base}/api/session`);
  record('GET', '/api/session', session.res);
  const csrfToken = session.body.csrfToken;

  const first = await fetchJson(browser, `${base}/api/profile`);
  assert.equal(first.res.status, 200);
  record('GET', '/api/profile', first.res);
  // The next read fails once upstream: the client's retry line must carry the read's id.
  const fault = await fetch(new URL('admin/faults', stack.tenant.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ endpoint: 'users_get', kind: 'status', status: 500, count: 1 }),
  });
  assert.equal(fault.status, 201, await fault.text());
  const retried = await fetchJson(browser, `${base}/api/profile`);
  assert.equal(retried.res.status, 200, JSON.stringify(retried.body));
  record('GET', '/api/profile', retried.res);

  const saved = { name: 'Ada Saved-Name-5b9e', city: 'Xanadu-7f3c' };
  const save = await fetchJson(browser, `${base}/api/profile`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, origin: base },
    body: JSON.stringify({ baseVersion: retried.body.version, changes: { name: saved.name, user_metadata: { city: saved.city } } }),
  });
  assert.equal(save.res.status, 200, JSON.stringify(save.body));
  assert.equal(save.body.user.name, saved.name);
  record('PATCH', '/api/profile', save.res);

  // Without TRUSTED_PROXIES a client's X-Request-Id is replaced.
  const chosen = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'client-chosen-id-1' } });
  assert.equal(chosen.status, 200);
  assert.notEqual(chosen.headers.get('x-request-id'), 'client-chosen-id-1');
  record('GET', '/healthz', chosen);

  // A token like the one profiledesk holds (same client, same tenant): not in the log either.
  const m2m = await m2mToken(stack.tenant.issuer);

  await stack.pd.stop();
  const log = stack.pd.output().stderr;
  const entries = parseJsonLines(log);

  for (const r of requests) {
    const mine = entries.filter((e) => e.request_id === r.id);
    const access = mine.find((e) => e.msg === 'request');
    assert.ok(access, `no access line for ${r.method} ${r.path} (${r.id})`);
    assert.equal(access.method, r.method);
    assert.equal(access.path, r.path);
    assert.equal(access.status, r.status);
    assert.equal(typeof access.duration_ms, 'number');
    assert.equal(typeof access.bytes, 'number');
    assert.equal(typeof access.upstream_calls, 'number');
  }
  // Lines written from upstream callbacks carry their request's id too.
  const [callbackReq, , firstRead, retriedRead, saveReq] = requests;
  assert.ok(entries.some((e) => e.request_id === callbackReq.id && e.msg === 'login: session started'),
    'the sign-in line carries the /callback request id');
  assert.ok(entries.some((e) => e.request_id === firstRead.id && e.msg === 'mgmt: token fetched'),
    'the M2M token fetch carries the id of the read that started it');
  assert.ok(entries.some((e) => e.request_id === retriedRead.id && e.msg === 'mgmt: users API call failed, retrying'),
    'the Management API client\'s retry line carries the read\'s id');
  assert.ok(entries.find((e) => e.request_id === retriedRead.id && e.msg === 'request').upstream_calls >= 2);
  assert.ok(entries.find((e) => e.request_id === saveReq.id && e.msg === 'request').upstream_calls >= 2);

  const secrets = {
    CLIENT_SECRET,
    SECRET,
    'the M2M token': m2m,
    'the authorization code': callbackParams.get('code'),
    'the login state': callbackParams.get('state'),
    'the CSRF token': csrfToken,
    'the user id': ADA.id,
    'the saved name': saved.name,
    'the saved city': saved.city,
  };
  for (const client of seed.clients) secrets[`client secret of ${client.client_id}`] = client.client_secret;
  for (const user of seed.users) {
    secrets[`password of ${user.user_id}`] = user.password;
    secrets[`email of ${user.user_id}`] = user.email;
    secrets[`name of ${user.user_id}`] = user.name;
  }
  Object.assign(secrets, {
    'family name': ada.family_name,
    'metadata city': ada.user_metadata.city,
    'app metadata': ada.app_metadata.plan,
    'picture URL': seed.users.find((u) => u.picture).picture,
  });
  for (const [origin, jar] of browser.jars) {
    for (const [name, value] of jar) secrets[`cookie ${name} of ${origin}`] = value;
  }
  assertNoSecrets(log, secrets);
});

test('X-Request-Id from the client: echoed behind TRUSTED_PROXIES when sane, else replaced', async (t) => {
  const { base } = await startStack(t, { env: { LOG_FORMAT: 'json', TRUSTED_PROXIES: '1' } });
  const idOf = async (sent) => (await fetch(`${base}/healthz`, { headers: { 'x-request-id': sent } })).headers.get('x-request-id');
  assert.equal(await idOf('proxy-5f0c1d2e.a:1_b'), 'proxy-5f0c1d2e.a:1_b');
  for (const bad of ['has space', 'x'.repeat(65), 'quote"d', 'a=b']) {
    assert.match(await idOf(bad), /^[0-9a-f]{32}$/, `${JSON.stringify(bad)} was not replaced`);
  }
  const none = await fetch(`${base}/healthz`);
  assert.match(none.headers.get('x-request-id'), /^[0-9a-f]{32}$/);
});
