// Starting the project's binaries for integration tests, and the throwaway
// files they need (temp folders, seed files, a test CA and server certificate).
//
// Every process is started on port 0 and found through the one line it prints
// on stdout ("localtenant listening on http://127.0.0.1:PORT/"); every process
// and temp folder is cleaned up when the test ends, pass or fail (t.after).
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const buildDir = path.resolve(repoRoot, process.env.PD_BUILD_DIR || 'build/native');

const binaries = {
  localtenant: 'server/localtenant/localtenant',
  profiledesk: 'server/profiledesk',
};

// What AddressSanitizer, LeakSanitizer and UBSan print (PD_BUILD_DIR=build/asan):
// a report fails the test that ran the process, even when the process carried
// on (UBSan) or reported only as it exited (leaks).
const sanitizerReport = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/;

function checkSanitizers(binary, stderr) {
  const at = stderr.search(sanitizerReport);
  if (at >= 0) throw new Error(`${binary} reported a sanitizer error:\n${stderr.slice(Math.max(0, at - 200), at + 4000)}`);
}

// The path of a built binary ("localtenant", "profiledesk", or a path under the build folder).
export function binaryPath(name) {
  const p = path.join(buildDir, binaries[name] || name);
  if (!existsSync(p)) throw new Error(`${p} is missing: build it first (cmake --build ${buildDir})`);
  return p;
}

// Spawns `binary` with `args` and waits until a stdout line matches
// `readyPattern` (its first group is the URL), or, with `ready` (an async
// function answering the URL once the process serves, null until then), until
// that answers. `system: true` runs a command from PATH (redis-server, nginx)
// instead of a built binary. Returns {url, port, pid,
// stop(), output()}. With a test context `t`, stop() runs when the test ends.
// `openFiles: {soft, hard}` starts it with that RLIMIT_NOFILE (through sh's
// ulimit, which then execs the binary: the pid is the binary's).
export async function startProcess(t, binary, args, options = {}) {
  const {
    readyPattern = /listening on (https?:\/\/\S+)/,
    env = {},
    timeoutMs = 30000,
    cwd = repoRoot,
    openFiles,
    ready,
    system = false,
  } = options;
  const program = system ? binary : binaryPath(binary);
  const [command, commandArgs] = openFiles
    ? ['sh', ['-c', `ulimit -S -n ${Number(openFiles.soft)} && ulimit -H -n ${Number(openFiles.hard)} && exec "$0" "$@"`,
      program, ...args]]
    : [program, args];
  const child = spawn(command, commandArgs, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  let exited = null;
  const exitPromise = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = { code, signal };
    resolve(exited);
  }));
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    checkSanitizers(binary, stderr);
    return exited;
  };
  if (t) t.after(stop);
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${binary} did not print its listening line within ${timeoutMs} ms\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = !ready && stdout.match(readyPattern);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    if (ready) {
      const poll = async () => {
        if (exited) return;
        const url = await ready().catch(() => null);
        if (url) {
          clearTimeout(timer);
          resolve(url);
        } else {
          setTimeout(poll, 20);
        }
      };
      poll();
    }
    exitPromise.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${binary} exited (code ${code}, signal ${signal}) before listening\nstderr:\n${stderr}`));
    });
  }).catch(async (e) => {
    await stop();
    throw e;
  });
  return {
    url,
    port: Number(new URL(url).port),
    pid: child.pid,
    stop,
    output: () => ({ stdout, stderr }),
    exited: () => exited,
  };
}

// Runs a binary to completion (for --help and bad-option checks).
export function runProcess(binary, args) {
  const r = spawnSync(binaryPath(binary), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw r.error;
  checkSanitizers(binary, r.stderr);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A temp folder removed when the test ends.
export function tempDir(t, prefix = 'pd-test-') {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (t) t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// Writes a seed document as JSON into `dir`; returns its path.
export function writeSeed(dir, seed, name = 'seed.json') {
  const p = path.join(dir, name);
  writeFileSync(p, JSON.stringify(seed, null, 2));
  return p;
}

// A throwaway CA and a server certificate for 127.0.0.1/localhost signed by
// it, made with the openssl CLI in `dir`. Returns PEM file paths and the CA
// certificate's text (for node:https's `ca` option).
export function makeTestCA(dir) {
  const f = (name) => path.join(dir, name);
  const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'),
    '-days', '2', '-subj', '/CN=Profile Desk test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server.key'), '-out', f('server.csr'),
    '-subj', '/CN=localhost');
  writeFileSync(f('server.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=digitalSignature,keyEncipherment',
    'extendedKeyUsage=serverAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ].join('\n'));
  openssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial',
    '-out', f('server.pem'), '-days', '2', '-extfile', f('server.ext'));
  return {
    caPath: f('ca.pem'),
    certPath: f('server.pem'),
    keyPath: f('server.key'),
    ca: execFileSync('cat', [f('ca.pem')], { encoding: 'utf8' }),
  };
}
