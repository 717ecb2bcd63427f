// localtenant on a developer's machine, against a hostile web page or network:
// the Host check (DNS rebinding), loopback-only listening, and the sign-in
// throttle. The seed's secrets are public, so each of these is all that stands
// between a page the developer visits and every dev user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { binaryPath, startProcess } from './support/processes.mjs';
import {
  ADA, CLIENT_ID, CLIENT_SECRET, authorizeParams, authorizeUrl, form, hiddenFields, m2mToken, startTenant, testSeed,
} from './support/localtenant.mjs';

// One request over node:http, which (unlike fetch) sends the Host header we
// name, from the local address we name. Returns {status, headers, text}.
function send(port, { method = 'GET', path = '/', host, headers = {}, body, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method, path, localAddress, setHost: false, agent: false,
      headers: { ...(host === undefined ? {} : { host }), ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('requests naming another host are refused (421 invalid_host) on every route; our own names work', async (t) => {
  // The Management API's budget raised: this test is about names, not rates.
  const { port, issuer } = await startTenant(t, { args: ['--rate-limit', '1000', '--rate-burst', '1000'] });
  const token = await m2mToken(issuer);
  const routes = [
    { path: '/.well-known/openid-configuration' },
    { path: '/api/v2/users/' + encodeURIComponent(ADA.id), headers: { authorization: `Bearer ${token}` } },
    {
      method: 'POST', path: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: issuer + 'api/v2/' }),
    },
    { path: '/authorize?' + form(authorizeParams()) },
  ];
  for (const route of routes) {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `localhost:${port + 1}`]) {
      const r = await send(port, { ...route, host });
      assert.equal(r.status, 421, `${route.path} with Host ${host}`);
      const body = JSON.parse(r.text);
      assert.equal(body.error, 'invalid_host');
      assert.match(body.error_description, new RegExp(`127\\.0\\.0\\.1:${port}`));
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const r = await send(port, { ...route, host });
      assert.equal(r.status, 200, `${route.path} with Host ${host}: ${r.text.slice(0, 200)}`);
    }
  }
  // A request without any Host (HTTP/1.1 requires one) is refused too.
  assert.equal((await send(port, { path: '/.well-known/openid-configuration' })).status, 421);
});

test('the issuer given with --issuer is one of our names', async (t) => {
  const { port } = await startTenant(t, { args: ['--issuer', 'https://tenant.example'] });
  const path = '/.well-known/openid-configuration';
  assert.equal((await send(port, { path, host: 'tenant.example' })).status, 200);
  assert.equal((await send(port, { path, host: 'tenant.example:443' })).status, 200);
  assert.equal((await send(port, { path, host: `127.0.0.1:${port}` })).status, 200);
  assert.equal((await send(port, { path, host: 'evil.example' })).status, 421);
});

// Runs localtenant to completion, or kills it after `ms` (a binary that does
// not refuse would otherwise serve forever).
function runBriefly(args, ms = 5000) {
  const r = spawnSync(binaryPath('localtenant'), args, { encoding: 'utf8', timeout: ms });
  return { code: r.status, stderr: r.stderr, timedOut: r.error?.code === 'ETIMEDOUT' };
}

test('a non-loopback --host is refused with one line and status 2', () => {
  for (const host of ['0.0.0.0', '::', '192.0.2.1']) {
    const r = runBriefly(['--host', host, '--port', '0']);
    assert.equal(r.timedOut, false, `--host ${host} started`);
    assert.equal(r.code, 2, `--host ${host}`);
    assert.match(r.stderr, new RegExp(`^error: --host ${host.replace(/\./g, '\\.')} is not a loopback address.*--insecure-public`));
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});

test('--insecure-public allows a wildcard --host, with a warning; loopback clients still reach it', async (t) => {
  // Bound to every address for the few requests of this test only.
  const proc = await startProcess(t, 'localtenant', ['--host', '0.0.0.0', '--insecure-public', '--port', '0']);
  try {
    assert.match(proc.output().stderr, /WARNING: .*0\.0\.0\.0.*public/);
    const r = await send(proc.port, { path: '/.well-known/openid-configuration', host: `127.0.0.1:${proc.port}` });
    assert.equal(r.status, 200);
    assert.equal((await send(proc.port, { path: '/.well-known/openid-configuration', host: 'evil.example' })).status, 421);
  } finally {
    await proc.stop();
  }
});

test('sign-in attempts are throttled per client address: the 11th gets 429, even with the right password', async (t) => {
  const { port, issuer } = await startTenant(t);
  const host = `127.0.0.1:${port}`;
  const page = await fetch(authorizeUrl(issuer, authorizeParams()), { redirect: 'manual' });
  const fields = hiddenFields(await page.text());
  const attempt = (password, localAddress) => send(port, {
    method: 'POST', path: '/u/login', host, localAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...fields, username: ADA.email, password }),
  });
  for (let i = 1; i <= 10; ++i) {
    const r = await attempt('wrong-password');
    assert.equal(r.status, 400, `attempt ${i}`);
    assert.match(r.text, /Wrong email or password/);
  }
  const refused = await attempt('wrong-password');
  assert.equal(refused.status, 429);
  const wait = Number(refused.headers['retry-after']);
  assert.ok(Number.isInteger(wait) && wait >= 1 && wait <= 6, `Retry-After ${refused.headers['retry-after']}`);
  assert.match(refused.text, new RegExp(`Too many attempts, try again in ${wait} s`));
  assert.match(refused.text, /<form method="post" action="\/u\/login">/);

  const right = await attempt(ADA.password);
  assert.equal(right.status, 429, 'the right password is throttled too');
  assert.equal(right.headers['set-cookie'], undefined);

  // Another address on this machine has its own budget (Linux routes all of
  // 127.0.0.0/8 to loopback, so 127.0.0.2 can reach the 127.0.0.1 listener).
  const other = await attempt(ADA.password, '127.0.0.2');
  assert.equal(other.status, 302);
  assert.match(other.headers.location, /code=/);
});

test('--sign-in-per-minute sets the budget', async (t) => {
  const { port, issuer } = await startTenant(t, { args: ['--sign-in-per-minute', '30'] });
  const page = await fetch(authorizeUrl(issuer, authorizeParams()), { redirect: 'manual' });
  const fields = hiddenFields(await page.text());
  for (let i = 1; i <= 31; ++i) {
    const r = await send(port, {
      method: 'POST', path: '/u/login', host: `127.0.0.1:${port}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ ...fields, username: ADA.email, password: 'wrong-password' }),
    });
    assert.equal(r.status, i <= 30 ? 400 : 429, `attempt ${i}`);
  }
});

test('password checks leave the I/O threads free: the tenant answers while sign-ins are hashed', async (t) => {
  // One user, hashed slowly (about 3 s a check here): two checks at once
  // would hold both I/O threads if they ran there.
  const seed = { ...testSeed(), password_iterations: 3000000 };
  seed.users = seed.users.filter((u) => u.user_id === ADA.id);
  const { port, issuer } = await startTenant(t, { seed });
  const page = await fetch(authorizeUrl(issuer, authorizeParams()), { redirect: 'manual' });
  const fields = hiddenFields(await page.text());
  const attempt = () => send(port, {
    method: 'POST', path: '/u/login', host: `127.0.0.1:${port}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...fields, username: ADA.email, password: 'wrong-password' }),
  });
  const attempts = [attempt(), attempt()];
  await new Promise((resolve) => setTimeout(resolve, 100));
  const start = Date.now();
  const jwks = await send(port, { path: '/.well-known/jwks.json', host: `127.0.0.1:${port}` });
  const took = Date.now() - start;
  assert.equal(jwks.status, 200);
  assert.ok(took < 1000, `JWKS took ${took} ms while two sign-ins were checked`);
  for (const r of await Promise.all(attempts)) assert.equal(r.status, 400);
});
