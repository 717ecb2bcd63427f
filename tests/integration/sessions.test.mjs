// "Where you're signed in" (issue 18): GET /api/sessions lists exactly the
// user's own sessions, DELETE /api/sessions/{handle} ends one of them (the
// browser holding it is signed out at its next request), never another
// user's, and DELETE /api/sessions?others=true ends all but this one. Each
// test runs on the memory store and on a real Redis.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, GRACE } from './support/localtenant.mjs';
import { Browser, json, signIn, startStack } from './support/profiledesk.mjs';
import { startRedis } from './support/redis.mjs';

const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0';
const SAFARI_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 '
  + '(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

const stores = [
  ['memory', async () => ({})],
  ['redis', async (t) => ({ SESSION_STORE: (await startRedis(t)).url })],
];

// A signed-in browser with its CSRF token.
async function signedIn(s, who, userAgent) {
  const { browser } = await signIn(s, who, { browser: new Browser({ userAgent }) });
  const state = await (await browser.fetch(`${s.base}/api/session`)).json();
  assert.equal(state.authenticated, true);
  return { browser, csrf: state.csrfToken };
}

const list = async (s, b) => json(await b.browser.fetch(`${s.base}/api/sessions`));

function end(s, b, handle, { csrf = b.csrf, query = '' } = {}) {
  return b.browser.fetch(`${s.base}/api/sessions${handle === undefined ? '' : '/' + handle}${query}`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, origin: s.base },
  });
}

for (const [name, storeEnv] of stores) {
  test(`${name} store: a user lists exactly their own sessions, newest first, this one marked`, async (t) => {
    const s = await startStack(t, { env: await storeEnv(t) });
    const phone = await signedIn(s, ADA, SAFARI_IPHONE);
    const laptop = await signedIn(s, ADA, FIREFOX_LINUX);
    await signedIn(s, GRACE, FIREFOX_LINUX);

    const seen = await list(s, laptop);
    assert.equal(seen.status, 200);
    assert.equal(seen.headers.get('cache-control'), 'no-store');
    const sessions = seen.body.sessions;
    assert.equal(sessions.length, 2, 'ada\'s two, not grace\'s');
    assert.deepEqual(sessions.map((x) => x.device), ['Firefox on Linux', 'Safari on iPhone']);
    assert.deepEqual(sessions.map((x) => x.current), [true, false]);
    assert.ok(sessions[0].createdAt >= sessions[1].createdAt);
    for (const x of sessions) {
      assert.equal(x.address, '127.0.0.x');
      assert.match(x.handle, /^[A-Za-z0-9_-]{22}$/);
      assert.ok(x.lastActiveAt >= x.createdAt);
      // Never the cookie value.
      assert.ok(![...laptop.browser.jar(s.base).values(), ...phone.browser.jar(s.base).values()].includes(x.handle));
    }
    // The other browser sees the same two, itself marked.
    const fromPhone = (await list(s, phone)).body.sessions;
    assert.deepEqual(fromPhone.map((x) => x.current), [false, true]);
    assert.equal(fromPhone[1].handle, sessions[1].handle);

    const anonymous = await json(await fetch(`${s.base}/api/sessions`));
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error, 'unauthenticated');
  });

  test(`${name} store: ending the other session signs that browser out at its next request`, async (t) => {
    const s = await startStack(t, { env: await storeEnv(t), tenantArgs: ['--admin'] });
    const phone = await signedIn(s, ADA, SAFARI_IPHONE);
    const laptop = await signedIn(s, ADA, FIREFOX_LINUX);
    const other = (await list(s, laptop)).body.sessions.find((x) => !x.current);

    // CSRF as for every write: without the token, or from elsewhere, nothing ends.
    assert.equal((await end(s, laptop, other.handle, { csrf: 'wrong' })).status, 403);
    const foreign = await laptop.browser.fetch(`${s.base}/api/sessions/${other.handle}`, {
      method: 'DELETE', headers: { 'content-type': 'application/json', 'x-csrf-token': laptop.csrf, origin: 'https://evil.example' },
    });
    assert.equal(foreign.status, 403);
    assert.equal((await phone.browser.fetch(`${s.base}/api/profile`)).status, 200);

    const ended = await end(s, laptop, other.handle);
    assert.equal(ended.status, 204);
    assert.equal(ended.headers.get('set-cookie'), null, 'this browser stays signed in');

    const next = await json(await phone.browser.fetch(`${s.base}/api/profile`));
    assert.equal(next.status, 401);
    assert.equal(next.body.error, 'unauthenticated');
    assert.equal((await json(await phone.browser.fetch(`${s.base}/api/session`))).body.authenticated, false);
    assert.equal((await list(s, laptop)).body.sessions.length, 1);
    // Nor does it sign straight back in through the provider's single sign-on
    // (a lost laptop, an intruder): the provider is asked for credentials.
    // Its sign-in there is aged, as times are whole seconds and this runs within one.
    const aged = await fetch(new URL('admin/sessions/age', s.tenant.issuer), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 30 }),
    });
    assert.equal(aged.status, 204);
    const login = await phone.browser.fetch(`${s.base}/login`);
    const sso = await phone.browser.fetch(login.headers.get('location'));
    assert.equal(sso.status, 302, 'the provider signs the phone in silently');
    const callback = await phone.browser.fetch(sso.headers.get('location'));
    assert.equal(new URL(callback.headers.get('location'), s.base).searchParams.get('prompt'), 'login');
    assert.equal((await json(await phone.browser.fetch(`${s.base}/api/session`))).body.authenticated, false);

    // Ended already: the same answer as any unknown handle.
    const again = await json(await end(s, laptop, other.handle));
    assert.equal(again.status, 404);
    assert.equal(again.body.error, 'session_not_found');
  });

  test(`${name} store: no handle reaches another user's session`, async (t) => {
    const s = await startStack(t, { env: await storeEnv(t) });
    const ada = await signedIn(s, ADA, FIREFOX_LINUX);
    const grace = await signedIn(s, GRACE, SAFARI_IPHONE);
    const graceHandle = (await list(s, grace)).body.sessions[0].handle;
    const graceCookies = [...grace.browser.jar(s.base)].map(([, v]) => v);

    for (const handle of [graceHandle, ...graceCookies, 'no-such-handle', '%2e%2e', 'a'.repeat(65)]) {
      const r = await json(await end(s, ada, encodeURIComponent(handle)));
      assert.equal(r.status, 404, handle);
      assert.equal(r.body.error, 'session_not_found');
    }
    assert.equal((await grace.browser.fetch(`${s.base}/api/profile`)).status, 200, 'grace is still signed in');
    assert.equal((await list(s, grace)).body.sessions.length, 1);
  });

  test(`${name} store: ending this session signs out here; ending the others keeps this one`, async (t) => {
    const s = await startStack(t, { env: await storeEnv(t) });
    const b1 = await signedIn(s, ADA, FIREFOX_LINUX);
    const b2 = await signedIn(s, ADA, SAFARI_IPHONE);
    const b3 = await signedIn(s, ADA, FIREFOX_LINUX);

    assert.equal((await end(s, b3, undefined)).status, 400, 'a DELETE of the whole list needs others=true');
    const others = await json(await end(s, b3, undefined, { query: '?others=true' }));
    assert.equal(others.status, 200);
    assert.equal(others.body.ended, 2);
    assert.equal((await b1.browser.fetch(`${s.base}/api/profile`)).status, 401);
    assert.equal((await b2.browser.fetch(`${s.base}/api/profile`)).status, 401);
    const left = (await list(s, b3)).body.sessions;
    assert.equal(left.length, 1);
    assert.equal(left[0].current, true);

    const self = await end(s, b3, left[0].handle);
    assert.equal(self.status, 204);
    assert.match(self.headers.get('set-cookie') || '', /max-age=0/i, 'the cookie is cleared, as for a sign-out');
    assert.equal((await json(await fetch(`${s.base}/api/session`))).body.authenticated, false);
  });
}
