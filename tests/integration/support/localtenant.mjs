// Helpers for talking to a localtenant: a small test seed, starting a tenant
// with it, M2M tokens, the sign-in flow with PKCE, JWT decoding and checking.
import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import https from 'node:https';
import path from 'node:path';
import { startProcess, tempDir, writeSeed } from './processes.mjs';

export const CLIENT_ID = 'test-app';
export const CLIENT_SECRET = 'test-secret-0123456789';
export const CALLBACK = 'http://localhost:8080/callback';
export const LOGOUT_URL = 'http://localhost:8080/';
export const ADA = { id: 'auth0|ada', email: 'ada@example.com', password: 'ada-password' };
export const GRACE = { id: 'auth0|grace', email: 'grace@example.com', password: 'grace-password' };
export const GOOGLE = { id: 'google-oauth2|1234567890', email: 'gina@example.com', password: 'gina-password' };
export const GITHUB = { id: 'github|42', email: 'gus@example.com', password: 'gus-password' };

// A seed with one confidential client, a read-only M2M client, and users of
// three connections (database, Google synced at each login, GitHub not).
export function testSeed() {
  return {
    password_iterations: 1000,  // quick start-up; the default is 600000
    tenant: { friendly_name: 'Test tenant', allowed_logout_urls: ['http://localhost:8080/tenant-wide'] },
    clients: [
      {
        client_id: CLIENT_ID,
        name: 'Test app',
        client_secret: CLIENT_SECRET,
        callbacks: [CALLBACK],
        allowed_logout_urls: [LOGOUT_URL, 'https://*.example.com/bye'],
        grant_types: ['authorization_code', 'client_credentials'],
        management_api_scopes: ['read:users', 'update:users'],
      },
      {
        client_id: 'reader',
        client_secret: 'reader-secret',
        grant_types: ['client_credentials'],
        management_api_scopes: ['read:users'],
      },
      { client_id: 'no-grant', client_secret: 'no-grant-secret', grant_types: ['authorization_code'], callbacks: [CALLBACK] },
    ],
    connections: [
      { name: 'Username-Password-Authentication', strategy: 'auth0' },
      { name: 'google-oauth2', strategy: 'google-oauth2', options: { set_user_root_attributes: 'on_each_login' } },
      { name: 'github', strategy: 'github', options: { set_user_root_attributes: 'on_first_login' } },
    ],
    users: [
      {
        user_id: ADA.id, connection: 'Username-Password-Authentication', email: ADA.email, email_verified: true,
        password: ADA.password, name: 'Ada Lovelace', nickname: 'ada', given_name: 'Ada', family_name: 'Lovelace',
        user_metadata: { city: 'London', prefs: { theme: 'dark', lang: 'en' } }, app_metadata: { plan: 'gold' },
      },
      {
        user_id: GRACE.id, connection: 'Username-Password-Authentication', email: GRACE.email,
        password: GRACE.password, name: 'Grace Hopper',
      },
      {
        user_id: GOOGLE.id, connection: 'google-oauth2', email: GOOGLE.email, email_verified: true,
        password: GOOGLE.password, name: 'Gina Google', picture: 'https://example.com/gina.png',
      },
      {
        user_id: GITHUB.id, connection: 'github', email: GITHUB.email, password: GITHUB.password, name: 'Gus Hub',
      },
      {
        user_id: 'auth0|zoe', connection: 'Username-Password-Authentication', email: 'zoe@example.com',
        password: 'zoe-password', name: 'Zoë Łukasiewicz · Софья · 李小龍', user_metadata: { city: 'Kraków' },
      },
    ],
  };
}

// The tenant's Management API limit from its arguments (localtenant's
// defaults: 2/s, burst 2), which a profiledesk in front of it is told as an
// operator would tell it (MGMT_RATE_LIMIT, MGMT_RATE_BURST).
function rateLimitOf(args) {
  const value = (flag, fallback) => {
    const i = args.indexOf(flag);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  return { perSecond: value('--rate-limit', 2), burst: value('--rate-burst', 2) };
}

// Starts a tenant with a temp database (and the test seed unless `seed` is
// given). Returns the process handle plus {issuer, dir, db, seedPath, rateLimit}.
export async function startTenant(t, { seed = testSeed(), args = [], dir, db, tls } = {}) {
  dir = dir || tempDir(t, 'localtenant-');
  const seedPath = writeSeed(dir, seed);
  db = db || path.join(dir, 'tenant.db');
  const tlsArgs = tls ? ['--tls-cert', tls.certPath, '--tls-key', tls.keyPath] : [];
  const proc = await startProcess(t, 'localtenant', ['--seed', seedPath, '--db', db, '--port', '0', ...tlsArgs, ...args]);
  return { ...proc, issuer: proc.url, dir, db, seedPath, rateLimit: rateLimitOf(args) };
}

export function basicAuth(id, secret) {
  return 'Basic ' + Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64');
}

export function form(params) {
  return new URLSearchParams(params).toString();
}

// POST /oauth/token with a form body; returns {status, body, headers}.
export async function tokenRequest(issuer, params, headers = {}) {
  const res = await fetch(new URL('oauth/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form(params),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

export async function m2mToken(issuer, { clientId = CLIENT_ID, secret = CLIENT_SECRET, scope } = {}) {
  const params = { grant_type: 'client_credentials', client_id: clientId, client_secret: secret, audience: issuer + 'api/v2/' };
  if (scope) params.scope = scope;
  const r = await tokenRequest(issuer, params);
  if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.access_token;
}

export function userUrl(issuer, id) {
  return new URL('api/v2/users/' + encodeURIComponent(id), issuer);
}

// GET/PATCH a user through the Management API; returns {status, headers, body}.
export async function usersApi(issuer, token, id, { method = 'GET', body, contentType = 'application/json', query = '' } = {}) {
  const url = userUrl(issuer, id);
  url.search = query;
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = contentType;
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : (typeof body === 'string' ? body : JSON.stringify(body)) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, body: json, text };
}

export function b64url(buf) {
  return Buffer.from(buf).toString('base64url');
}

export function pkcePair() {
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash('sha256').update(verifier).digest());
  return { verifier, challenge };
}

export function decodeJwt(token) {
  const [h, p] = token.split('.');
  return { header: JSON.parse(Buffer.from(h, 'base64url')), payload: JSON.parse(Buffer.from(p, 'base64url')) };
}

// Verifies an RS256 JWT against the tenant's JWKS; returns its payload.
export async function verifyWithJwks(issuer, token) {
  const jwks = await (await fetch(new URL('.well-known/jwks.json', issuer))).json();
  const [h, p, s] = token.split('.');
  const { header, payload } = decodeJwt(token);
  if (header.alg !== 'RS256') throw new Error('alg is not RS256');
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error('kid not in the JWKS');
  const ok = verify('RSA-SHA256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
  if (!ok) throw new Error('bad signature');
  return payload;
}

// The hidden fields of the sign-in form in an HTML page.
export function hiddenFields(html) {
  const fields = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) {
    fields[unescapeHtml(m[1])] = unescapeHtml(m[2]);
  }
  return fields;
}

function unescapeHtml(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function authorizeUrl(issuer, params) {
  const url = new URL('authorize', issuer);
  url.search = form(params);
  return url;
}

export function authorizeParams(overrides = {}) {
  return {
    client_id: CLIENT_ID, redirect_uri: CALLBACK, response_type: 'code', scope: 'openid profile email',
    state: 'state-' + b64url(randomBytes(8)), nonce: 'nonce-' + b64url(randomBytes(8)), ...overrides,
  };
}

// GET /authorize, then post the sign-in form. Returns the final response
// (normally a 302 to the callback), the parsed Location, and the cookie set.
export async function signIn(issuer, { user = ADA, params = authorizeParams(), cookie } = {}) {
  const page = await fetch(authorizeUrl(issuer, params), { redirect: 'manual', headers: cookie ? { cookie } : {} });
  if (page.status !== 200) return { response: page, location: page.headers.get('location') && new URL(page.headers.get('location')) };
  const fields = hiddenFields(await page.text());
  const res = await fetch(new URL('u/login', issuer), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...fields, username: user.email, password: user.password }),
  });
  const location = res.headers.get('location');
  const setCookie = res.headers.get('set-cookie');
  return { response: res, location: location && new URL(location), cookie: setCookie && setCookie.split(';')[0] };
}

// The whole authorization-code + PKCE flow: returns the token response.
export async function loginWithPkce(issuer, { user = ADA, scope = 'openid profile email' } = {}) {
  const { verifier, challenge } = pkcePair();
  const params = authorizeParams({ scope, code_challenge: challenge, code_challenge_method: 'S256' });
  const { location, cookie } = await signIn(issuer, { user, params });
  if (!location) throw new Error('sign-in did not redirect');
  const code = location.searchParams.get('code');
  const tokens = await tokenRequest(issuer, {
    grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code,
    redirect_uri: CALLBACK, code_verifier: verifier,
  });
  return { tokens, params, cookie };
}

// A request over HTTPS that trusts only `ca` (fetch cannot take a CA).
export function httpsRequest(url, { method = 'GET', headers = {}, body, ca } = {}) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: data }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}
