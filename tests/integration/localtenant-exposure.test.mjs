// localtenant on a developer's machine, against a hostile web page or network:
// the Host check (DNS rebinding), loopback-only listening, and the sign-in
// throttle. The seed's secrets are public, so each of these is all that stands
// between a page the developer visits and every dev user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import { binaryPath, startProcess } from './support/processes.mjs';

// One request over node:http, which (unlike fetch) sends the Host header we
// name, from the local address we name. Returns {status, headers, text}.
function send(port, { method = 'GET', path = '/', host, headers = {}, body, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port, method, path, localAddress, setHost: false, agent: false,
      headers: { ...(host === undefined ? {} : { host }), ...headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

// Runs localtenant to completion, or kills it after `ms` (a binary that does
// not refuse would otherwise serve forever).
function runBriefly(args, ms = 5000) {
  const r = spawnSync(binaryPath('localtenant'), args, { encoding: 'utf8', timeout: ms });
  return { code: r.status, stderr: r.stderr, timedOut: r.error?.code === 'ETIMEDOUT' };
}

test('a non-loopback --host is refused with one line and status 2', () => {
  for (const host of ['0.0.0.0', '::', '192.0.2.1']) {
    const r = runBriefly(['--host', host, '--port', '0']);
    assert.equal(r.timedOut, false, `--host ${host} started`);
    assert.equal(r.code, 2, `--host ${host}`);
    assert.match(r.stderr, new RegExp(`^error: --host ${host.replace(/\./g, '\\.')} is not a loopback address.*--insecure-public`));
    assert.equal(r.stderr.trim().split('\n').length, 1);
  }
});

test('--insecure-public allows a wildcard --host, with a warning; loopback clients still reach it', async (t) => {
  // Bound to every address for the few requests of this test only.
  const proc = await startProcess(t, 'localtenant', ['--host', '0.0.0.0', '--insecure-public', '--port', '0']);
  try {
    assert.match(proc.output().stderr, /WARNING: .*0\.0\.0\.0.*public/);
    const r = await send(proc.port, { path: '/.well-known/openid-configuration', host: `127.0.0.1:${proc.port}` });
    assert.equal(r.status, 200);
  } finally {
    await proc.stop();
  }
});
