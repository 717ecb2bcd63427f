// GET /fonts/glyphs under load: the cutting runs on a small worker pool with
// a cap for the whole server (server/api/glyph_routes.cpp), so a flood of
// large requests gets quick 503 glyphs_busy answers past the cap, and the
// server keeps answering everything else meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { startStack } from './support/profiledesk.mjs';

// One request on a connection of its own (no pooling, so no request waits
// behind another on the client side). Resolves with status, headers, body,
// and the milliseconds it took.
function get(base, path) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({
        status: res.statusCode,
        headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        ms: performance.now() - started,
      }));
    });
    req.on('error', reject);
    req.setTimeout(30000, () => req.destroy(new Error(`${path.slice(0, 40)}: no answer in 30 s`)));
  });
}

// 512 distinct CJK code points (a full batch, the most work one request can ask for).
function bigQuery(i) {
  const first = 0x4e00 + (i % 32) * 512;
  return `/fonts/glyphs?u=${Array.from({ length: 512 }, (_, k) => (first + k).toString(16)).join(',')}`;
}

test('a flood of large glyph requests gets 503 glyphs_busy past the cap, and /healthz stays prompt', async (t) => {
  // No per-client budget and room for the flood plus the probe on one
  // address: this is one client standing for many (at the default cap of 64
  // connections per client, the probe's arrival closes a flood connection).
  const { base } = await startStack(t, {
    env: { GLYPH_REQUESTS_PER_MINUTE: '0', MAX_CONNECTIONS_PER_CLIENT: '100' },
  });
  const flood = 64;  // bounded: 64 connections, each up to ~70 KB of answer
  const requests = Array.from({ length: flood }, (_, i) => get(base, bigQuery(i)));
  // A probe on a fresh connection while the flood is being handled.
  await new Promise((r) => setTimeout(r, 20));
  const probe = await get(base, '/healthz');
  const answers = await Promise.all(requests);

  assert.equal(probe.status, 200);
  assert.ok(probe.ms < 1000, `/healthz took ${Math.round(probe.ms)} ms during the flood`);

  const busy = answers.filter((a) => a.status === 503);
  const served = answers.filter((a) => a.status === 200);
  assert.equal(busy.length + served.length, flood, `statuses: ${answers.map((a) => a.status).join(',')}`);
  assert.ok(busy.length > 0, 'no request was turned away: the work is not capped');
  assert.ok(served.length > 0, 'nothing was served');
  for (const a of busy) {
    assert.equal(a.headers['retry-after'], '1');
    assert.equal(a.headers['cache-control'], 'no-store');  // a busy answer must not be cached as the glyphs
    const body = JSON.parse(a.body);
    assert.equal(body.error, 'glyphs_busy');
    assert.ok(body.message.length > 0);
  }
  for (const a of served) assert.equal(JSON.parse(a.body).fonts[0].codepoints.length, 512);
  console.log(`# ${served.length} served, ${busy.length} busy; /healthz in ${Math.round(probe.ms)} ms`);

  // Once the flood is over, requests are served again.
  const after = await get(base, bigQuery(0));
  assert.equal(after.status, 200);
});
