// Metrics end to end: a real profiledesk with its metrics listener on a free
// port, a real localtenant. Each test scrapes, does a scripted piece of work,
// scrapes again, and checks that EVERY counter that moved moved by exactly
// what that work did, and nothing else moved. Each scrape must pass
// Prometheus' own checker (`promtool check metrics`, from Debian's
// `prometheus` package; scripts/setup installs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { ADA, m2mToken, usersApi } from './support/localtenant.mjs';
import { json, signIn, startStack } from './support/profiledesk.mjs';

const fastTenant = ['--rate-limit', '1000', '--rate-burst', '1000'];

// promtool reads the exposition on stdin; exit 0 and no output: parsed, and no lint problem.
function promtool(text) {
  const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  if (r.error) throw new Error(`promtool cannot run (${r.error.message}): scripts/setup installs Debian's prometheus package`);
  return { code: r.status, output: (r.stdout + r.stderr).trim() };
}

async function stackWithMetrics(t, env = {}) {
  const stack = await startStack(t, { tenantArgs: fastTenant, env: { METRICS_ADDRESS: '127.0.0.1:0', ...env } });
  const m = stack.pd.output().stdout.match(/Metrics are served at (http:\/\/\S+)/);
  assert.ok(m, `no metrics line on stdout:\n${stack.pd.output().stdout}`);
  return { ...stack, metricsUrl: m[1] };
}

// The samples of an exposition: "name{labels}" -> value. Histograms keep
// only _count (buckets and sums depend on timing); process_* moves by itself.
function samples(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    const key = line.slice(0, at);
    if (/^process_/.test(key) || /_(bucket|sum)\{/.test(key) || /_sum$/.test(key)) continue;
    out.set(key, Number(line.slice(at + 1)));
  }
  return out;
}

async function scrape(stack) {
  const res = await fetch(stack.metricsUrl);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  const check = promtool(text);
  assert.deepEqual(check, { code: 0, output: '' }, 'promtool check metrics');
  return { text, values: samples(text) };
}

// What moved between two scrapes (a series new in the second counts from 0).
function moved(before, after) {
  const out = {};
  for (const [key, value] of after.values) {
    const delta = value - (before.values.get(key) ?? 0);
    if (delta !== 0) out[key] = delta;
  }
  return out;
}

const requests = (route, method, status) =>
  `profiledesk_http_request_duration_seconds_count{route="${route}",method="${method}",status="${status}"}`;
const upstream = (endpoint, status) =>
  `profiledesk_upstream_request_duration_seconds_count{endpoint="${endpoint}",status="${status}"}`;

// Discovery and the first JWKS fetch run in the background after start: wait
// until both are done, so that they are not counted as the test's work.
async function settled(stack) {
  for (const deadline = Date.now() + 10000; ;) {
    const s = await scrape(stack);
    if (s.values.get(upstream('jwks', '200')) === 1) return s;
    if (Date.now() > deadline) throw new Error(`the JWKS was never fetched:\n${s.text}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function signedIn(stack, who) {
  const { browser, callback } = await signIn(stack, who);
  assert.equal(callback.status, 302);
  const { csrfToken } = await (await browser.fetch(`${stack.base}/api/session`)).json();
  return {
    get: async () => json(await browser.fetch(`${stack.base}/api/profile`)),
    patch: async (body) => json(await browser.fetch(`${stack.base}/api/profile`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, origin: stack.base },
      body: JSON.stringify(body),
    })),
  };
}

test('a sign-in, two profile reads and a save move the counters by exactly that', async (t) => {
  // A read cache that outlasts the test: the second read is a hit.
  const stack = await stackWithMetrics(t, { PROFILE_CACHE_TTL_MS: '60000' });
  const before = await settled(stack);
  assert.equal(before.values.get('profiledesk_sign_ins_total{outcome="success"}'), 0, 'known series read 0 from the start');
  assert.match(before.text, /^profiledesk_build_info\{version="[^"]+"\} 1$/m);
  for (const name of ['process_resident_memory_bytes', 'process_open_fds', 'process_cpu_seconds_total', 'process_start_time_seconds']) {
    assert.match(before.text, new RegExp(`^${name} [0-9.e+]+$`, 'm'), name);
  }

  const ada = await signedIn(stack, ADA);
  const first = await ada.get();
  const second = await ada.get();
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  const saved = await ada.patch({ baseVersion: second.body.version, changes: { user_metadata: { city: 'Paris' } } });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));

  const after = await scrape(stack);
  assert.deepEqual(moved(before, after), {
    [requests('/login', 'GET', 302)]: 1,
    [requests('/callback', 'GET', 302)]: 1,
    [requests('/api/session', 'GET', 200)]: 1,
    [requests('/api/profile', 'GET', 200)]: 2,
    [requests('/api/profile', 'PATCH', 200)]: 1,
    'profiledesk_sign_ins_total{outcome="success"}': 1,
    [upstream('token', 200)]: 1,        // the code exchange
    [upstream('m2m_token', 200)]: 1,    // the Management API token, once
    [upstream('get_user', 200)]: 2,     // the first read, and the save's check against the current record
    [upstream('patch_user', 200)]: 1,
    'profiledesk_mgmt_token_fetches_total': 1,
    'profiledesk_mgmt_user_reads_total{cache="miss"}': 2,
    'profiledesk_mgmt_user_reads_total{cache="hit"}': 1,  // the second read
    'profiledesk_sessions': 1,
  });
});

test('refusals are counted by kind: a validation failure, a conflict, a spent budget, a refused sign-in', async (t) => {
  const stack = await stackWithMetrics(t, { PROFILE_WRITES_PER_MINUTE: '1' });
  await settled(stack);
  const ada = await signedIn(stack, ADA);
  const before = await scrape(stack);

  const view = (await ada.get()).body;
  const invalid = await ada.patch({ baseVersion: view.version, changes: { user_metadata: { birthday: '2023-02-29' } } });
  assert.equal(invalid.status, 400);
  assert.equal(invalid.body.error, 'validation_failed');
  // The same field changed elsewhere (straight at the tenant) since the view was read.
  const token = await m2mToken(stack.tenant.issuer);
  assert.equal((await usersApi(stack.tenant.issuer, token, ADA.id, { method: 'PATCH', body: { user_metadata: { city: 'Oslo' } } })).status, 200);
  const conflict = await ada.patch({ baseVersion: view.version, changes: { user_metadata: { city: 'Rome' } } });
  assert.equal(conflict.status, 409);
  const spent = await ada.patch({ baseVersion: conflict.body.version, changes: { user_metadata: { city: 'Rome' } } });
  assert.equal(spent.status, 429);
  assert.equal(spent.body.error, 'too_many_writes');
  const refused = await fetch(`${stack.base}/callback?code=c&state=s`, { redirect: 'manual' });
  assert.equal(refused.status, 400);
  assert.equal((await fetch(`${stack.base}/`)).status, 200);
  // Never on the public port.
  assert.equal((await fetch(`${stack.base}/metrics`)).status, 404);

  const after = await scrape(stack);
  assert.deepEqual(moved(before, after), {
    [requests('/api/profile', 'GET', 200)]: 1,
    [requests('/api/profile', 'PATCH', 400)]: 1,
    [requests('/api/profile', 'PATCH', 409)]: 1,
    [requests('/api/profile', 'PATCH', 429)]: 1,
    [requests('/callback', 'GET', 400)]: 1,
    [requests('static', 'GET', 200)]: 1,
    [requests('unmatched', 'GET', 404)]: 1,  // GET /metrics on the public port
    'profiledesk_profile_validation_failures_total': 1,
    'profiledesk_profile_conflicts_total': 1,
    'profiledesk_budget_refusals_total{budget="writes"}': 1,
    'profiledesk_sign_ins_total{outcome="transaction_missing"}': 1,
    [upstream('m2m_token', 200)]: 1,
    [upstream('get_user', 200)]: 2,  // the read, and the conflicting save's check
    'profiledesk_mgmt_token_fetches_total': 1,
    'profiledesk_mgmt_user_reads_total{cache="miss"}': 2,
  });
});

test('promtool refuses a malformed exposition, so the checks above can fail', async (t) => {
  const stack = await stackWithMetrics(t);
  const { text } = await scrape(stack);
  // A label value whose closing quote is lost.
  const broken = text.replace(/outcome="success"/, 'outcome="success');
  assert.notEqual(broken, text);
  assert.notEqual(promtool(broken).code, 0);
  // A counter named against the conventions.
  assert.notEqual(promtool('# HELP requests Requests.\n# TYPE requests counter\nrequests 1\n').code, 0);
});

test('METRICS_ADDRESS set empty: no metrics listener', async (t) => {
  const stack = await startStack(t, { tenantArgs: fastTenant, env: { METRICS_ADDRESS: '' } });
  assert.doesNotMatch(stack.pd.output().stdout, /Metrics are served/);
  assert.equal((await fetch(`${stack.base}/metrics`)).status, 404);
});
