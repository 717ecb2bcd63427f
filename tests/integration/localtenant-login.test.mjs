// localtenant: /authorize and its sign-in form, the authorization_code grant
// with PKCE, ID tokens, /userinfo and the two logout endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ADA, CALLBACK, CLIENT_ID, CLIENT_SECRET, GOOGLE, LOGOUT_URL, authorizeParams, authorizeUrl, basicAuth, decodeJwt,
  form, hiddenFields, loginWithPkce, pkcePair, signIn, startTenant, tokenRequest, verifyWithJwks,
} from './support/localtenant.mjs';

async function codeFor(issuer, { user = ADA, extra = {} } = {}) {
  const pkce = pkcePair();
  const params = authorizeParams({ code_challenge: pkce.challenge, code_challenge_method: 'S256', ...extra });
  const { location, cookie } = await signIn(issuer, { user, params });
  return { code: location.searchParams.get('code'), pkce, params, location, cookie };
}

function exchange(issuer, code, verifier, overrides = {}) {
  return tokenRequest(issuer, {
    grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, code,
    redirect_uri: CALLBACK, code_verifier: verifier, ...overrides,
  });
}

test('/authorize shows an HTML sign-in form carrying the request', async (t) => {
  const { issuer } = await startTenant(t);
  const params = authorizeParams();
  const res = await fetch(authorizeUrl(issuer, params), { redirect: 'manual' });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(res.headers.get('content-security-policy'), /form-action 'self' http:\/\/localhost:8080/);
  const html = await res.text();
  assert.match(html, /<form method="post" action="\/u\/login">/);
  assert.match(html, /name="password" type="password"/);
  const fields = hiddenFields(html);
  assert.equal(fields.state, params.state);
  assert.equal(fields.nonce, params.nonce);
});

test('a full authorization-code + PKCE sign-in by posting the form', async (t) => {
  const { issuer } = await startTenant(t);
  const { code, pkce, params, location } = await codeFor(issuer);
  assert.equal(`${location.origin}${location.pathname}`, CALLBACK);
  assert.equal(location.searchParams.get('state'), params.state);
  const r = await exchange(issuer, code, pkce.verifier);
  assert.equal(r.status, 200);
  assert.equal(r.body.token_type, 'Bearer');
  assert.ok(r.body.access_token);
  assert.ok(r.body.expires_in > 0);
  const id = await verifyWithJwks(issuer, r.body.id_token);
  assert.equal(id.iss, issuer);
  assert.equal(id.aud, CLIENT_ID);
  assert.equal(id.sub, ADA.id);
  assert.equal(id.nonce, params.nonce);
  assert.equal(id.email, ADA.email);
  assert.equal(id.email_verified, true);
  assert.equal(id.name, 'Ada Lovelace');
  assert.equal(id.nickname, 'ada');
  assert.ok(id.picture);
  assert.match(id.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(id.exp > id.iat);
  assert.ok(Math.abs(id.auth_time - Date.now() / 1000) < 60);
});

test('a wrong PKCE verifier is refused with invalid_grant', async (t) => {
  const { issuer } = await startTenant(t);
  const { code } = await codeFor(issuer);
  const r = await exchange(issuer, code, pkcePair().verifier);
  assert.equal(r.status, 403);
  assert.equal(r.body.error, 'invalid_grant');
});

test('a missing PKCE verifier is refused when a challenge was sent', async (t) => {
  const { issuer } = await startTenant(t);
  const { code } = await codeFor(issuer);
  const r = await exchange(issuer, code, undefined, { code_verifier: '' });
  assert.equal(r.body.error, 'invalid_grant');
});

test('a code works once: the second exchange is refused', async (t) => {
  const { issuer } = await startTenant(t);
  const { code, pkce } = await codeFor(issuer);
  assert.equal((await exchange(issuer, code, pkce.verifier)).status, 200);
  const again = await exchange(issuer, code, pkce.verifier);
  assert.equal(again.status, 403);
  assert.deepEqual(again.body, { error: 'invalid_grant', error_description: 'Invalid authorization code' });
});

test('a code is bound to its redirect URI', async (t) => {
  const { issuer } = await startTenant(t);
  const { code, pkce } = await codeFor(issuer);
  const r = await exchange(issuer, code, pkce.verifier, { redirect_uri: 'http://localhost:8080/other' });
  assert.equal(r.status, 403);
  assert.equal(r.body.error, 'invalid_grant');
});

test('a code is bound to its client', async (t) => {
  const { issuer } = await startTenant(t);
  const { code, pkce } = await codeFor(issuer);
  const r = await exchange(issuer, code, pkce.verifier, { client_id: 'no-grant', client_secret: 'no-grant-secret' });
  assert.equal(r.status, 403);
  assert.equal(r.body.error, 'invalid_grant');
});

test('a wrong client secret at the token endpoint is 401 invalid_client', async (t) => {
  const { issuer } = await startTenant(t);
  const { code, pkce } = await codeFor(issuer);
  const r = await exchange(issuer, code, pkce.verifier, { client_secret: 'not-it' });
  assert.equal(r.status, 401);
  assert.equal(r.body.error, 'invalid_client');
});

test('client_secret_basic works for the code exchange', async (t) => {
  const { issuer } = await startTenant(t);
  const { code, pkce } = await codeFor(issuer);
  const r = await tokenRequest(issuer, { grant_type: 'authorization_code', code, redirect_uri: CALLBACK, code_verifier: pkce.verifier },
    { authorization: basicAuth(CLIENT_ID, CLIENT_SECRET) });
  assert.equal(r.status, 200);
});

test('an unregistered redirect URI gets an error page, never a redirect', async (t) => {
  const { issuer } = await startTenant(t);
  const res = await fetch(authorizeUrl(issuer, authorizeParams({ redirect_uri: 'https://evil.example/callback' })), { redirect: 'manual' });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('location'), null);
  assert.match(await res.text(), /Callback URL mismatch/);
});

test('an unknown client gets an error page', async (t) => {
  const { issuer } = await startTenant(t);
  const res = await fetch(authorizeUrl(issuer, authorizeParams({ client_id: 'nobody' })), { redirect: 'manual' });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('location'), null);
});

test('errors after the redirect URI is checked go back to it with state', async (t) => {
  const { issuer } = await startTenant(t);
  const params = authorizeParams({ response_type: 'token' });
  const res = await fetch(authorizeUrl(issuer, params), { redirect: 'manual' });
  assert.equal(res.status, 302);
  const location = new URL(res.headers.get('location'));
  assert.equal(location.searchParams.get('error'), 'unsupported_response_type');
  assert.ok(location.searchParams.get('error_description'));
  assert.equal(location.searchParams.get('state'), params.state);
});

test('a scope without openid is refused', async (t) => {
  const { issuer } = await startTenant(t);
  const res = await fetch(authorizeUrl(issuer, authorizeParams({ scope: 'profile email' })), { redirect: 'manual' });
  assert.equal(res.status, 302);
  assert.equal(new URL(res.headers.get('location')).searchParams.get('error'), 'invalid_scope');
});

test('a wrong password shows the form again with a message', async (t) => {
  const { issuer } = await startTenant(t);
  const { response } = await signIn(issuer, { user: { email: ADA.email, password: 'nope' } });
  assert.equal(response.status, 400);
  assert.equal(response.headers.get('location'), null);
  assert.match(await response.text(), /Wrong email or password\./);
});

test('the tenant session skips the form on the next /authorize', async (t) => {
  const { issuer } = await startTenant(t);
  const { cookie } = await codeFor(issuer);
  assert.match(cookie, /^auth0=/);
  const res = await fetch(authorizeUrl(issuer, authorizeParams()), { redirect: 'manual', headers: { cookie } });
  assert.equal(res.status, 302);
  assert.ok(new URL(res.headers.get('location')).searchParams.get('code'));
});

test('prompt=login shows the form despite a session', async (t) => {
  const { issuer } = await startTenant(t);
  const { cookie } = await codeFor(issuer);
  const res = await fetch(authorizeUrl(issuer, authorizeParams({ prompt: 'login' })), { redirect: 'manual', headers: { cookie } });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<form/);
});

test('max_age=0 asks for a fresh sign-in', async (t) => {
  const { issuer } = await startTenant(t);
  const { cookie } = await codeFor(issuer);
  await new Promise((r) => setTimeout(r, 1100));
  const res = await fetch(authorizeUrl(issuer, authorizeParams({ max_age: '0' })), { redirect: 'manual', headers: { cookie } });
  assert.equal(res.status, 200);
});

test('prompt=none without a session answers login_required', async (t) => {
  const { issuer } = await startTenant(t);
  const res = await fetch(authorizeUrl(issuer, authorizeParams({ prompt: 'none' })), { redirect: 'manual' });
  assert.equal(res.status, 302);
  assert.equal(new URL(res.headers.get('location')).searchParams.get('error'), 'login_required');
});

test('response_mode=form_post answers with an auto-posting form', async (t) => {
  const { issuer } = await startTenant(t);
  const params = authorizeParams({ response_mode: 'form_post' });
  const page = await fetch(authorizeUrl(issuer, params));
  const res = await fetch(new URL('u/login', issuer), {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...hiddenFields(await page.text()), username: ADA.email, password: ADA.password }),
  });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, new RegExp(`<form method="post" action="${CALLBACK}">`));
  const fields = hiddenFields(html);
  assert.ok(fields.code);
  assert.equal(fields.state, params.state);
  assert.match(res.headers.get('content-security-policy'), /script-src 'nonce-/);
});

test('a sign-in counts: logins_count, last_login and updated_at move', async (t) => {
  const { issuer } = await startTenant(t);
  const { tokens } = await loginWithPkce(issuer);
  const id = decodeJwt(tokens.body.id_token).payload;
  const { m2mToken, usersApi } = await import('./support/localtenant.mjs');
  const user = (await usersApi(issuer, await m2mToken(issuer), ADA.id)).body;
  assert.equal(user.logins_count, 1);
  assert.equal(user.last_login, user.updated_at);
  assert.equal(id.updated_at, user.updated_at);
});

test('/userinfo answers for the access token with the scope\'s claims', async (t) => {
  const { issuer } = await startTenant(t);
  const { tokens } = await loginWithPkce(issuer, { user: GOOGLE, scope: 'openid email' });
  const res = await fetch(new URL('userinfo', issuer), { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.sub, GOOGLE.id);
  assert.equal(body.email, GOOGLE.email);
  assert.equal(body.name, undefined);
});

test('/userinfo refuses a missing or foreign token with 401 invalid_token', async (t) => {
  const { issuer } = await startTenant(t);
  const none = await fetch(new URL('userinfo', issuer));
  assert.equal(none.status, 401);
  assert.equal((await none.json()).error, 'invalid_token');
  const { m2mToken } = await import('./support/localtenant.mjs');
  const m2m = await fetch(new URL('userinfo', issuer), { headers: { authorization: `Bearer ${await m2mToken(issuer)}` } });
  assert.equal(m2m.status, 401);
});

test('/v2/logout redirects to an allowed returnTo and ends the session', async (t) => {
  const { issuer } = await startTenant(t);
  const { cookie } = await codeFor(issuer);
  const url = new URL('v2/logout', issuer);
  url.search = form({ client_id: CLIENT_ID, returnTo: LOGOUT_URL + '?from=logout' });
  const res = await fetch(url, { redirect: 'manual', headers: { cookie } });
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), LOGOUT_URL + '?from=logout');
  assert.match(res.headers.get('set-cookie'), /auth0=;.*Max-Age=0/);
  const again = await fetch(authorizeUrl(issuer, authorizeParams()), { redirect: 'manual', headers: { cookie } });
  assert.equal(again.status, 200, 'the old session cookie no longer signs in');
});

test('/v2/logout refuses a returnTo outside the allowed logout URLs', async (t) => {
  const { issuer } = await startTenant(t);
  const url = new URL('v2/logout', issuer);
  url.search = form({ client_id: CLIENT_ID, returnTo: 'https://evil.example/' });
  const res = await fetch(url, { redirect: 'manual' });
  assert.equal(res.status, 400);
  assert.equal(res.headers.get('location'), null);
  assert.match(await res.text(), /Allowed Logout URLs/);
});

test('/v2/logout: subdomain wildcards, and the first URL when returnTo is missing', async (t) => {
  const { issuer } = await startTenant(t);
  const wildcard = new URL('v2/logout', issuer);
  wildcard.search = form({ client_id: CLIENT_ID, returnTo: 'https://app.example.com/bye' });
  assert.equal((await fetch(wildcard, { redirect: 'manual' })).status, 302);
  const first = new URL('v2/logout', issuer);
  first.search = form({ client_id: CLIENT_ID });
  const res = await fetch(first, { redirect: 'manual' });
  assert.equal(res.headers.get('location'), LOGOUT_URL);
});

test('/v2/logout without client_id checks the tenant\'s list', async (t) => {
  const { issuer } = await startTenant(t);
  const ok = new URL('v2/logout', issuer);
  ok.search = form({ returnTo: 'http://localhost:8080/tenant-wide' });
  assert.equal((await fetch(ok, { redirect: 'manual' })).status, 302);
  const no = new URL('v2/logout', issuer);
  no.search = form({ returnTo: LOGOUT_URL });
  assert.equal((await fetch(no, { redirect: 'manual' })).status, 400);
});

test('/oidc/logout with id_token_hint redirects with state', async (t) => {
  const { issuer } = await startTenant(t);
  const { tokens, cookie } = await loginWithPkce(issuer);
  const url = new URL('oidc/logout', issuer);
  url.search = form({ id_token_hint: tokens.body.id_token, post_logout_redirect_uri: LOGOUT_URL, state: 'bye' });
  const res = await fetch(url, { redirect: 'manual', headers: { cookie } });
  assert.equal(res.status, 302);
  assert.equal(res.headers.get('location'), LOGOUT_URL + '?state=bye');
});

test('/oidc/logout refuses an unregistered post_logout_redirect_uri and a forged hint', async (t) => {
  const { issuer } = await startTenant(t);
  const { tokens } = await loginWithPkce(issuer);
  const bad = new URL('oidc/logout', issuer);
  bad.search = form({ id_token_hint: tokens.body.id_token, post_logout_redirect_uri: 'https://evil.example/' });
  assert.equal((await fetch(bad, { redirect: 'manual' })).status, 400);
  const forged = new URL('oidc/logout', issuer);
  forged.search = form({ id_token_hint: tokens.body.id_token.slice(0, -4) + 'AAAA', post_logout_redirect_uri: LOGOUT_URL });
  assert.equal((await fetch(forged, { redirect: 'manual' })).status, 400);
});
