// A Profile Desk cluster on loopback, as scripts/cluster runs it: a real
// redis-server, a localtenant, N profiledesk instances sharing their state in
// Redis (SESSION_STORE=redis://..., INSTANCE_ID a, b, ...), and nginx as the
// round-robin proxy in front (TRUSTED_PROXIES=1), over TLS with a test CA
// (`tls: false`: plain HTTP, as scripts/cluster).
import { randomBytes } from 'node:crypto';
import { makeTestCA, tempDir } from './processes.mjs';
import { startTenant } from './localtenant.mjs';
import { startNginx } from './nginx.mjs';
import { freePort, seedFor, startProfileDesk } from './profiledesk.mjs';
import { startRedis } from './redis.mjs';

export const instanceHeader = 'x-profiledesk-instance';

export async function startCluster(t, { instances = 2, tenantArgs = [], env = {}, tls: withTls = true } = {}) {
  const redis = await startRedis(t);
  const tls = withTls ? makeTestCA(tempDir(t, 'cluster-ca-')) : null;
  const lbPort = await freePort();
  const base = `${tls ? 'https' : 'http'}://127.0.0.1:${lbPort}`;
  const tenant = await startTenant(t, { seed: seedFor(base), args: tenantArgs });
  const shared = {
    SESSION_STORE: redis.url,
    TRUSTED_PROXIES: '1',
    BASE_URL: base,
    // One SECRET for all: a login started on one instance may end on another.
    SECRET: randomBytes(32).toString('hex'),
    ...env,
  };
  const ids = 'abcdefghij'.slice(0, instances).split('');
  const ports = [];
  for (let i = 0; i < instances; ++i) ports.push(await freePort());
  const start = (i) => startProfileDesk(t, { tenant, port: ports[i], env: { ...shared, INSTANCE_ID: ids[i] } });
  const pds = await Promise.all(ids.map((_, i) => start(i)));
  const nginx = await startNginx(t, { port: lbPort, upstreams: ports.map((p) => `127.0.0.1:${p}`), tls });
  const cluster = {
    redis, tenant, nginx, base, ca: tls?.ca, ids, pds,
    // Stops instance i (SIGKILL: no goodbye) and starts it again on its port.
    async kill(i) {
      process.kill(pds[i].pid, 'SIGKILL');
      await pds[i].stop();
    },
    async start(i) { pds.splice(i, 1, await start(i)); },
    async restart(i) {
      await pds[i].stop();
      pds.splice(i, 1, await start(i));
    },
  };
  return cluster;
}

// A request from `browser` (support/profiledesk.mjs's Browser, signed in
// through the balancer) sent straight to instance i, as nginx would pass it
// on: the balancer's cookies, X-Forwarded-For/-Proto, and our Origin on writes.
// Cookies it sets go back to the browser's jar for the balancer's origin.
export async function viaInstance(cluster, i, browser, pathAndQuery, { headers = {}, ...init } = {}) {
  const cookie = browser.cookieHeader(cluster.base);
  const res = await fetch(`${cluster.pds[i].base}${pathAndQuery}`, {
    redirect: 'manual',
    ...init,
    headers: {
      ...(cookie ? { cookie } : {}),
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': new URL(cluster.base).protocol.slice(0, -1),
      ...(init.method && init.method !== 'GET' ? { origin: cluster.base } : {}),
      ...headers,
    },
  });
  browser.keepCookies(cluster.base, res);
  return res;
}
