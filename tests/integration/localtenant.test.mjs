// localtenant: command line, discovery, JWKS, and the client_credentials grant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runProcess, startProcess, tempDir, writeSeed } from './support/processes.mjs';
import {
  CLIENT_ID, CLIENT_SECRET, basicAuth, decodeJwt, m2mToken, startTenant, testSeed, tokenRequest, verifyWithJwks,
} from './support/localtenant.mjs';

test('--help documents every option', () => {
  const r = runProcess('localtenant', ['--help']);
  assert.equal(r.code, 0);
  for (const flag of ['--seed', '--db', '--port', '--host', '--tls-cert', '--tls-key', '--admin', '--rate-limit',
    '--rate-burst', '--m2m-token-ttl', '--issuer', '--insecure-public', '--sign-in-per-minute']) {
    assert.match(r.stdout, new RegExp(flag), flag);
  }
});

test('a bad option is refused with one line and status 2', () => {
  const r = runProcess('localtenant', ['--port', 'eighty']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--port must be/);
});

test('--admin is refused on a non-loopback address', () => {
  const r = runProcess('localtenant', ['--admin', '--host', '0.0.0.0']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /loopback/);
});

test('a broken seed file stops the start with the place of the mistake', (t) => {
  const dir = tempDir(t);
  const seed = testSeed();
  seed.users[0].connection = 'nope';
  const r = runProcess('localtenant', ['--seed', writeSeed(dir, seed), '--port', '0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /users\[0\]\.connection: no connection named 'nope'/);
});

test('it prints exactly one listening line with the real port', async (t) => {
  const tenant = await startTenant(t);
  assert.match(tenant.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(tenant.port > 0);
  assert.equal(tenant.output().stdout.trim().split('\n').length, 1);
});

test('the default seed starts and knows the demo client', async (t) => {
  const proc = await startProcess(t, 'localtenant', ['--seed', 'server/localtenant/seed.json', '--port', '0']);
  const r = await tokenRequest(proc.url, {
    grant_type: 'client_credentials', client_id: 'profiledesk-local',
    client_secret: 'dev-only-secret-profiledesk-local-0123456789abcdef', audience: proc.url + 'api/v2/',
  });
  assert.equal(r.status, 200);
});

test('discovery: issuer with a trailing slash and the endpoints', async (t) => {
  const { issuer } = await startTenant(t);
  const res = await fetch(new URL('.well-known/openid-configuration', issuer));
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const doc = await res.json();
  assert.equal(doc.issuer, issuer);
  assert.ok(doc.issuer.endsWith('/'));
  assert.equal(doc.authorization_endpoint, issuer + 'authorize');
  assert.equal(doc.token_endpoint, issuer + 'oauth/token');
  assert.equal(doc.userinfo_endpoint, issuer + 'userinfo');
  assert.equal(doc.jwks_uri, issuer + '.well-known/jwks.json');
  assert.equal(doc.end_session_endpoint, issuer + 'oidc/logout');
  assert.ok(doc.code_challenge_methods_supported.includes('S256'));
  assert.deepEqual(doc.id_token_signing_alg_values_supported, ['RS256']);
});

test('--issuer overrides the announced issuer', async (t) => {
  const { issuer, url } = await startTenant(t, { args: ['--issuer', 'https://tenant.example'] });
  assert.equal(issuer, url);
  const doc = await (await fetch(new URL('.well-known/openid-configuration', url))).json();
  assert.equal(doc.issuer, 'https://tenant.example/');
});

test('JWKS: RS256 public keys with a kid, no private parts', async (t) => {
  const { issuer } = await startTenant(t);
  const jwks = await (await fetch(new URL('.well-known/jwks.json', issuer))).json();
  assert.equal(jwks.keys.length, 1);
  const [k] = jwks.keys;
  assert.equal(k.kty, 'RSA');
  assert.equal(k.alg, 'RS256');
  assert.equal(k.use, 'sig');
  assert.ok(k.kid);
  assert.ok(k.n && k.e);
  assert.equal(k.d, undefined);
});

test('JWKS: the keys are generated once and survive a restart', async (t) => {
  const first = await startTenant(t);
  const before = await (await fetch(new URL('.well-known/jwks.json', first.issuer))).json();
  await first.stop();
  const second = await startTenant(t, { dir: first.dir, db: first.db });
  const after = await (await fetch(new URL('.well-known/jwks.json', second.issuer))).json();
  assert.deepEqual(after, before);
});

test('client_credentials: an RS256 token for the Management API', async (t) => {
  const { issuer } = await startTenant(t);
  const r = await tokenRequest(issuer, {
    grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: issuer + 'api/v2/',
  });
  assert.equal(r.status, 200);
  assert.equal(r.body.token_type, 'Bearer');
  assert.equal(r.body.expires_in, 86400);
  assert.equal(r.body.scope, 'read:users update:users');
  assert.equal(r.headers.get('cache-control'), 'no-store');
  const claims = await verifyWithJwks(issuer, r.body.access_token);
  assert.equal(claims.iss, issuer);
  assert.equal(claims.aud, issuer + 'api/v2/');
  assert.equal(claims.sub, `${CLIENT_ID}@clients`);
  assert.equal(claims.azp, CLIENT_ID);
  assert.equal(claims.gty, 'client-credentials');
  assert.equal(claims.exp - claims.iat, 86400);
});

test('client_credentials: JSON bodies and client_secret_basic work too', async (t) => {
  const { issuer } = await startTenant(t);
  const json = await fetch(new URL('oauth/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: issuer + 'api/v2/' }),
  });
  assert.equal(json.status, 200);
  const basic = await tokenRequest(issuer, { grant_type: 'client_credentials', audience: issuer + 'api/v2/' },
    { authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) });
  assert.equal(basic.status, 200);
});

test('client_credentials: --m2m-token-ttl sets the lifetime', async (t) => {
  const { issuer } = await startTenant(t, { args: ['--m2m-token-ttl', '120'] });
  const token = await m2mToken(issuer);
  const { payload } = decodeJwt(token);
  assert.equal(payload.exp - payload.iat, 120);
});

test('client_credentials: a wrong secret is 401 invalid_client', async (t) => {
  const { issuer } = await startTenant(t);
  const r = await tokenRequest(issuer, {
    grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'wrong', audience: issuer + 'api/v2/',
  });
  assert.equal(r.status, 401);
  assert.deepEqual(r.body, { error: 'invalid_client', error_description: 'Client authentication failed' });
});

test('client_credentials: an unknown client is 401 invalid_client', async (t) => {
  const { issuer } = await startTenant(t);
  const r = await tokenRequest(issuer, {
    grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x', audience: issuer + 'api/v2/',
  });
  assert.equal(r.status, 401);
  assert.equal(r.body.error, 'invalid_client');
});

test('client_credentials: no audience, or another one, is 403 access_denied', async (t) => {
  const { issuer } = await startTenant(t);
  const none = await tokenRequest(issuer, { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  assert.equal(none.status, 403);
  assert.equal(none.body.error, 'access_denied');
  const other = await tokenRequest(issuer, {
    grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, audience: 'https://api.example/',
  });
  assert.equal(other.status, 403);
  assert.equal(other.body.error_description, 'Service not found: https://api.example/');
});

test('client_credentials: a client without the grant is 403 unauthorized_client', async (t) => {
  const { issuer } = await startTenant(t);
  const r = await tokenRequest(issuer, {
    grant_type: 'client_credentials', client_id: 'no-grant', client_secret: 'no-grant-secret', audience: issuer + 'api/v2/',
  });
  assert.equal(r.status, 403);
  assert.equal(r.body.error, 'unauthorized_client');
});

test('client_credentials: requested scopes are narrowed to the granted ones', async (t) => {
  const { issuer } = await startTenant(t);
  const token = await m2mToken(issuer, { scope: 'read:users delete:users' });
  assert.equal(decodeJwt(token).payload.scope, 'read:users');
});

test('token endpoint: an unknown grant type is 400 unsupported_grant_type', async (t) => {
  const { issuer } = await startTenant(t);
  const r = await tokenRequest(issuer, { grant_type: 'password', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
  assert.equal(r.status, 400);
  assert.equal(r.body.error, 'unsupported_grant_type');
});
