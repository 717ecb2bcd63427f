// A real SMTP server for tests: Debian's python3-aiosmtpd (smtp_server.py
// beside this file) on a free 127.0.0.1 port, keeping every message it takes
// so that a test reads who it went to, its subject, its bodies and the links
// in them. It can be stopped and started again on the same port ("SMTP down,
// then a retry works").
//
//   const smtp = await startSmtp(t);
//   ... MAIL_URL: smtp.url ...
//   const [m] = await smtp.waitForMessages(1);
//   m.to, m.subject, m.text, m.html, linksIn(m.text)
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, tempDir } from './processes.mjs';

const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'smtp_server.py');
// Debian's interpreter, where python3-aiosmtpd is installed (a pyenv python on PATH lacks it).
const python = '/usr/bin/python3';

// Options: `tls: {certPath, keyPath}` (makeTestCA's) serves smtps:// (TLS
// from the first byte); `rejectRcpt: '550'` refuses every recipient.
export async function startSmtp(t, options = {}) {
  const dir = tempDir(t, 'pd-smtp-');
  const outbox = path.join(dir, 'messages');
  mkdirSync(outbox);
  let port = 0;
  let proc = null;

  const start = async () => {
    const args = [script, '--dir', outbox, '--port', String(port)];
    if (options.tls) args.push('--tls-cert', options.tls.certPath, '--tls-key', options.tls.keyPath);
    if (options.rejectRcpt) args.push('--reject-rcpt', options.rejectRcpt);
    proc = await startProcess(t, python, args, { system: true, readyPattern: /listening on (smtps?:\/\/\S+)/ });
    port = proc.port;
  };
  await start();

  const messages = () => readdirSync(outbox)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(readFileSync(path.join(outbox, n), 'utf8')));

  return {
    port,
    // The URL profiledesk's MAIL_URL takes (plain SMTP: the host is loopback).
    url: `${options.tls ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    messages,
    // At least `n` messages, polled, within `timeoutMs`.
    async waitForMessages(n, timeoutMs = 10000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const all = messages();
        if (all.length >= n) return all;
        if (Date.now() > until) throw new Error(`expected ${n} messages, the SMTP server has ${all.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      if (proc) await proc.stop();
      proc = null;
    },
    // Starts again on the same port.
    start,
    running: () => proc !== null,
  };
}

// The http(s) links in a text, in order.
export function linksIn(text) {
  return [...String(text).matchAll(/https?:\/\/[^\s<>"')]+/g)].map((m) => m[0]);
}
