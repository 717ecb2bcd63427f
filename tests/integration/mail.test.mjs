// The mailer (server/mail) against a real SMTP server (support/smtp.mjs:
// aiosmtpd) and a file: outbox, through the send_mail driver, which builds
// its mailer with make_mailer exactly as profiledesk does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { binaryPath, makeTestCA, tempDir } from './support/processes.mjs';
import { linksIn, startSmtp } from './support/smtp.mjs';

const from = 'no-reply@desk.test';
const link = 'http://localhost:8080/account/email/confirm?token=abc.DEF_123-xyz';

// Runs the driver to its end: {result, ms, stderr}.
function sendMail(url, { to = 'ana@example.test', subject = 'Confirm your new email', deadlineMs = 5000,
  text = `Follow this link:\n${link}\n`, html = `<p><a href="${link}">Confirm</a></p>`, caFile } = {}) {
  const args = [url, from, to, subject, text, html, String(deadlineMs)];
  if (caFile) args.push(caFile);
  const child = spawn(binaryPath('tests/integration/mail/send_mail'), args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stderrSoFar: () => stderr,
    done: exited.then((code) => {
      assert.equal(code, 0, stderr);
      return { ...JSON.parse(stdout), stderr };
    }),
  };
}

test('a message reaches the SMTP server: one recipient, subject, both bodies, the link', async (t) => {
  const smtp = await startSmtp(t);
  const r = await sendMail(smtp.url, { subject: 'Bestätige deine neue E-Mail-Adresse ✉' }).done;
  assert.equal(r.result, 'sent');
  const [m] = await smtp.waitForMessages(1);
  assert.deepEqual(m.rcpt_tos, ['ana@example.test']);
  assert.equal(m.mail_from, from);
  assert.equal(m.to, 'ana@example.test');
  assert.equal(m.from, from);
  assert.equal(m.subject, 'Bestätige deine neue E-Mail-Adresse ✉');
  assert.deepEqual(linksIn(m.text), [link]);
  assert.match(m.html, /<a href="http:\/\/localhost:8080\/account\/email\/confirm\?token=abc\.DEF_123-xyz">/);
  assert.match(m.raw, /^MIME-Version: 1\.0\r$/m);
  assert.match(m.raw, /^Content-Type: multipart\/alternative; boundary=/m);
  // The log says it went, and never to whom or what.
  assert.match(r.stderr, /mail sent/);
  assert.doesNotMatch(r.stderr, /ana@example|Bestätige|token=/);
});

test('SMTP down: the mailer retries with backoff, and delivers once the server is back', async (t) => {
  const smtp = await startSmtp(t);
  await smtp.stop();
  const run = sendMail(smtp.url, { deadlineMs: 8000 });
  // Let it fail at least twice before the server returns.
  const until = Date.now() + 5000;
  while ((run.stderrSoFar().match(/trying again/g) || []).length < 2) {
    assert.ok(Date.now() < until, `no retries logged:\n${run.stderrSoFar()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await smtp.start();
  const r = await run.done;
  assert.equal(r.result, 'sent');
  assert.equal((await smtp.waitForMessages(1)).length, 1);
  assert.match(r.stderr, /"attempts":[3-9]/);
});

test('SMTP down until the deadline: failed, at the deadline and not long after', async (t) => {
  const smtp = await startSmtp(t);
  await smtp.stop();
  const r = await sendMail(smtp.url, { deadlineMs: 1200 }).done;
  assert.equal(r.result, 'failed');
  assert.ok(r.ms <= 1200 + 500, `gave up after ${r.ms} ms`);
  assert.match(r.stderr, /still failing at the deadline/);
});

test('a permanent refusal (550) fails at once, without retries', async (t) => {
  const smtp = await startSmtp(t, { rejectRcpt: '550' });
  const r = await sendMail(smtp.url, { deadlineMs: 5000 }).done;
  assert.equal(r.result, 'failed');
  assert.match(r.stderr, /the server refused it/);
  assert.match(r.stderr, /"smtp_status":550/);
  assert.doesNotMatch(r.stderr, /trying again/);
  assert.equal(smtp.messages().length, 0);
});

test('header injection: a recipient or subject with CR/LF is refused, not sent', async (t) => {
  const smtp = await startSmtp(t);
  const bad = [
    { to: 'ana@example.test\r\nBcc: eve@example.test' },
    { to: 'ana@example.test, eve@example.test' },
    { subject: 'Hello\r\nBcc: eve@example.test' },
  ];
  for (const options of bad) {
    const r = await sendMail(smtp.url, options).done;
    assert.equal(r.result, 'failed');
    assert.match(r.stderr, /mail refused/);
  }
  assert.equal(smtp.messages().length, 0);
});

test('smtps:// is verified against CA_FILE: trusted CA sent, no CA failed', async (t) => {
  const dir = tempDir(t);
  const ca = makeTestCA(dir);
  const smtp = await startSmtp(t, { tls: ca });
  const url = `smtps://localhost:${smtp.port}`;
  assert.equal((await sendMail(url, { caFile: ca.caPath }).done).result, 'sent');
  // The system store does not know the test CA: the handshake fails, so nothing is sent.
  const untrusted = await sendMail(url, { deadlineMs: 600 }).done;
  assert.equal(untrusted.result, 'failed');
  assert.match(untrusted.stderr, /SSL peer certificate|certificate/i);
  assert.equal(smtp.messages().length, 1);
});

test('smtp:// off loopback requires STARTTLS: a server without it gets nothing', async (t) => {
  // aiosmtpd here offers no STARTTLS; reached by a name that is not loopback
  // to the URL rule (an IPv4-mapped address is still 127.0.0.1 to the kernel).
  const smtp = await startSmtp(t);
  const r = await sendMail(`smtp://[::ffff:127.0.0.1]:${smtp.port}`, { deadlineMs: 600 }).done;
  assert.equal(r.result, 'failed');
  assert.match(r.stderr, /Requested SSL level failed/);
  assert.equal(smtp.messages().length, 0);
});

test('file: writes each message whole as DIR/<time>-<id>.eml', async (t) => {
  const dir = path.join(tempDir(t), 'outbox');  // made by the mailer
  const first = await sendMail(`file:${dir}`).done;
  const second = await sendMail(`file:${dir}`, { to: 'bo@example.test' }).done;
  assert.equal(first.result, 'sent');
  assert.equal(second.result, 'sent');
  const names = readdirSync(dir).sort();
  assert.equal(names.length, 2);
  for (const n of names) assert.match(n, /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{16}\.eml$/);
  const eml = readFileSync(path.join(dir, names[1]), 'utf8');
  assert.match(eml, /^To: bo@example\.test\r$/m);
  assert.ok(!/[^\r]\n/.test(eml), 'every line ends in CRLF');
});
