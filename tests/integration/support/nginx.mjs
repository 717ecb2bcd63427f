// A real nginx in front of profiledesk instances, configured by the very
// files the deployment guide recommends (deploy/nginx, rendered by
// deploy/nginx/render), unprivileged, in its own work folder.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { repoRoot, startProcess, tempDir } from './processes.mjs';

function accepts(port, url) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('connect', () => { socket.destroy(); resolve(url); });
    socket.on('error', () => resolve(null));
  });
}

// `upstreams`: "host:port" of each instance; `tls`: {certPath, keyPath} to serve HTTPS.
export async function startNginx(t, { port, upstreams, tls }) {
  const dir = tempDir(t, 'nginx-');
  execFileSync(path.join(repoRoot, 'deploy/nginx/render'), [dir, `127.0.0.1:${port}`, ...upstreams], {
    env: { ...process.env, TLS_CERT: tls ? tls.certPath : '', TLS_KEY: tls ? tls.keyPath : '' },
  });
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}/`;
  const proc = await startProcess(t, 'nginx', ['-p', dir + '/', '-c', path.join(dir, 'nginx.conf'), '-e', 'stderr'], {
    system: true,
    ready: () => accepts(port, url),
  });
  return { ...proc, dir };
}
