// scripts/bench: throughput and latency of GET and PATCH /api/profile through
// a real profiledesk against a real localtenant (rate limit raised), beside
// the hello ceiling, measured with wrk. Prints numbers; asserts nothing.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess } from '../integration/support/processes.mjs';
import { ADA } from '../integration/support/localtenant.mjs';
import { startStack, signIn } from '../integration/support/profiledesk.mjs';
import { startCluster } from '../integration/support/cluster.mjs';
import { startRedis } from '../integration/support/redis.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const duration = process.env.BENCH_DURATION || '10s';
const connections = process.env.BENCH_CONNECTIONS || '32';
const threads = process.env.BENCH_THREADS || '2';

// node:test's `t` stand-in: collects cleanups and runs them at the end.
const cleanups = [];
const t = { after: (fn) => cleanups.push(fn) };

// Asynchronous on purpose: the servers' log pipes must keep draining while wrk runs.
function wrk(url, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t', threads, '-c', connections, '-d', duration, '--latency', '-s', path.join(here, 'request.lua'), url], {
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', () => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH '));
      if (!line) return reject(new Error(`wrk failed:\n${out}`));
      resolve(Object.fromEntries(line.slice(6).split(' ').map((kv) => kv.split('='))));
    });
  });
}

function row(name, m) {
  console.log(`${name.padEnd(34)} ${String(m.rps).padStart(10)} req/s   p50 ${m.p50_ms.padStart(8)} ms   p99 ${m.p99_ms.padStart(8)} ms   statuses ${m.statuses}${Number(m.errors) ? `   errors ${m.errors}` : ''}`);
}

// GET /api/profile as ADA, signed in through `stack` (its base URL, tenant and CA).
async function profileRead(name, stack) {
  const { browser } = await signIn(stack, ADA);
  const cookie = browser.cookieHeader(stack.base);
  row(name, await wrk(`${stack.base}/api/profile`, { BENCH_COOKIE: cookie, BENCH_METHOD: 'GET', BENCH_PATH: '/api/profile' }));
}

// A row that cannot run (Redis not in this build yet) says why instead of ending the bench.
async function optionalRow(name, run) {
  try {
    await run();
  } catch (e) {
    const lines = e.message.split('\n');
    console.log(`${name.padEnd(34)} not measured: ${lines.find((l) => l.startsWith('config:')) || lines[0]}`);
  }
}

try {
  const hello = await startProcess(t, 'tests/bench/bench_hello', ['0'], { readyPattern: /listening on (http:\/\/\S+)/ });
  // No per-user write budget: the PATCH row is one user saving as fast as the server lets them.
  // Every wrk connection comes from 127.0.0.1: one client, so its cap must fit them all.
  const stack = await startStack(t, {
    tenantArgs: ['--rate-limit', '1000000', '--rate-burst', '1000000'],
    env: { PROFILE_WRITES_PER_MINUTE: '0', MAX_CONNECTIONS_PER_CLIENT: String(Math.max(64, Number(connections) + 8)) },
  });
  const { browser } = await signIn(stack, ADA);
  const session = await (await browser.fetch(`${stack.base}/api/session`)).json();
  const cookie = `pd_session=${browser.cookie(stack.base, 'pd_session')}`;
  const view = await (await browser.fetch(`${stack.base}/api/profile`)).json();
  const common = { BENCH_COOKIE: cookie, BENCH_CSRF: session.csrfToken, BENCH_ORIGIN: stack.base };

  console.log(`wrk: ${threads} threads, ${connections} connections, ${duration} per row, on ${(await import('node:os')).cpus().length} cores`);
  row('hello (HTTP layer ceiling)', await wrk(`${hello.url}hello`, { BENCH_METHOD: 'GET', BENCH_PATH: '/hello' }));
  row('GET /healthz', await wrk(`${stack.base}/healthz`, { BENCH_METHOD: 'GET', BENCH_PATH: '/healthz' }));
  row('GET /api/profile (5 s read cache)', await wrk(`${stack.base}/api/profile`, { ...common, BENCH_METHOD: 'GET', BENCH_PATH: '/api/profile' }));
  row('PATCH /api/profile (one user)', await wrk(`${stack.base}/api/profile`, {
    ...common,
    BENCH_METHOD: 'PATCH',
    BENCH_PATH: '/api/profile',
    BENCH_BODY: JSON.stringify({ baseVersion: view.version, changes: { user_metadata: { city: 'Benchmark City' } } }),
  }));
  console.log('PATCHes of one user are serialised on purpose (the conflict check); each is a fresh upstream GET + PATCH.');

  // The cost of shared state: the same read with sessions (and the rest) in
  // Redis, on one instance, then on two behind nginx (deploy/nginx, plain HTTP).
  const shared = { tenantArgs: ['--rate-limit', '1000000', '--rate-burst', '1000000'], env: { PROFILE_WRITES_PER_MINUTE: '0' } };
  await optionalRow('GET /api/profile, Redis', async () => {
    const redis = await startRedis(t);
    await profileRead('GET /api/profile, Redis', await startStack(t, {
      ...shared, env: { ...shared.env, SESSION_STORE: redis.url, MAX_CONNECTIONS_PER_CLIENT: String(Math.max(64, Number(connections) + 8)) },
    }));
  });
  await optionalRow('GET /api/profile, 2 on Redis+nginx', async () => {
    await profileRead('GET /api/profile, 2 on Redis+nginx', await startCluster(t, { ...shared, tls: false }));
  });
} finally {
  for (const fn of cleanups.reverse()) await fn();
}
