// The profile API end to end: real profiledesk + real localtenant. The
// tenant's own record (read with an M2M token) is the ground truth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ADA, GOOGLE, GITHUB, GRACE, m2mToken, usersApi, startTenant } from './support/localtenant.mjs';
import { makeTestCA, tempDir } from './support/processes.mjs';
import { freePort, json, seedFor, signIn, startProfileDesk, startStack } from './support/profiledesk.mjs';

const fastTenant = ['--admin', '--rate-limit', '1000', '--rate-burst', '1000'];

async function stackWithAdmin(t, options = {}) {
  return startStack(t, { tenantArgs: fastTenant, ...options });
}

// A signed-in user: {browser, csrf, get(), patch(body, extra)}.
async function user(stack, who) {
  const { browser } = await signIn(stack, who);
  const session = await (await browser.fetch(`${stack.base}/api/session`)).json();
  const call = async (method, body, { headers = {}, raw } = {}) => json(await browser.fetch(`${stack.base}/api/profile`, {
    method,
    headers: {
      ...(body !== undefined || raw !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(method !== 'GET' ? { 'x-csrf-token': session.csrfToken, origin: stack.base } : {}),
      ...headers,
    },
    body: raw !== undefined ? raw : body === undefined ? undefined : JSON.stringify(body),
  }));
  return {
    browser,
    csrf: session.csrfToken,
    get: () => call('GET'),
    patch: (body, options) => call('PATCH', body, options),
    call,
  };
}

async function tenantRecord(stack, id) {
  const token = await m2mToken(stack.tenant.issuer);
  return (await usersApi(stack.tenant.issuer, token, id)).body;
}

async function admin(stack, method, p, body) {
  const res = await fetch(new URL(p, stack.tenant.issuer), {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.status === 204 ? null : res.json();
}

const field = (view, id) => view.fields.find((f) => f.id === id);

test('GET /api/profile needs a session', async (t) => {
  const stack = await stackWithAdmin(t);
  const res = await json(await fetch(`${stack.base}/api/profile`));
  assert.equal(res.status, 401);
  assert.equal(res.body.error, 'unauthenticated');
});

test('a database user reads their own profile: root attributes, schema metadata only, no app_metadata', async (t) => {
  const stack = await stackWithAdmin(t);
  const ada = await user(stack, ADA);
  const { status, body } = await ada.get();
  assert.equal(status, 200);
  assert.equal(body.user.user_id, ADA.id);
  assert.equal(body.user.name, 'Ada Lovelace');
  assert.deepEqual(body.user_metadata, { city: 'London' }, 'only keys the schema declares');
  assert.equal(body.app_metadata, undefined);
  assert.doesNotMatch(JSON.stringify(body), /gold/, 'app_metadata leaked');
  assert.equal(body.identity.social, false);
  assert.equal(body.version, (await tenantRecord(stack, ADA.id)).updated_at);
  for (const id of ['name', 'nickname', 'given_name', 'family_name', 'picture', 'user_metadata.city']) {
    assert.equal(field(body, id).editable, true, id);
  }
  assert.equal(field(body, 'email').editable, false);
  assert.ok(body.schema.fields.some((f) => f.key === 'city'));
});

test('a database user edits name and metadata; nested metadata outside the change survives', async (t) => {
  const stack = await stackWithAdmin(t);
  const ada = await user(stack, ADA);
  const before = (await ada.get()).body;
  const res = await ada.patch({
    baseVersion: before.version,
    changes: { name: 'Ada King', user_metadata: { city: 'Paris', bio: 'Analyst.\nPoet.' } },
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.user.name, 'Ada King');
  assert.equal(res.body.user_metadata.city, 'Paris');
  assert.notEqual(res.body.version, before.version);
  const record = await tenantRecord(stack, ADA.id);
  assert.equal(record.name, 'Ada King');
  assert.deepEqual(record.user_metadata, { city: 'Paris', bio: 'Analyst.\nPoet.', prefs: { theme: 'dark', lang: 'en' } });
  assert.deepEqual(record.app_metadata, { plan: 'gold' });
  // The session's summary follows without a new sign-in.
  const session = await (await ada.browser.fetch(`${stack.base}/api/session`)).json();
  assert.equal(session.user.name, 'Ada King');
});

test('a Google user sees root attributes read-only with the reason, and can still save metadata', async (t) => {
  const stack = await stackWithAdmin(t);
  const gina = await user(stack, GOOGLE);
  const view = (await gina.get()).body;
  assert.equal(field(view, 'name').editable, false);
  assert.equal(field(view, 'name').reason, 'Managed by your Google account: change it there.');
  assert.equal(field(view, 'user_metadata.city').editable, true);
  assert.equal(view.identity.social, true);

  const refused = await gina.patch({ baseVersion: view.version, changes: { name: 'Someone Else' } });
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error, 'field_read_only');
  assert.deepEqual(refused.body.fields, ['name']);
  assert.equal((await tenantRecord(stack, GOOGLE.id)).name, 'Gina Google');

  const saved = await gina.patch({ baseVersion: view.version, changes: { user_metadata: { city: 'Zürich' } } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal((await tenantRecord(stack, GOOGLE.id)).user_metadata.city, 'Zürich');
});

test('a social connection listed as not syncing lets its users edit root attributes', async (t) => {
  const stack = await stackWithAdmin(t, { env: { PROFILE_SYNC_OFF_CONNECTIONS: 'github' } });
  const gus = await user(stack, GITHUB);
  const view = (await gus.get()).body;
  assert.equal(field(view, 'name').editable, true);
  const saved = await gus.patch({ baseVersion: view.version, changes: { name: 'Gus Hubbard' } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  assert.equal((await tenantRecord(stack, GITHUB.id)).name, 'Gus Hubbard');
});

test('forbidden and unknown fields are refused by name and nothing reaches the tenant', async (t) => {
  const stack = await stackWithAdmin(t);
  const ada = await user(stack, ADA);
  const view = (await ada.get()).body;
  const before = await tenantRecord(stack, ADA.id);
  const patchesBefore = (await admin(stack, 'GET', 'admin/stats')).requests.users_patch;
  const attempts = [
    [{ app_metadata: { plan: 'platinum' } }, 'app_metadata'],
    [{ email_verified: true }, 'email_verified'],
    [{ blocked: false }, 'blocked'],
    [{ password: 'x' }, 'password'],
    [{ connection: 'google-oauth2' }, 'connection'],
    [{ user_id: GRACE.id }, 'user_id'],
    [{ email: 'evil@example.com' }, 'email'],
    [{ Name: 'Case Variant' }, 'Name'],
    [{ USER_METADATA: { city: 'x' } }, 'USER_METADATA'],
    [{ user_metadata: { undeclared: 'x' } }, 'user_metadata.undeclared'],
    [{ user_metadata: { City: 'x' } }, 'user_metadata.City'],
    [{ name: 'Fine', app_metadata: {} }, 'app_metadata'],
  ];
  for (const [changes, name] of attempts) {
    const res = await ada.patch({ baseVersion: view.version, changes });
    assert.equal(res.status, 400, JSON.stringify(changes));
    assert.equal(res.body.error, 'field_not_allowed');
    assert.ok(res.body.fields.includes(name), `${JSON.stringify(res.body.fields)} does not name ${name}`);
  }
  assert.equal((await admin(stack, 'GET', 'admin/stats')).requests.users_patch, patchesBefore, 'a PATCH went upstream');
  assert.deepEqual(await tenantRecord(stack, ADA.id), before);
});

test('validation failures name each field and send nothing', async (t) => {
  const stack = await stackWithAdmin(t);
  const ada = await user(stack, ADA);
  const view = (await ada.get()).body;
  const res = await ada.patch({
    baseVersion: view.version,
    changes: { name: 'x'.repeat(301), user_metadata: { phone: 'call me', website: 'javascript:alert(1)', birthday: '2023-02-29' } },
  });
  assert.equal(res.status, 400);
  assert.equal(res.body.error, 'validation_failed');
  for (const id of ['name', 'user_metadata.phone', 'user_metadata.website', 'user_metadata.birthday']) {
    assert.equal(typeof res.body.fields[id], 'string', `no message for ${id}`);
  }
  // The same by code and arguments, which the app shows in the person's language.
  assert.deepEqual(res.body.problems, {
    name: { code: 'too_long', args: { max: '300' } },
    'user_metadata.phone': { code: 'phone', args: {} },
    'user_metadata.website': { code: 'url', args: {} },
    'user_metadata.birthday': { code: 'date_missing', args: {} },
  });
  assert.equal(res.body.fields.name, 'Enter at most 300 characters.');
  assert.equal((await tenantRecord(stack, ADA.id)).name, 'Ada Lovelace');
});

test("a user cannot read or write anyone else's profile, however the request is shaped", async (t) => {
  const stack = await stackWithAdmin(t);
  const ada = await user(stack, ADA);
  const view = (await ada.get()).body;
  const graceBefore = await tenantRecord(stack, GRACE.id);
  for (const p of [`/api/profile?user_id=${encodeURIComponent(GRACE.id)}`, `/api/profile?id=${GRACE.id}`]) {
    const res = await json(await ada.browser.fetch(stack.base + p));
    assert.equal(res.status, 200);
    assert.equal(res.body.user.user_id, ADA.id, p);
  }
  for (const p of [`/api/profile/${encodeURIComponent(GRACE.id)}`, `/api/v2/users/${encodeURIComponent(GRACE.id)}`]) {
    assert.equal((await ada.browser.fetch(stack.base + p)).status, 404, p);
  }
  const res = await ada.patch({ baseVersion: view.version, changes: { name: 'Grace?' }, user_id: GRACE.id });
  assert.equal(res.status, 400);
  assert.deepEqual(await tenantRecord(stack, GRACE.id), graceBefore);
});

test('two sessions saving the same field: one 200, one 409 with the current value, then the loser saves on purpose', async (t) => {
  const stack = await stackWithAdmin(t);
  const first = await user(stack, ADA);
  const second = await user(stack, ADA);
  const v1 = (await first.get()).body.version;
  assert.equal((await second.get()).body.version, v1);
  const a = await first.patch({ baseVersion: v1, changes: { user_metadata: { city: 'Paris' } } });
  assert.equal(a.status, 200);
  const b = await second.patch({ baseVersion: v1, changes: { user_metadata: { city: 'Rome' } } });
  assert.equal(b.status, 409);
  assert.equal(b.body.error, 'conflict');
  assert.deepEqual(b.body.fields, { 'user_metadata.city': 'Paris' });
  assert.equal(b.body.version, a.body.version);
  assert.equal((await tenantRecord(stack, ADA.id)).user_metadata.city, 'Paris', 'the first save was lost');
  // The second user chose their value, knowingly.
  const again = await second.patch({ baseVersion: b.body.version, changes: { user_metadata: { city: 'Rome' } } });
  assert.equal(again.status, 200);
  assert.equal((await tenantRecord(stack, ADA.id)).user_metadata.city, 'Rome');
});

test('two sessions saving different fields from the same version both succeed', async (t) => {
  const stack = await stackWithAdmin(t);
  const first = await user(stack, ADA);
  const second = await user(stack, ADA);
  const v1 = (await first.get()).body.version;
  await second.get();
  assert.equal((await first.patch({ baseVersion: v1, changes: { nickname: 'countess' } })).status, 200);
  assert.equal((await second.patch({ baseVersion: v1, changes: { user_metadata: { city: 'Rome' } } })).status, 200);
  const record = await tenantRecord(stack, ADA.id);
  assert.equal(record.nickname, 'countess');
  assert.equal(record.user_metadata.city, 'Rome');
});

test('simultaneous saves of one field: exactly one wins, the other is told', async (t) => {
  const stack = await stackWithAdmin(t);
  const sessions = await Promise.all([user(stack, ADA), user(stack, ADA), user(stack, ADA)]);
  const v1 = (await sessions[0].get()).body.version;
  await Promise.all(sessions.slice(1).map((s) => s.get()));
  const results = await Promise.all(sessions.map((s, i) =>
    s.patch({ baseVersion: v1, changes: { user_metadata: { city: `City ${i}` } } })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [200, 409, 409]);
  const winner = results.findIndex((r) => r.status === 200);
  assert.equal((await tenantRecord(stack, ADA.id)).user_metadata.city, `City ${winner}`);
});

test('the M2M token is fetched once across many requests', async (t) => {
  const stack = await stackWithAdmin(t, { env: { PROFILE_CACHE_TTL_MS: '0' } });
  const ada = await user(stack, ADA);
  const grace = await user(stack, GRACE);
  await Promise.all([...Array(10)].flatMap(() => [ada.get(), grace.get()]));
  for (let i = 0; i < 5; ++i) assert.equal((await ada.get()).status, 200);
  const stats = await admin(stack, 'GET', 'admin/stats');
  assert.equal(stats.token_grants.client_credentials, 1);
  assert.ok(stats.requests.users_get >= 2, 'the reads did not reach the tenant');
});

test('a 429 whose reset fits the deadline is waited out', async (t) => {
  const stack = await stackWithAdmin(t, { env: { PROFILE_CACHE_TTL_MS: '0' } });
  const ada = await user(stack, ADA);
  assert.equal((await ada.get()).status, 200);
  await admin(stack, 'POST', 'admin/faults', { endpoint: 'users_get', kind: 'status', status: 429, retry_after_s: 1, count: 1 });
  const res = await ada.get();
  assert.equal(res.status, 200, JSON.stringify(res.body));
});

test('a 429 whose reset is past the deadline is a 503 with Retry-After', async (t) => {
  const stack = await stackWithAdmin(t, { env: { PROFILE_CACHE_TTL_MS: '0' } });
  const ada = await user(stack, ADA);
  await admin(stack, 'POST', 'admin/faults', { endpoint: 'users_get', kind: 'status', status: 429, retry_after_s: 60, count: 0 });
  const res = await ada.get();
  assert.equal(res.status, 503);
  assert.equal(res.body.error, 'upstream_rate_limited');
  assert.ok(Number(res.headers.get('retry-after')) >= 1);
});

for (const [name, fault, status, code] of [
  ['500s', { endpoint: 'users_get', kind: 'status', status: 500, count: 0 }, 503, 'upstream_unavailable'],
  ['dropped connections', { endpoint: 'users_get', kind: 'drop', count: 0 }, 503, 'upstream_unavailable'],
  ['malformed answers', { endpoint: 'users_get', kind: 'malformed', count: 0 }, 502, 'upstream_bad_response'],
  ['a hang', { endpoint: 'users_get', kind: 'latency', latency_ms: 20000, count: 0 }, 504, 'upstream_timeout'],
]) {
  test(`upstream ${name} give a clean ${status} and the server keeps serving`, async (t) => {
    const stack = await stackWithAdmin(t, { env: { PROFILE_CACHE_TTL_MS: '0' } });
    const ada = await user(stack, ADA);
    await admin(stack, 'POST', 'admin/faults', fault);
    const res = await ada.get();
    assert.equal(res.status, status, JSON.stringify(res.body));
    assert.equal(res.body.error, code);
    assert.equal((await fetch(`${stack.base}/healthz`)).status, 200);
    assert.equal((await json(await ada.browser.fetch(`${stack.base}/api/session`))).body.authenticated, true);
  });
}

test('repeated upstream failures open the circuit: later calls fail fast with Retry-After', async (t) => {
  const stack = await stackWithAdmin(t, { env: { PROFILE_CACHE_TTL_MS: '0' } });
  const ada = await user(stack, ADA);
  await admin(stack, 'POST', 'admin/faults', { endpoint: 'users_get', kind: 'status', status: 500, count: 0 });
  for (let i = 0; i < 3; ++i) await ada.get();
  const callsBefore = (await admin(stack, 'GET', 'admin/stats')).requests.users_get;
  const res = await ada.get();
  assert.equal(res.status, 503);
  assert.ok(Number(res.headers.get('retry-after')) >= 1);
  assert.equal((await admin(stack, 'GET', 'admin/stats')).requests.users_get, callsBefore, 'the open circuit still called upstream');
});

test('a PATCH that fails upstream is reported and not retried, and nothing is half-applied', async (t) => {
  const stack = await stackWithAdmin(t, { env: { PROFILE_CACHE_TTL_MS: '0' } });
  const ada = await user(stack, ADA);
  const view = (await ada.get()).body;
  await admin(stack, 'POST', 'admin/faults', { endpoint: 'users_patch', kind: 'status', status: 500, count: 0 });
  const failed = await ada.patch({ baseVersion: view.version, changes: { nickname: 'lost?', user_metadata: { city: 'Lima' } } });
  assert.equal(failed.status, 503, JSON.stringify(failed.body));
  assert.equal((await admin(stack, 'GET', 'admin/stats')).requests.users_patch, 1);
  const record = await tenantRecord(stack, ADA.id);
  assert.equal(record.nickname, 'ada');
  assert.equal(record.user_metadata.city, 'London');
});

test('CSRF: each missing defence is refused with 403 csrf_failed or 415', async (t) => {
  const stack = await stackWithAdmin(t);
  const ada = await user(stack, ADA);
  const view = (await ada.get()).body;
  const body = JSON.stringify({ baseVersion: view.version, changes: { nickname: 'csrf' } });
  const send = async (headers) => json(await ada.browser.fetch(`${stack.base}/api/profile`, { method: 'PATCH', headers, body }));
  const good = { 'content-type': 'application/json', 'x-csrf-token': ada.csrf, origin: stack.base };
  const cases = [
    [{ ...good, 'x-csrf-token': undefined }, 403],
    [{ ...good, 'x-csrf-token': 'wrong-token' }, 403],
    [{ ...good, origin: 'https://evil.example' }, 403],
    [{ ...good, origin: undefined }, 403],
    [{ ...good, origin: undefined, 'sec-fetch-site': 'cross-site' }, 403],
    [{ ...good, 'content-type': 'text/plain' }, 415],
    [{ ...good, 'content-type': 'application/x-www-form-urlencoded' }, 415],
  ];
  for (const [headers, status] of cases) {
    const clean = Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined));
    const res = await send(clean);
    assert.equal(res.status, status, JSON.stringify(clean));
    if (status === 403) assert.equal(res.body.error, 'csrf_failed');
  }
  assert.equal((await tenantRecord(stack, ADA.id)).nickname, 'ada');
  // No Origin but Sec-Fetch-Site: same-origin (some browsers) is accepted.
  const ok = await send({ ...Object.fromEntries(Object.entries(good).filter(([k]) => k !== 'origin')), 'sec-fetch-site': 'same-origin' });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  // Without a session there is nothing to forge.
  const anonymous = await json(await fetch(`${stack.base}/api/profile`, { method: 'PATCH', headers: good, body }));
  assert.equal(anonymous.status, 401);
});

test('limits: body size, invalid UTF-8, nesting, bad shapes and other methods', async (t) => {
  const stack = await stackWithAdmin(t);
  const ada = await user(stack, ADA);
  const view = (await ada.get()).body;
  const big = await ada.patch(undefined, { raw: JSON.stringify({ baseVersion: view.version, changes: { name: 'x'.repeat(17 * 1024) } }),
    headers: { 'content-type': 'application/json' } });
  assert.equal(big.status, 413);
  const utf8 = await ada.browser.fetch(`${stack.base}/api/profile`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-csrf-token': ada.csrf, origin: stack.base },
    body: Buffer.concat([Buffer.from(`{"baseVersion":"${view.version}","changes":{"name":"`), Buffer.from([0xff, 0xfe]), Buffer.from('"}}')]),
  });
  assert.equal(utf8.status, 400);
  assert.equal((await utf8.json()).error, 'invalid_utf8');
  // Forms a lax decoder lets through: an overlong '/' (C0 AF) and the UTF-16
  // surrogate U+D800 (ED A0 80). Refused alike, before any JSON parser sees them.
  for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80]]) {
    const lax = await ada.browser.fetch(`${stack.base}/api/profile`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': ada.csrf, origin: stack.base },
      body: Buffer.concat([Buffer.from(`{"baseVersion":"${view.version}","changes":{"user_metadata":{"city":"`), Buffer.from(bytes), Buffer.from('"}}}')]),
    });
    assert.equal(lax.status, 400, `bytes ${bytes}`);
    assert.equal((await lax.json()).error, 'invalid_utf8', `bytes ${bytes}`);
  }
  let deep = '1';
  for (let i = 0; i < 40; ++i) deep = `{"a":${deep}}`;
  const nested = await ada.patch(undefined, { raw: `{"baseVersion":"${view.version}","changes":{"user_metadata":{"bio":${deep}}}}` });
  assert.equal(nested.status, 400);
  assert.equal(nested.body.error, 'invalid_json');
  assert.equal((await ada.patch(undefined, { raw: '{not json' })).body.error, 'invalid_json');
  assert.equal((await ada.patch({ changes: { name: 'x' } })).body.error, 'bad_request');
  for (const method of ['PUT', 'POST', 'DELETE']) {
    assert.equal((await ada.call(method, { baseVersion: view.version, changes: {} })).status, 405, method);
  }
  assert.equal((await tenantRecord(stack, ADA.id)).name, 'Ada Lovelace');
});

test('over TLS: the tenant behind a private CA works, and a certificate for another host is refused', async (t) => {
  const dir = tempDir(t, 'pd-tls-');
  const ca = makeTestCA(dir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tenant = await startTenant(t, { seed: seedFor(base), tls: ca, args: fastTenant });
  assert.match(tenant.issuer, /^https:/);
  const pd = await startProfileDesk(t, { tenant, port, env: { CA_FILE: ca.caPath } });
  const stack = { tenant, pd, base, ca: ca.ca };
  const ada = await user(stack, ADA);
  const view = (await ada.get()).body;
  assert.equal((await ada.patch({ baseVersion: view.version, changes: { user_metadata: { city: 'Oslo' } } })).status, 200);

  // A certificate signed by the same CA, but for another host name.
  const f = (n) => path.join(dir, n);
  execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('other.key'), '-out', f('other.csr'), '-subj', '/CN=other.example'], { stdio: 'ignore' });
  execFileSync('sh', ['-c', `printf 'subjectAltName=DNS:other.example\\n' > ${f('other.ext')}`]);
  execFileSync('openssl', ['x509', '-req', '-in', f('other.csr'), '-CA', ca.caPath, '-CAkey', f('ca.key'), '-CAcreateserial',
    '-out', f('other.pem'), '-days', '2', '-extfile', f('other.ext')], { stdio: 'ignore' });
  const port2 = await freePort();
  const wrong = await startTenant(t, { seed: seedFor(`http://127.0.0.1:${port2}`), tls: { certPath: f('other.pem'), keyPath: f('other.key') } });
  await assert.rejects(
    startProfileDesk(t, { tenant: wrong, port: port2, env: { CA_FILE: ca.caPath } }),
    /never became ready[\s\S]*discovery failed[\s\S]*certificate verify failed/,
  );
});
