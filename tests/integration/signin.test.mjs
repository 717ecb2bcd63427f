// Sign-in and sessions: real profiledesk + real localtenant over HTTP, with a
// cookie jar, attacking each check the way a reviewer would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { ADA, GOOGLE, GRACE, form, hiddenFields } from './support/localtenant.mjs';
import { Browser, json, signIn, startStack } from './support/profiledesk.mjs';

const sessionCookie = 'pd_session';
const loginCookie = 'pd_login';

function setCookieLine(res, name) {
  return res.headers.getSetCookie().find((l) => l.startsWith(name + '='));
}

async function session(stack, browser) {
  return json(await browser.fetch(`${stack.base}/api/session`));
}

test('a full sign-in creates a session that /api/session reports', async (t) => {
  const stack = await startStack(t);
  const browser = new Browser();
  assert.deepEqual((await session(stack, browser)).body, { authenticated: false });

  const { callback, location } = await signIn(stack, ADA, { browser });
  assert.equal(callback.status, 302);
  assert.equal(location, '/');
  const s = await session(stack, browser);
  assert.equal(s.body.authenticated, true);
  assert.equal(s.body.user.sub, ADA.id);
  assert.equal(s.body.user.name, 'Ada Lovelace');
  assert.equal(s.body.user.connection, 'auth0');
  assert.match(s.body.csrfToken, /^[A-Za-z0-9_-]{32,}$/);
  assert.equal(s.headers.get('cache-control'), 'no-store');
});

test('the session cookie is HttpOnly, SameSite=Lax, Path=/ and holds 128+ random bits', async (t) => {
  const stack = await startStack(t);
  const { callback } = await signIn(stack, ADA);
  const line = setCookieLine(callback, sessionCookie);
  assert.ok(line, 'no session cookie set');
  assert.match(line, /;\s*HttpOnly/i);
  assert.match(line, /;\s*SameSite=Lax/i);
  assert.match(line, /;\s*Path=\/(;|$)/i);
  assert.doesNotMatch(line, /;\s*Secure/i, 'Secure on plain-http localhost would make the cookie unusable');
  const value = line.split(';')[0].split('=')[1];
  assert.ok(Buffer.from(value, 'base64url').length >= 16);
  // The provider's tokens never reach the browser.
  assert.doesNotMatch(callback.headers.getSetCookie().join('\n'), /eyJ/);
});

test('/login redirects with state, nonce and PKCE S256 in a short-lived, HttpOnly transaction cookie', async (t) => {
  const stack = await startStack(t);
  const browser = new Browser();
  const res = await browser.fetch(`${stack.base}/login`);
  assert.equal(res.status, 302);
  const url = new URL(res.headers.get('location'));
  assert.equal(url.origin + '/', stack.tenant.issuer);
  assert.equal(url.pathname, '/authorize');
  const p = url.searchParams;
  assert.equal(p.get('response_type'), 'code');
  assert.equal(p.get('code_challenge_method'), 'S256');
  assert.equal(p.get('redirect_uri'), `${stack.base}/callback`);
  assert.match(p.get('scope'), /\bopenid\b/);
  for (const name of ['state', 'nonce', 'code_challenge']) {
    assert.ok(Buffer.from(p.get(name), 'base64url').length >= 16, `${name} is too short`);
  }
  const line = setCookieLine(res, loginCookie);
  assert.match(line, /HttpOnly/i);
  assert.match(line, /SameSite=Lax/i);
  assert.match(line, /Max-Age=\d+/i);
  // Two logins never share a state or nonce.
  const again = new URL((await new Browser().fetch(`${stack.base}/login`)).headers.get('location')).searchParams;
  assert.notEqual(again.get('state'), p.get('state'));
  assert.notEqual(again.get('nonce'), p.get('nonce'));
});

test('returnTo is honoured for a same-origin path only', async (t) => {
  const stack = await startStack(t);
  assert.equal((await signIn(stack, ADA, { returnTo: '/profile?tab=contact' })).location, '/profile?tab=contact');
  for (const attack of ['https://evil.example/', '//evil.example/', '/\\evil.example/', '/%2F%2Fevil.example',
    'javascript:alert(1)', '\\\\evil.example', '/ok\r\nSet-Cookie: x=1']) {
    const { location } = await signIn(stack, ADA, { returnTo: attack });
    assert.equal(location, '/', `returnTo ${JSON.stringify(attack)} was not neutralised`);
  }
});

test('logging out ends the session server-side and at the provider', async (t) => {
  const stack = await startStack(t);
  const { browser } = await signIn(stack, ADA);
  const oldCookie = browser.cookie(stack.base, sessionCookie);
  const res = await browser.fetch(`${stack.base}/logout`, { method: 'POST', headers: { origin: stack.base } });
  assert.equal(res.status, 302);
  const to = new URL(res.headers.get('location'));
  assert.equal(to.origin + '/', stack.tenant.issuer);
  assert.match(to.pathname, /^\/(v2|oidc)\/logout$/);
  assert.match(setCookieLine(res, sessionCookie), /Max-Age=0/i);
  // Replaying the old cookie gets nothing.
  const replay = new Browser();
  replay.setCookie(stack.base, sessionCookie, oldCookie);
  assert.deepEqual((await session(stack, replay)).body, { authenticated: false });
  // The provider accepts the return address (it is a registered logout URL).
  const back = await fetch(to, { redirect: 'manual' });
  assert.equal(back.status, 302);
  assert.equal(back.headers.get('location'), `${stack.base}/`);
});

test('GET /logout changes nothing: it answers a page whose button posts to /logout from our origin', async (t) => {
  // A link on another site (a top-level GET) or an <img> on a sibling subdomain
  // (same-site) carries our SameSite=Lax cookie.
  const stack = await startStack(t);
  const { browser } = await signIn(stack, ADA);
  for (const headers of [{}, { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'image' }]) {
    const res = await browser.fetch(`${stack.base}/logout`, { headers });
    assert.equal(res.status, 200, JSON.stringify(headers));
    assert.equal(setCookieLine(res, sessionCookie), undefined, 'the page touched the session cookie');
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const html = await res.text();
    assert.match(html, /<form method="post" action="\/logout"><button type="submit">Sign out<\/button><\/form>/);
    // The form's POST must carry our Origin (the site-wide no-referrer policy makes a form send "null").
    assert.match(html, /<meta name="referrer" content="same-origin">/);
    assert.doesNotMatch(html, /<script/i, 'no script on the page');
    // Strict, and the form may follow POST /logout's redirect to the provider's logout.
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.match(csp, new RegExp(`form-action 'self' ${new URL(stack.tenant.issuer).origin}(;|$)`));
  }
  assert.equal((await session(stack, browser)).body.authenticated, true, 'GET /logout ended the session');
  // What its form sends, from our page, ends it.
  const res = await browser.fetch(`${stack.base}/logout`, {
    method: 'POST', headers: { origin: stack.base, 'sec-fetch-site': 'same-origin' } });
  assert.equal(res.status, 302);
  assert.equal(new URL(res.headers.get('location')).origin + '/', stack.tenant.issuer);
  assert.equal((await session(stack, browser)).body.authenticated, false);
});

test('GET /logout without a session says so, with a link home', async (t) => {
  const stack = await startStack(t);
  const res = await fetch(`${stack.base}/logout`, { redirect: 'manual' });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /You are signed out/);
  assert.match(html, /<a href="\/">/);
  assert.doesNotMatch(html, /<form/);
});

test('POST /api/session/end (the app\'s Sign out) ends the session and names the provider\'s logout', async (t) => {
  const stack = await startStack(t);
  const { browser } = await signIn(stack, ADA);
  const end = (b, headers) => b.fetch(`${stack.base}/api/session/end`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
  for (const headers of [{ origin: 'https://evil.example' }, {}, { 'sec-fetch-site': 'cross-site' }]) {
    const res = await json(await end(browser, headers));
    assert.equal(res.status, 403, JSON.stringify(headers));
    assert.equal(res.body.error, 'csrf_failed');
  }
  assert.equal((await session(stack, browser)).body.authenticated, true);

  const res = await json(await end(browser, { origin: stack.base }));
  assert.equal(res.status, 200);
  assert.match(setCookieLine(res, sessionCookie), /Max-Age=0/i);
  const to = new URL(res.body.logoutUrl);
  assert.equal(to.origin + '/', stack.tenant.issuer);
  assert.match(to.pathname, /^\/(v2|oidc)\/logout$/);
  assert.equal((await session(stack, browser)).body.authenticated, false);
  // Already signed out here (an expired session): the provider's logout all the same.
  const again = await json(await end(browser, { origin: stack.base }));
  assert.equal(again.status, 200);
  assert.equal(again.body.logoutUrl, res.body.logoutUrl);
});

test('sign out everywhere ends every session of that user, on every device, and no one else\'s', async (t) => {
  const stack = await startStack(t);
  const laptop = (await signIn(stack, ADA)).browser;
  const phone = (await signIn(stack, ADA)).browser;
  const grace = (await signIn(stack, GRACE)).browser;
  const { csrfToken } = (await session(stack, laptop)).body;
  // auth_time has whole seconds: the sign-ins above must be in an earlier one.
  await new Promise((r) => setTimeout(r, 1100));
  const endAll = (browser, headers) => browser.fetch(`${stack.base}/api/session/end-all`, {
    method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });

  // Only from our own page, with the session's CSRF token.
  for (const [headers, status, code] of [
    [{ origin: stack.base }, 403, 'csrf_failed'],
    [{ origin: 'https://evil.example', 'x-csrf-token': csrfToken }, 403, 'csrf_failed'],
    [{ origin: stack.base, 'x-csrf-token': 'forged' }, 403, 'csrf_failed'],
  ]) {
    const res = await json(await endAll(laptop, headers));
    assert.equal(res.status, status);
    assert.equal(res.body.error, code);
  }
  const asForm = await laptop.fetch(`${stack.base}/api/session/end-all`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.base, 'x-csrf-token': csrfToken } });
  assert.equal(asForm.status, 415);
  assert.equal((await json(await endAll(new Browser(), { origin: stack.base, 'x-csrf-token': csrfToken }))).status, 401);
  assert.equal((await session(stack, phone)).body.authenticated, true, 'refused requests ended nothing');

  const res = await endAll(laptop, { origin: stack.base, 'x-csrf-token': csrfToken });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { ended: 2 });
  assert.match(setCookieLine(res, sessionCookie), /Max-Age=0/i);
  assert.equal((await session(stack, phone)).body.authenticated, false, 'the other device is signed out');
  assert.equal((await session(stack, laptop)).body.authenticated, false);
  assert.equal((await session(stack, grace)).body.authenticated, true, 'another user is untouched');

  // The phone's sign-in at the provider is older than the sign-out: its single
  // sign-on no longer gets a session; the provider is asked for credentials.
  const askedForCredentials = async () => {
    const login = await phone.fetch(`${stack.base}/login`);
    const sso = await phone.fetch(login.headers.get('location'));
    assert.equal(sso.status, 302, 'the provider signs the phone in silently');
    const callback = await phone.fetch(sso.headers.get('location'));
    assert.equal(callback.status, 302);
    const again = new URL(callback.headers.get('location'));
    assert.equal(again.origin + '/', stack.tenant.issuer);
    assert.equal(again.searchParams.get('prompt'), 'login');
    assert.equal(again.searchParams.get('max_age'), '0', 'which makes auth_time a required claim');
    assert.equal((await session(stack, phone)).body.authenticated, false, 'no session from the old sign-in');
    return again;
  };
  // A browser that strips prompt=login and max_age from that URL gets its old
  // sign-in back from the provider: refused, not sent round again.
  const stripped = await askedForCredentials();
  stripped.searchParams.delete('prompt');
  stripped.searchParams.delete('max_age');
  const silently = await phone.fetch(stripped.href);
  assert.equal(silently.status, 302);
  const refusedCallback = await phone.fetch(silently.headers.get('location'));
  assert.equal(refusedCallback.status, 403);
  assert.match(await refusedCallback.text(), /Sign in again with your credentials/);
  assert.equal((await session(stack, phone)).body.authenticated, false);

  const again = await askedForCredentials();
  const askedAgain = await phone.fetch(again.href);
  assert.equal(askedAgain.status, 200, 'the provider shows its sign-in form');
  // With credentials given again, the phone is signed in as usual.
  const submitted = await phone.fetch(new URL('u/login', stack.tenant.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...hiddenFields(await askedAgain.text()), username: ADA.email, password: ADA.password }),
  });
  assert.equal(submitted.status, 302);
  const back = await phone.fetch(submitted.headers.get('location'));
  assert.equal(back.headers.get('location'), '/');
  assert.equal((await session(stack, phone)).body.authenticated, true);
});

test('a session id presented before login is never the one after (fixation)', async (t) => {
  const stack = await startStack(t);
  // An attacker-chosen value, then a real earlier session.
  const browser = new Browser();
  browser.setCookie(stack.base, sessionCookie, 'attacker-chosen-session-id-0123456789');
  await signIn(stack, ADA, { browser });
  const first = browser.cookie(stack.base, sessionCookie);
  assert.notEqual(first, 'attacker-chosen-session-id-0123456789');
  browser.forget(stack.tenant.issuer);  // sign in as someone else at the tenant too
  await signIn(stack, GOOGLE, { browser });
  const second = browser.cookie(stack.base, sessionCookie);
  assert.notEqual(second, first);
  const old = new Browser();
  old.setCookie(stack.base, sessionCookie, first);
  assert.equal((await session(stack, old)).body.authenticated, false, 'the pre-login session still works');
  assert.equal((await session(stack, browser)).body.user.sub, GOOGLE.id);
});

test('an idle session expires', async (t) => {
  const stack = await startStack(t, { env: { SESSION_IDLE_TIMEOUT: '1', SESSION_ABSOLUTE_TIMEOUT: '60' } });
  const { browser } = await signIn(stack, ADA);
  assert.equal((await session(stack, browser)).body.authenticated, true);
  await new Promise((r) => setTimeout(r, 2200));
  assert.equal((await session(stack, browser)).body.authenticated, false);
});

test('an active session still ends at its absolute lifetime', async (t) => {
  const stack = await startStack(t, { env: { SESSION_IDLE_TIMEOUT: '2', SESSION_ABSOLUTE_TIMEOUT: '3' } });
  const { browser } = await signIn(stack, ADA);
  for (let i = 0; i < 3; ++i) {
    await new Promise((r) => setTimeout(r, 800));
    assert.equal((await session(stack, browser)).body.authenticated, true, 'expired while active and young');
  }
  await new Promise((r) => setTimeout(r, 1600));
  assert.equal((await session(stack, browser)).body.authenticated, false);
});

// Starts a sign-in and stops at the provider's redirect back: returns the
// browser (holding the transaction cookie) and the callback URL.
async function callbackFor(stack) {
  const browser = new Browser();
  const login = await browser.fetch(`${stack.base}/login`);
  const authorize = new URL(login.headers.get('location'));
  const page = await browser.fetch(authorize);
  const { hiddenFields, form } = await import('./support/localtenant.mjs');
  const posted = await browser.fetch(new URL('u/login', stack.tenant.issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ ...hiddenFields(await page.text()), username: ADA.email, password: ADA.password }),
  });
  return { browser, url: new URL(posted.headers.get('location')), state: authorize.searchParams.get('state') };
}

async function assertRefused(stack, browser, res, pattern) {
  assert.equal(res.status, 400);
  assert.match(res.headers.get('content-type'), /text\/html/);
  const body = await res.text();
  assert.match(body, pattern);
  assert.match(body, /href="\/login"/, 'no way to try again');
  assert.equal(setCookieLine(res, sessionCookie), undefined, 'a session was created');
  assert.equal((await session(stack, browser)).body.authenticated, false);
}

test('a callback whose state does not match the transaction is refused', async (t) => {
  const stack = await startStack(t);
  const { browser, url } = await callbackFor(stack);
  url.searchParams.set('state', 'forged-state');
  await assertRefused(stack, browser, await browser.fetch(url), /does not belong/);
});

test('a replayed callback is refused, even with the transaction cookie restored', async (t) => {
  const stack = await startStack(t);
  const { browser, url } = await callbackFor(stack);
  const tx = browser.cookie(stack.base, loginCookie);
  assert.equal((await browser.fetch(url)).status, 302);
  const attacker = new Browser();
  attacker.setCookie(stack.base, loginCookie, tx);
  await assertRefused(stack, attacker, await attacker.fetch(url), /already been completed|expired/i);
});

test('a callback without the transaction cookie is refused', async (t) => {
  const stack = await startStack(t);
  const { url } = await callbackFor(stack);
  const other = new Browser();
  await assertRefused(stack, other, await other.fetch(url), /expired/i);
});

test('a tampered transaction cookie is refused', async (t) => {
  const stack = await startStack(t);
  const { browser, url } = await callbackFor(stack);
  const tx = browser.cookie(stack.base, loginCookie);
  browser.setCookie(stack.base, loginCookie, tx.slice(0, -4) + (tx.endsWith('AAAA') ? 'BBBB' : 'AAAA'));
  await assertRefused(stack, browser, await browser.fetch(url), /expired/i);
});

test("the provider's error= becomes a clear page, escaped, with a way to try again", async (t) => {
  const stack = await startStack(t);
  const { browser, state } = await callbackFor(stack);
  const url = new URL(`${stack.base}/callback`);
  url.searchParams.set('error', 'access_denied');
  url.searchParams.set('error_description', 'User did not consent <script>alert(1)</script>');
  url.searchParams.set('state', state);
  const res = await browser.fetch(url);
  assert.equal(res.status, 400);
  const body = await res.text();
  assert.match(body, /User did not consent &lt;script&gt;/);
  assert.doesNotMatch(body, /<script>/);
  assert.match(body, /href="\/login"/);
});

test('security headers: CSP and friends on HTML, no-store on JSON', async (t) => {
  const stack = await startStack(t);
  for (const path of ['/', '/callback?state=x&code=y']) {
    const res = await fetch(stack.base + path, { redirect: 'manual' });
    const csp = res.headers.get('content-security-policy') || '';
    assert.match(csp, /default-src 'self'/, path);
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, path);
    assert.match(csp, /object-src 'none'/, path);
    assert.match(csp, /base-uri 'none'/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer', path);
    assert.equal(res.headers.get('strict-transport-security'), null, 'HSTS on plain http');
  }
  const api = await fetch(`${stack.base}/api/session`);
  assert.equal(api.headers.get('cache-control'), 'no-store');
});

test('behind TLS (https BASE_URL): __Host- cookies with Secure, and HSTS', async (t) => {
  const { freePort, seedFor, startProfileDesk } = await import('./support/profiledesk.mjs');
  const { startTenant } = await import('./support/localtenant.mjs');
  const port = await freePort();
  const publicBase = `https://127.0.0.1:${port}`;
  const tenant = await startTenant(t, { seed: seedFor(publicBase) });
  const pd = await startProfileDesk(t, { tenant, port, env: { BASE_URL: publicBase } });
  const browser = new Browser();
  const login = await browser.fetch(`${pd.base}/login`);
  assert.match(setCookieLine(login, '__Host-pd_login'), /;\s*Secure/i);
  assert.match(login.headers.get('strict-transport-security') || '', /max-age=\d+/);
  const redirect = new URL(login.headers.get('location')).searchParams.get('redirect_uri');
  assert.equal(redirect, `${publicBase}/callback`);
});

// Sends raw bytes and returns everything the server answers before closing.
function rawRequest(base, text) {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (d) => { data += d; });
    socket.on('end', () => resolve({ data, closed: true }));
    socket.on('error', reject);
    socket.setTimeout(5000, () => { socket.destroy(); resolve({ data, closed: false }); });
  });
}

test('smuggling-shaped requests are refused and the connection closed', async (t) => {
  const stack = await startStack(t);
  const cases = {
    'Content-Length with Transfer-Encoding':
      'POST /logout HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    'a coding other than chunked': 'POST /logout HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    // A second, smuggled request follows on the same connection: it must not be answered.
    const { data, closed } = await rawRequest(stack.base, text + 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    assert.match(data, /^HTTP\/1\.1 400/, name);
    assert.equal((data.match(/HTTP\/1\.1 /g) || []).length, 1, `${name}: the smuggled request was answered`);
    assert.ok(closed, `${name}: the connection stayed open`);
  }
});

test('a sign-in after the signing keys went stale refetches them and still works', async (t) => {
  // Keys cached for 1 s: the second sign-in must fetch the JWKS again first
  // (this once deadlocked the server: the fetch's lock was held while verifying).
  const stack = await startStack(t, { env: { JWKS_MAX_AGE: '1' } });
  assert.equal((await signIn(stack, ADA)).callback.status, 302);
  await new Promise((r) => setTimeout(r, 1500));
  const second = await signIn(stack, GOOGLE);
  assert.equal(second.callback.status, 302);
  assert.equal((await session(stack, second.browser)).body.user.sub, GOOGLE.id);
  assert.equal((await fetch(`${stack.base}/readyz`)).status, 200, 'the server stopped answering');
});

test('a cross-site POST /logout is refused and the session lives on', async (t) => {
  const stack = await startStack(t);
  const { browser } = await signIn(stack, ADA);
  for (const headers of [{ origin: 'https://evil.example' }, {}, { 'sec-fetch-site': 'cross-site' }]) {
    const res = await browser.fetch(`${stack.base}/logout`, { method: 'POST', headers });
    assert.equal(res.status, 403, JSON.stringify(headers));
  }
  assert.equal((await session(stack, browser)).body.authenticated, true);
});
