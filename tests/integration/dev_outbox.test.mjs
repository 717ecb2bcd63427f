// The development outbox (DEV_OUTBOX=true with MAIL_URL=file:DIR): GET
// /dev/outbox lists the messages newest first with their links clickable,
// GET /dev/outbox/<name> shows one as text; nothing else of the folder is
// reachable, and the page does not exist when DEV_OUTBOX is off. Start-up
// refuses DEV_OUTBOX with an https BASE_URL or a MAIL_URL that is not file:.
// The messages are written by the send_mail driver (make_mailer's file:
// sender, as profiledesk writes them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { binaryPath, repoRoot, tempDir } from './support/processes.mjs';
import { startStack } from './support/profiledesk.mjs';

function writeMail(dir, to, subject, text) {
  const r = spawnSync(binaryPath('tests/integration/mail/send_mail'),
    [`file:${dir}`, 'no-reply@desk.test', to, subject, text, `<p>${text}</p>`, '2000'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /"result":"sent"/);
}

test('dev outbox: the list, newest first, with clickable links; one message as text; nothing else', async (t) => {
  const dir = tempDir(t);
  const link = 'http://127.0.0.1:1/account/email/confirm?token=a.b_c-d&x=1';
  writeMail(dir, 'first@example.test', 'First <b>message</b>', `Confirm: ${link}\nThanks`);
  await new Promise((r) => setTimeout(r, 5));  // the names carry milliseconds: keep the order certain
  writeMail(dir, 'second@example.test', 'Zweite Nachricht ✓', 'No link here');
  const names = readdirSync(dir).sort();
  assert.equal(names.length, 2);

  const { base } = await startStack(t, {
    env: { MAIL_URL: `file:${dir}`, MAIL_FROM: 'no-reply@desk.test', DEV_OUTBOX: 'true' },
  });
  const res = await fetch(`${base}/dev/outbox`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(res.headers.get('content-security-policy'), /default-src 'self'/);
  const html = await res.text();
  // Newest first; the subject decoded and escaped; the link a link.
  assert.ok(html.indexOf('second@example.test') < html.indexOf('first@example.test'), html);
  assert.ok(html.includes('Zweite Nachricht ✓'));
  assert.ok(html.includes('First &lt;b&gt;message&lt;/b&gt;'));
  assert.ok(!html.includes('<b>message'));
  const href = link.replace(/&/g, '&amp;');
  assert.ok(html.includes(`<a href="${href}">${href}</a>`), html);
  assert.ok(html.includes(`<a href="/dev/outbox/${names[0]}">`));

  const one = await fetch(`${base}/dev/outbox/${names[0]}`);
  assert.equal(one.status, 200);
  assert.match(one.headers.get('content-type'), /^text\/plain; charset=utf-8/);
  const text = await one.text();
  assert.match(text, /^To: first@example\.test\nSubject: First <b>message<\/b>\n/);
  assert.ok(text.includes(link));

  // Only names the folder lists and of the outbox pattern: no other file, no traversal, no link out.
  symlinkSync('/etc/hostname', path.join(dir, '20260101T000000.000Z-0000000000000000.eml'));
  for (const bad of ['20260101T000000.000Z-0000000000000000.eml', '20990101T000000.000Z-1111111111111111.eml',
    '..%2F..%2Fetc%2Fpasswd', '../../etc/passwd', `${names[0]}x`, `.tmp-${names[0]}`, '']) {
    const r = await fetch(`${base}/dev/outbox/${bad}`);
    assert.equal(r.status, 404, bad);
  }
});

test('dev outbox: off by default, the page does not exist', async (t) => {
  const dir = tempDir(t);
  writeMail(dir, 'ana@example.test', 'Hello', 'http://x.test/');
  const { base } = await startStack(t, { env: { MAIL_URL: `file:${dir}`, MAIL_FROM: 'no-reply@desk.test' } });
  assert.equal((await fetch(`${base}/dev/outbox`)).status, 404);
  assert.equal((await fetch(`${base}/dev/outbox/${readdirSync(dir)[0]}`)).status, 404);
});

test('dev outbox: refused at start-up with an https BASE_URL or a MAIL_URL that is not file:', () => {
  const run = (env) => spawnSync(binaryPath('profiledesk'), ['--env-file', path.join(repoRoot, 'build', 'no-such.env')], {
    encoding: 'utf8',
    timeout: 10000,
    env: {
      PATH: process.env.PATH,
      ISSUER_BASE_URL: 'https://example.eu.auth0.com',
      CLIENT_ID: 'Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0',
      CLIENT_SECRET: 'cs_9fK2mQ7vLzR4tY8wE1uI3oP6aS5dF0hJ',
      SECRET: 'b1946ac92492d2347c6235b4d2611184a3f1e9c07d5b8e2f',
      MAIL_FROM: 'no-reply@desk.test',
      DEV_OUTBOX: 'true',
      LOG_FORMAT: 'text',
      ...env,
    },
  });
  const https = run({ MAIL_URL: 'file:/tmp/pd-outbox-never', BASE_URL: 'https://desk.example.com' });
  assert.equal(https.status, 2);
  assert.match(https.stderr, /DEV_OUTBOX=true with an https BASE_URL/);
  const smtp = run({ MAIL_URL: 'smtp://127.0.0.1:2525' });
  assert.equal(smtp.status, 2);
  assert.match(smtp.stderr, /DEV_OUTBOX=true needs MAIL_URL=file:/);
  assert.equal(smtp.stderr.split('\n').filter((l) => l.includes('DEV_OUTBOX')).length, 1, smtp.stderr);
});
