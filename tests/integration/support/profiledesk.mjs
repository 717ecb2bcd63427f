// A real profiledesk wired to a real localtenant, and a browser-like client
// (a cookie jar, manual redirects) that signs in through both.
import { randomBytes } from 'node:crypto';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { repoRoot, startProcess } from './processes.mjs';
import { CLIENT_ID, CLIENT_SECRET, hiddenFields, form, startTenant, testSeed } from './localtenant.mjs';

// A free loopback port: profiledesk's BASE_URL (and so the tenant's registered
// callback) must be known before either starts. Taken below the kernel's
// ephemeral range: a port from that range can be taken by any outgoing
// connection or port-0 listener (the abuse tests open hundreds) between this
// check and profiledesk's bind, which then fails with EADDRINUSE.
const ephemeralStart = (() => {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
})();

function listensOn(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export async function freePort() {
  const low = 10000;
  for (let i = 0; i < 100; ++i) {
    const port = low + Math.floor(Math.random() * (ephemeralStart - low));
    if (await listensOn(port)) return port;
  }
  throw new Error('no free loopback port below the ephemeral range');
}

// The test seed, registered for a profiledesk at `base`.
export function seedFor(base, seed = testSeed()) {
  const s = structuredClone(seed);
  for (const c of s.clients) {
    if (c.client_id !== CLIENT_ID) continue;
    c.callbacks = [`${base}/callback`];
    c.allowed_logout_urls = [`${base}/`];
  }
  return s;
}

export async function startProfileDesk(t, { tenant, port, env = {}, args = [], openFiles }) {
  const base = `http://127.0.0.1:${port}`;
  const pd = await startProcess(t, 'profiledesk', [
    '--port', String(port), '--env-file', path.join(repoRoot, 'build', 'no-such.env'),
    '--static-root', path.resolve(repoRoot, process.env.PD_WASM_DIST || 'build/wasm/dist'), ...args,
  ], {
    readyPattern: /running at (http:\/\/\S+)/,
    openFiles,
    env: {
      ISSUER_BASE_URL: tenant.issuer,
      CLIENT_ID,
      CLIENT_SECRET,
      BASE_URL: base,
      SECRET: randomBytes(32).toString('hex'),
      ...(tenant.rateLimit ? {
        MGMT_RATE_LIMIT: String(tenant.rateLimit.perSecond),
        MGMT_RATE_BURST: String(tenant.rateLimit.burst),
      } : {}),
      // No metrics listener unless a test asks (its default port would clash between parallel tests).
      METRICS_ADDRESS: '',
      ...env,
    },
  });
  // Discovery runs in the background: wait until sign-in can work.
  const deadline = Date.now() + 15000;
  for (;;) {
    const r = await fetch(`${base}/readyz`).catch(() => null);
    if (r && r.status === 200) break;
    if (Date.now() > deadline) throw new Error(`profiledesk never became ready\n${pd.output().stderr}`);
    await new Promise((res) => setTimeout(res, 50));
  }
  return { ...pd, base };
}

// Tenant + profiledesk, registered for each other. Options go to each side.
export async function startStack(t, { seed, tenantArgs = [], env = {}, args = [], tls, openFiles } = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const tenant = await startTenant(t, { seed: seedFor(base, seed), args: tenantArgs, tls });
  const pd = await startProfileDesk(t, { tenant, port, env, args, openFiles });
  return { tenant, pd, base };
}

// A client that keeps cookies per origin like a browser (enough for tests:
// name=value, cleared by Max-Age=0) and never follows redirects by itself.
export class Browser {
  // `ca`: extra trusted CA (PEM text) for https origins, like a browser that
  // trusts a private CA (Node's fetch cannot be given one). `userAgent`: the
  // User-Agent it sends (Node's own otherwise).
  constructor({ ca, userAgent } = {}) { this.jars = new Map(); this.ca = ca; this.userAgent = userAgent; }

  jar(url) {
    const origin = new URL(url).origin;
    if (!this.jars.has(origin)) this.jars.set(origin, new Map());
    return this.jars.get(origin);
  }

  cookie(url, name) { return this.jar(url).get(name); }
  forget(url) { this.jars.delete(new URL(url).origin); }
  setCookie(url, name, value) { this.jar(url).set(name, value); }

  async fetch(url, { headers = {}, ...init } = {}) {
    const cookie = this.cookieHeader(url);
    const allHeaders = { ...(cookie ? { cookie } : {}), ...(this.userAgent ? { 'user-agent': this.userAgent } : {}), ...headers };
    const res = this.ca && new URL(url).protocol === 'https:'
      ? await httpsFetch(url, { ...init, headers: allHeaders, ca: this.ca })
      : await fetch(url, { redirect: 'manual', ...init, headers: allHeaders });
    this.keepCookies(url, res);
    return res;
  }

  // Cookie header for `url`'s origin, and the Set-Cookie lines of `res` kept for it.
  cookieHeader(url) { return [...this.jar(url)].map(([k, v]) => `${k}=${v}`).join('; '); }

  keepCookies(url, res) {
    const jar = this.jar(url);
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired) jar.delete(name); else jar.set(name, value);
    }
  }
}

// fetch() over node:https with a given CA; answers a real Response.
function httpsFetch(url, { method = 'GET', headers = {}, body, ca }) {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, headers, ca }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        const nullBody = [101, 204, 205, 304].includes(res.statusCode);
        resolve(new Response(nullBody ? null : Buffer.concat(chunks), { status: res.statusCode, headers: h }));
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Follows the whole sign-in as a browser would: /login, the tenant's form,
// /callback. Returns {browser, callback (the response to /callback), location}.
export async function signIn(stack, user, { browser = new Browser({ ca: stack.ca }), returnTo } = {}) {
  const login = await browser.fetch(`${stack.base}/login${returnTo !== undefined ? '?returnTo=' + encodeURIComponent(returnTo) : ''}`);
  if (login.status !== 302) throw new Error(`/login answered ${login.status}`);
  const authorize = login.headers.get('location');
  // The tenant's own session may sign the user straight back in (SSO), as Auth0's does.
  let answer = await browser.fetch(authorize);
  if (answer.status === 200) {
    answer = await browser.fetch(new URL('u/login', stack.tenant.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ ...hiddenFields(await answer.text()), username: user.email, password: user.password }),
    });
  }
  if (answer.status !== 302) throw new Error(`the tenant answered ${answer.status}: ${await answer.text()}`);
  const callbackUrl = answer.headers.get('location');
  const callback = await browser.fetch(callbackUrl);
  return { browser, callback, callbackUrl, location: callback.headers.get('location') };
}

export async function json(res) {
  return { status: res.status, headers: res.headers, body: await res.json() };
}
