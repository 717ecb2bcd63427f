// Many instances on Redis behind nginx (issue 13): a real redis-server, a
// localtenant, two profiledesk sharing their state in Redis and nginx as the
// round-robin proxy (deploy/nginx, over TLS), all on loopback. One cluster for
// the whole file: the steps run in order, the ones that stop things last.
//
// Skipped under the sanitizers (PD_SANITIZERS): CI's ASan integration run is
// over its time budget, and the Redis-backed stores' unit tests run under ASan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, GITHUB, GRACE } from './support/localtenant.mjs';
import { Browser, json, signIn } from './support/profiledesk.mjs';
import { instanceHeader, startCluster, viaInstance } from './support/cluster.mjs';

const A = 0;
const B = 1;

async function admin(cluster, method, path) {
  const res = await fetch(new URL(path, cluster.tenant.issuer), { method });
  return res.status === 204 ? null : res.json();
}

// Polls `check` (an async function answering truthy when done) every 50 ms, within `ms`.
async function eventually(check, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const session = async (cluster, i, browser) => json(await viaInstance(cluster, i, browser, '/api/session'));
const profile = async (cluster, i, browser) => json(await viaInstance(cluster, i, browser, '/api/profile'));

async function save(cluster, i, browser, body) {
  const { csrfToken } = (await session(cluster, i, browser)).body;
  return json(await viaInstance(cluster, i, browser, '/api/profile', {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify(body),
  }));
}

test('a cluster: two instances on Redis behind nginx', { skip: !!process.env.PD_SANITIZERS && 'over the ASan run\'s time budget' }, async (t) => {
  // The tenant's rate limit stays at its default (2 requests/s, a free tenant).
  const cluster = await startCluster(t, { tenantArgs: ['--admin'] });
  const ada = (await signIn(cluster, ADA)).browser;

  await t.test('signed in through the balancer, requests land on both instances and stay signed in', async () => {
    const seen = new Set();
    for (let n = 0; n < 6; ++n) {
      const res = await json(await ada.fetch(`${cluster.base}/api/session`));
      assert.equal(res.status, 200);
      assert.equal(res.body.authenticated, true, `request ${n} (instance ${res.headers.get(instanceHeader)}) was signed out`);
      seen.add(res.headers.get(instanceHeader));
    }
    assert.deepEqual([...seen].sort(), ['a', 'b']);
  });

  await t.test('the tenant sees one client-credentials fetch for both instances', async () => {
    assert.equal((await profile(cluster, A, ada)).status, 200);
    assert.equal((await profile(cluster, B, ada)).status, 200);
    assert.equal((await admin(cluster, 'GET', 'admin/stats')).token_grants.client_credentials, 1);
  });

  await t.test('a save through one instance is read through the other at once', async () => {
    const view = (await profile(cluster, B, ada)).body;  // B's read cache holds the old value now
    const saved = await save(cluster, A, ada, { baseVersion: view.version, changes: { user_metadata: { city: 'Lyon' } } });
    assert.equal(saved.status, 200);
    const read = await profile(cluster, B, ada);
    assert.equal(read.status, 200);
    assert.equal(read.body.user_metadata.city, 'Lyon', 'instance b served a stale profile');
    assert.equal(read.body.version, saved.body.version);
  });

  await t.test('concurrent saves through different instances: the same field conflicts, different fields both land', async () => {
    const base = (await profile(cluster, A, ada)).body.version;
    const same = await Promise.all([
      save(cluster, A, ada, { baseVersion: base, changes: { user_metadata: { city: 'Paris' } } }),
      save(cluster, B, ada, { baseVersion: base, changes: { user_metadata: { city: 'Rome' } } }),
    ]);
    assert.deepEqual(same.map((r) => r.status).sort(), [200, 409], JSON.stringify(same.map((r) => r.body)));
    assert.equal(same.find((r) => r.status === 409).body.error, 'conflict');

    const next = (await profile(cluster, B, ada)).body.version;
    const different = await Promise.all([
      save(cluster, A, ada, { baseVersion: next, changes: { user_metadata: { city: 'Oslo' } } }),
      save(cluster, B, ada, { baseVersion: next, changes: { name: 'Ada King' } }),
    ]);
    assert.deepEqual(different.map((r) => r.status), [200, 200], JSON.stringify(different.map((r) => r.body)));
    const after = (await profile(cluster, A, ada)).body;
    assert.equal(after.user_metadata.city, 'Oslo');
    assert.equal(after.user.name, 'Ada King');
  });

  await t.test('a login state completed on one instance cannot be used again on the other', async () => {
    const browser = new Browser({ ca: cluster.ca });
    const login = await viaInstance(cluster, A, browser, '/login');
    assert.equal(login.status, 302);
    const { hiddenFields, form } = await import('./support/localtenant.mjs');
    const page = await browser.fetch(login.headers.get('location'));
    const posted = await browser.fetch(new URL('u/login', cluster.tenant.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ ...hiddenFields(await page.text()), username: GRACE.email, password: GRACE.password }),
    });
    const callback = new URL(posted.headers.get('location'));
    const transaction = browser.cookieHeader(cluster.base);
    assert.equal((await viaInstance(cluster, A, browser, callback.pathname + callback.search)).status, 302);
    const attacker = new Browser();
    const replay = await viaInstance(cluster, B, attacker, callback.pathname + callback.search, { headers: { cookie: transaction } });
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /already been completed|expired/i);
    assert.equal((await session(cluster, B, attacker)).body.authenticated, false);
  });

  await t.test('sign out everywhere through one instance ends the sessions on both, and its mark holds on both', async () => {
    const laptop = (await signIn(cluster, GITHUB)).browser;
    const phone = (await signIn(cluster, GITHUB)).browser;
    // auth_time has whole seconds: the sign-ins above must be in an earlier one.
    await new Promise((r) => setTimeout(r, 1100));
    const { csrfToken } = (await session(cluster, A, laptop)).body;
    const ended = await viaInstance(cluster, A, laptop, '/api/session/end-all', {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken }, body: '{}' });
    assert.equal(ended.status, 200);
    assert.deepEqual(await ended.json(), { ended: 2 });
    for (const i of [A, B]) {
      assert.equal((await session(cluster, i, phone)).body.authenticated, false, `the phone is still signed in on ${cluster.ids[i]}`);
    }
    // The phone's single sign-on at the provider is older than the mark: on
    // either instance, its callback gets no session but a new prompt for credentials.
    for (const i of [A, B]) {
      const login = await viaInstance(cluster, i, phone, '/login');
      const sso = await phone.fetch(login.headers.get('location'));
      assert.equal(sso.status, 302, 'the provider signs the phone in silently');
      const back = new URL(sso.headers.get('location'));
      const callback = await viaInstance(cluster, i, phone, back.pathname + back.search);
      assert.equal(callback.status, 302);
      const again = new URL(callback.headers.get('location'));
      assert.equal(again.origin + '/', cluster.tenant.issuer, `instance ${cluster.ids[i]} let the old sign-in through`);
      assert.equal(again.searchParams.get('prompt'), 'login');
      assert.equal((await session(cluster, i, phone)).body.authenticated, false);
    }
  });

  await t.test('with both instances under load, the tenant sees no more than its rate limit', async () => {
    const users = [ada, (await signIn(cluster, GRACE)).browser];
    await admin(cluster, 'DELETE', 'admin/stats');
    // Each save reads the record and writes it: about 8 Management API calls
    // at once through both instances, against a bucket of 2 that refills 2/s.
    const saves = [];
    for (const [u, browser] of users.entries()) {
      for (const i of [A, B]) {
        saves.push(profile(cluster, i, browser).then((view) => save(cluster, i, browser, {
          baseVersion: view.body.version, changes: { user_metadata: { city: `Load ${u}${i}` } } })));
      }
    }
    const answers = await Promise.all(saves);
    for (const r of answers) {
      // A save may lose the race of one user's two saves (409), or be refused
      // cleanly when the shared budget cannot serve it in time; never a 5xx.
      assert.ok([200, 409, 429, 503].includes(r.status), `${r.status} ${JSON.stringify(r.body)}`);
      if (r.status === 429 || r.status === 503) assert.equal(r.body.error, 'upstream_rate_limited');
    }
    assert.ok(answers.some((r) => r.status === 200));
    assert.equal((await admin(cluster, 'GET', 'admin/stats')).rate_limited, 0, 'the tenant refused requests: the instances spent more than its rate limit');
  });

  await t.test('an instance killed: the session continues on the other; started again, it serves the same sessions', async () => {
    await cluster.kill(B);
    for (let n = 0; n < 4; ++n) {
      const res = await json(await ada.fetch(`${cluster.base}/api/session`));
      assert.equal(res.status, 200);
      assert.equal(res.body.authenticated, true);
      assert.equal(res.headers.get(instanceHeader), 'a');
    }
    await cluster.start(B);
    assert.equal((await session(cluster, B, ada)).body.authenticated, true);
  });

  await t.test('an instance restarted: its users are still signed in, and their next save is not a conflict', async () => {
    // The page was loaded through A; then another field changed through B. A
    // save based on that page changes only the city: no conflict, as long as
    // the restarted A still knows what the page showed (the version snapshot).
    const view = (await profile(cluster, A, ada)).body;
    const elsewhere = await save(cluster, B, ada, { baseVersion: view.version, changes: { name: 'Ada Lovelace' } });
    assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
    await cluster.restart(A);
    assert.equal((await session(cluster, A, ada)).body.authenticated, true);
    const saved = await save(cluster, A, ada, { baseVersion: view.version, changes: { user_metadata: { city: 'Turin' } } });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    assert.equal((await admin(cluster, 'GET', 'admin/stats')).token_grants.client_credentials ?? 0, 0,
      'a restarted instance fetched a new M2M token instead of the cluster\'s');
  });

  await t.test('Redis stopped: clean 503s with Retry-After, not ready, no crash; back without a restart', async () => {
    await cluster.redis.stop();
    for (const i of [A, B]) {
      const res = await session(cluster, i, ada);
      assert.equal(res.status, 503, `instance ${cluster.ids[i]}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error, 'session_store_unavailable');
      assert.ok(Number(res.headers.get('retry-after')) > 0);
      const ready = await json(await fetch(`${cluster.pds[i].base}/readyz`));
      assert.equal(ready.status, 503);
      assert.equal(ready.body.ready, false);
      assert.equal(ready.body.redis.connected, false);
      assert.equal((await fetch(`${cluster.pds[i].base}/healthz`)).status, 200);
    }
    const through = await json(await ada.fetch(`${cluster.base}/api/profile`));
    assert.equal(through.status, 503);
    assert.equal(through.body.error, 'session_store_unavailable');
    assert.ok(cluster.pds.every((pd) => !pd.exited()), 'an instance exited');

    await cluster.redis.start();
    await Promise.all([A, B].map(async (i) => {
      await eventually(async () => (await session(cluster, i, ada)).body.authenticated === true, 10000,
        `instance ${cluster.ids[i]} serves the session again`);
      const ready = await json(await fetch(`${cluster.pds[i].base}/readyz`));
      assert.equal(ready.status, 200);
      assert.equal(ready.body.redis.connected, true);
    }));
  });
});
