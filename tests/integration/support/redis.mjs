// A real redis-server for integration tests, on its own loopback port and in
// its own folder, never the machine's service. It saves its data when stopped
// and loads it when started again in the same folder (restart()), as a
// production Redis with persistence does: "Redis came back" keeps sessions.
import net from 'node:net';
import { startProcess, tempDir } from './processes.mjs';
import { freePort } from './profiledesk.mjs';

// Answers `url` once the server at `port` replies PONG, else null.
function pong(port, url) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const done = (value) => { socket.destroy(); resolve(value); };
    socket.setTimeout(500, () => done(null));
    socket.on('error', () => done(null));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d;
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') ? url : null);
    });
  });
}

// Returns {url, port, dir, stop(), restart(): stopped, then started again on
// the same port and folder, exited()}.
export async function startRedis(t, { port, dir } = {}) {
  const redisPort = port || await freePort();
  const redisDir = dir || tempDir(t, 'redis-');
  const url = `redis://127.0.0.1:${redisPort}`;
  const launch = () => startProcess(t, 'redis-server', [
    '--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir,
    // A snapshot at shutdown (any save point makes Redis write one), none while running.
    '--save', '3600 1', '--appendonly', 'no',
  ], { system: true, ready: () => pong(redisPort, url) });
  const current = { process: await launch() };
  return {
    url,
    port: redisPort,
    dir: redisDir,
    stop: () => current.process.stop(),
    async start() { Object.assign(current, { process: await launch() }); },
    exited: () => current.process.exited(),
  };
}
