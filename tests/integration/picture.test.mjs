// GET /api/profile/picture?for=<url>: the signed-in user's own picture,
// fetched by profiledesk (the page may only load images from its origin).
// Pictures come from a real HTTPS host on 127.0.0.1 behind a test CA, so the
// stack runs with PICTURE_ALLOW_PRIVATE_ADDRESSES, except where the default
// (public addresses only) is the point.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, GRACE, m2mToken, usersApi } from './support/localtenant.mjs';
import { makeTestCA, tempDir } from './support/processes.mjs';
import { freePort, json, signIn, startStack } from './support/profiledesk.mjs';
import { solidPng, startPictureHost } from './support/pictures.mjs';

const PNG = solidPng(8, [200, 30, 40]);
const ROUTES = {
  '/ada.png': { type: 'application/octet-stream', body: PNG },  // the type is told from the bytes
  '/grace.png': { type: 'image/png', body: solidPng(4, [0, 0, 255]) },
  '/page.html': { type: 'text/html', body: '<!doctype html><script>alert(1)</script>' },
  '/drawing.svg': { type: 'image/svg+xml', body: '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>' },
  '/huge.png': { type: 'image/png', body: Buffer.concat([PNG.subarray(0, 8), Buffer.alloc(3 * 1024 * 1024)]) },
  '/moved': { status: 302, headers: { location: '/ada.png' } },
  '/loop': { status: 302, headers: { location: '/loop' } },
  '/to-plain-http': { status: 301, headers: { location: 'http://127.0.0.1:1/ada.png' } },
};

async function pictureStack(t, { allowPrivate = true, routes = ROUTES } = {}) {
  const dir = tempDir(t, 'pd-picture-');
  const ca = makeTestCA(dir);
  const host = await startPictureHost(t, ca, routes);
  const stack = await startStack(t, {
    tenantArgs: ['--rate-limit', '1000', '--rate-burst', '1000'],
    // No read cache: each test changes the picture at the tenant and asks at once.
    env: { CA_FILE: ca.caPath, PROFILE_CACHE_TTL_MS: '0', ...(allowPrivate ? { PICTURE_ALLOW_PRIVATE_ADDRESSES: 'true' } : {}) },
  });
  return { ...stack, host, dir, ca };
}

// Sets `who`'s picture at the tenant (as the provider's dashboard would).
async function setPicture(stack, who, picture) {
  const token = await m2mToken(stack.tenant.issuer);
  const r = await usersApi(stack.tenant.issuer, token, who.id, { method: 'PATCH', body: { picture } });
  assert.equal(r.status, 200, r.text);
}

async function signedIn(stack, who) {
  const { browser } = await signIn(stack, who);
  return {
    picture: (url) => browser.fetch(`${stack.base}/api/profile/picture?for=${encodeURIComponent(url)}`),
    get: (path) => browser.fetch(`${stack.base}${path}`),
  };
}

async function refused(res, status, code) {
  const body = await json(res);
  assert.equal(body.status, status, JSON.stringify(body.body));
  assert.equal(body.body.error, code);
  assert.ok(body.body.message.length > 0);
  return body;
}

test('the signed-in user\'s own picture is served from our origin, typed by its bytes, never as a document', async (t) => {
  const stack = await pictureStack(t);
  const url = stack.host.url('/ada.png');
  await setPicture(stack, ADA, url);
  const ada = await signedIn(stack, ADA);
  const res = await ada.picture(url);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), PNG);
  assert.equal(res.headers.get('cache-control'), 'no-store', 'no copy outlives the session in the browser cache');
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(res.headers.get('content-security-policy'), /default-src 'none'; sandbox/);
  assert.equal(res.headers.get('cross-origin-resource-policy'), 'same-origin');

  // A redirect (Gravatar sends one to its default picture) is followed.
  const moved = stack.host.url('/moved');
  await setPicture(stack, ADA, moved);
  const again = await ada.picture(moved);
  assert.equal(again.status, 200);
  assert.deepEqual(Buffer.from(await again.arrayBuffer()), PNG);
});

test('only the user\'s current picture: never another address, never before sign-in', async (t) => {
  const stack = await pictureStack(t);
  await setPicture(stack, ADA, stack.host.url('/ada.png'));
  await setPicture(stack, GRACE, stack.host.url('/grace.png'));
  await refused(await fetch(`${stack.base}/api/profile/picture?for=${encodeURIComponent(stack.host.url('/ada.png'))}`),
                401, 'unauthenticated');
  const grace = await signedIn(stack, GRACE);
  // Ada's picture is not Grace's, nor is any other URL: profiledesk is no open proxy.
  await refused(await grace.picture(stack.host.url('/ada.png')), 404, 'picture_not_current');
  await refused(await grace.picture('https://169.254.169.254/latest/meta-data/'), 404, 'picture_not_current');
  await refused(await grace.get('/api/profile/picture'), 400, 'bad_request');
  assert.deepEqual(stack.host.requests, [], 'nothing fetched for a refused request');
  assert.equal((await grace.picture(stack.host.url('/grace.png'))).status, 200);
});

test('what is not a PNG, JPEG, GIF or WebP image, or is too large, or missing, is refused with a clear error', async (t) => {
  const stack = await pictureStack(t);
  const ada = await signedIn(stack, ADA);
  for (const [path, status, code] of [
    ['/page.html', 502, 'picture_not_an_image'],
    ['/drawing.svg', 502, 'picture_not_an_image'],
    ['/huge.png', 502, 'picture_too_large'],
    ['/missing.png', 502, 'picture_unavailable'],
    ['/loop', 502, 'picture_unavailable'],
    ['/to-plain-http', 502, 'picture_not_https'],
  ]) {
    await setPicture(stack, ADA, stack.host.url(path));
    await refused(await ada.picture(stack.host.url(path)), status, code);
  }
  // A redirect loop ends after the first request and three redirects.
  assert.equal(stack.host.requests.filter((p) => p === '/loop').length, 4);
});

test('by default a picture on a private or loopback address, or off port 443, is never fetched', async (t) => {
  const stack = await pictureStack(t, { allowPrivate: false });
  const ada = await signedIn(stack, ADA);
  // Told apart from a host that does not exist only in our log.
  for (const url of [stack.host.url('/ada.png'), 'https://localhost/ada.png', 'https://[::1]/ada.png',
                     'https://127.0.0.1/ada.png', 'https://10.0.0.1/ada.png', 'https://169.254.169.254/ada.png']) {
    await setPicture(stack, ADA, url);
    await refused(await ada.picture(url), 502, 'picture_unavailable');
  }
  assert.deepEqual(stack.host.requests, []);
});

test('the picture host\'s certificate is verified', async (t) => {
  const stack = await pictureStack(t);
  // A host whose certificate comes from a CA profiledesk does not trust.
  const stranger = await startPictureHost(t, makeTestCA(tempDir(t, 'pd-other-ca-')), ROUTES);
  const url = stranger.url('/ada.png');
  await setPicture(stack, ADA, url);
  const ada = await signedIn(stack, ADA);
  await refused(await ada.picture(url), 502, 'picture_unavailable');
  assert.deepEqual(stranger.requests, [], 'no request sent over an unverified connection');
});

test('a failed fetch is logged by its kind only: the picture\'s address (a profile value) never reaches the log', async (t) => {
  const stack = await pictureStack(t);
  // Nothing listens there: the connection is refused. 127.0.0.2 appears nowhere else in the log.
  const url = `https://127.0.0.2:${await freePort()}/ada-lovelace-portrait.png`;
  await setPicture(stack, ADA, url);
  const ada = await signedIn(stack, ADA);
  await refused(await ada.picture(url), 502, 'picture_unavailable');
  const deadline = Date.now() + 2000;
  while (!stack.pd.output().stderr.includes('picture: fetch') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const log = stack.pd.output().stderr;
  assert.doesNotMatch(log, /127\.0\.0\.2/, 'the picture\'s host is in the log');
  assert.doesNotMatch(log, /ada-lovelace-portrait/, 'the picture\'s path is in the log');
  const line = log.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((e) => e.msg === 'picture: fetch failed');
  assert.ok(line?.category && line?.error, 'the failure is logged, with its kind');
});
