// Starts a real profiledesk from the build folder on a free port.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './browser.mjs';

export async function startProfileDesk({ staticRoot, args = [], env = {} } = {}) {
  const root = repoRoot();
  const bin = join(root, process.env.PD_BUILD_DIR || 'build/native', 'server', 'profiledesk');
  const child = spawn(bin, ['--port', '0', '--static-root', staticRoot || join(root, 'build/wasm/dist'), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`profiledesk did not start:\n${stderr}`)), 10000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/localhost:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`profiledesk exited (${code}):\n${stderr}`)); });
  });
  return {
    url,
    get log() { return stderr; },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
