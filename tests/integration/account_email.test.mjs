// Changing the email address (issue 17) through profiledesk, the local tenant
// and a real SMTP server (aiosmtpd): the link goes to the NEW address only,
// works once, for its own user, while it is the current request; the change
// is then applied upstream with email_verified and the old address is told.
// A taken address gets the same answer as a free one; its owner gets a notice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ADA, GOOGLE, GRACE, m2mToken, usersApi } from './support/localtenant.mjs';
import { json, signIn, startStack } from './support/profiledesk.mjs';
import { linksIn, startSmtp } from './support/smtp.mjs';

async function stack(t) {
  const smtp = await startSmtp(t);
  const s = await startStack(t, {
    tenantArgs: ['--rate-limit', '1000', '--rate-burst', '1000', '--admin'],
    env: { MAIL_URL: smtp.url, MAIL_FROM: 'no-reply@profiledesk.test', PROFILE_CACHE_TTL_MS: '0' },
  });
  return { ...s, smtp };
}

// A signed-in browser (a fresh sign-in: recent enough for the change) and its CSRF token.
async function session(s, who) {
  const { browser } = await signIn(s, who);
  const state = await (await browser.fetch(`${s.base}/api/session`)).json();
  assert.equal(state.authenticated, true);
  return { browser, csrf: state.csrfToken };
}

function write(s, who, method, body) {
  return who.browser.fetch(`${s.base}/api/account/email`, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrf, origin: s.base },
    body: JSON.stringify(body ?? {}),
  });
}
const start = async (s, who, email) => json(await write(s, who, 'POST', { email }));

async function upstreamUser(s, who) {
  const token = await m2mToken(s.tenant.issuer);
  return (await usersApi(s.tenant.issuer, token, who.id)).body;
}

async function profile(s, who) {
  const res = await json(await who.browser.fetch(`${s.base}/api/profile`));
  assert.equal(res.status, 200);
  return res.body;
}

// The confirmation link in the `n`-th message (1-based), checked to be ours.
async function linkIn(s, n) {
  const all = await s.smtp.waitForMessages(n);
  const links = linksIn(all[n - 1].text).filter((l) => l.startsWith(`${s.base}/account/email/confirm?token=`));
  assert.equal(links.length, 1, all[n - 1].text);
  return links[0];
}

async function follow(s, who, link) {
  const res = await who.browser.fetch(link);
  return { status: res.status, html: await res.text() };
}

test('the link goes to the new address only; followed by the same user it is applied, and the old address is told', async (t) => {
  const s = await stack(t);
  const ada = await session(s, ADA);
  const before = Math.floor(Date.now() / 1000);

  const started = await start(s, ada, 'Ada.New@Example.COM');
  assert.equal(started.status, 202, JSON.stringify(started.body));
  assert.equal(started.body.pendingEmail.address, 'ada.new@example.com');
  const expiresAt = started.body.pendingEmail.expiresAt;
  assert.ok(expiresAt >= before + 86400 && expiresAt <= before + 86400 + 60, String(expiresAt));

  const [mail] = await s.smtp.waitForMessages(1);
  assert.deepEqual(mail.rcpt_tos, ['ada.new@example.com'], 'mailed to the new address, and only to it');
  const link = await linkIn(s, 1);
  assert.ok(mail.html.includes('/account/email/confirm?token='));

  // Pending: shown in the profile, nothing changed upstream.
  const pending = await profile(s, ada);
  assert.deepEqual(pending.account.pendingEmail, { address: 'ada.new@example.com', expiresAt });
  assert.equal(pending.account.emailChange, true);
  assert.equal((await upstreamUser(s, ADA)).email, ADA.email);
  // ...and in the user's data export (GET /api/account/export).
  const exported = await ada.browser.fetch(`${s.base}/api/account/export`, { headers: { 'sec-fetch-site': 'same-origin' } });
  assert.equal(exported.status, 200);
  assert.deepEqual((await exported.json()).profileDesk.pendingEmailChange, { address: 'ada.new@example.com', expiresAt });

  const page = await follow(s, ada, link);
  assert.equal(page.status, 200, page.html);
  assert.match(page.html, /Your email address is now ada\.new@example\.com/);
  assert.match(page.html, /href="\/"/);
  const user = await upstreamUser(s, ADA);
  assert.equal(user.email, 'ada.new@example.com');
  assert.equal(user.email_verified, true);

  const all = await s.smtp.waitForMessages(2);
  assert.equal(all.length, 2);
  assert.deepEqual(all[1].rcpt_tos, [ADA.email], 'the notice goes to the old address');
  assert.match(all[1].text, /ada\.new@example\.com/);
  assert.match(all[1].text, /contact support/i);
  assert.equal(linksIn(all[1].text).filter((l) => l.includes('/account/email/confirm')).length, 0);

  const after = await profile(s, ada);
  assert.equal(after.user.email, 'ada.new@example.com');
  assert.equal(after.account.pendingEmail, undefined);

  // Followed twice: refused, nothing changed.
  const again = await follow(s, ada, link);
  assert.equal(again.status, 400);
  assert.match(again.html, /no longer works/);
  assert.equal((await upstreamUser(s, ADA)).updated_at, user.updated_at);
});

test('refused links change nothing: another user, tampered, replaced, cancelled; signed out, sign in first and come back', async (t) => {
  const s = await stack(t);
  const ada = await session(s, ADA);
  const grace = await session(s, GRACE);
  const before = await upstreamUser(s, ADA);

  assert.equal((await start(s, ada, 'first@example.com')).status, 202);
  const first = await linkIn(s, 1);
  assert.equal((await start(s, ada, 'second@example.com')).status, 202);
  const second = await linkIn(s, 2);

  const replaced = await follow(s, ada, first);
  assert.equal(replaced.status, 400, 'a replaced request\'s link no longer works');

  const other = await follow(s, grace, second);
  assert.equal(other.status, 403);
  assert.match(other.html, /another account/);

  const token = new URL(second).searchParams.get('token');
  const flipped = token.slice(0, 40) + (token[40] === 'A' ? 'B' : 'A') + token.slice(41);
  const tampered = await follow(s, ada, `${s.base}/account/email/confirm?token=${flipped}`);
  assert.equal(tampered.status, 400);
  assert.match(tampered.html, /not valid/);
  assert.equal((await follow(s, ada, `${s.base}/account/email/confirm?token=<script>`)).status, 400);

  assert.equal((await upstreamUser(s, ADA)).updated_at, before.updated_at, 'nothing was written upstream');
  assert.equal((await upstreamUser(s, GRACE)).email, GRACE.email);

  // Not signed in: to sign-in, and back to the same link (a path on our own origin).
  const signedOut = await fetch(second, { redirect: 'manual' });
  assert.equal(signedOut.status, 302);
  const login = new URL(signedOut.headers.get('location'), s.base);
  assert.equal(login.pathname, '/login');
  const returnTo = login.searchParams.get('returnTo');
  assert.equal(returnTo, `/account/email/confirm?token=${token}`);
  const back = await signIn(s, ADA, { returnTo });
  assert.equal(back.location, returnTo, 'the sign-in comes back to the link');
  const applied = await follow(s, { browser: back.browser }, new URL(back.location, s.base).href);
  assert.equal(applied.status, 200, applied.html);
  assert.equal((await upstreamUser(s, ADA)).email, 'second@example.com');

  // Cancel: 204 (twice), and the link stops working.
  assert.equal((await start(s, ada, 'third@example.com')).status, 202);
  const third = await linkIn(s, 4);  // 3 is the notice to the old address
  assert.equal((await write(s, ada, 'DELETE')).status, 204);
  assert.equal((await write(s, ada, 'DELETE')).status, 204);
  assert.equal((await profile(s, ada)).account.pendingEmail, undefined);
  assert.equal((await follow(s, ada, third)).status, 400);
  assert.equal((await upstreamUser(s, ADA)).email, 'second@example.com');
});

test('an address already taken gets the same answer as a free one; its owner gets a notice, not a link', async (t) => {
  const s = await stack(t);
  const ada = await session(s, ADA);

  const taken = await start(s, ada, GRACE.email);
  assert.equal(taken.status, 202, JSON.stringify(taken.body));
  assert.deepEqual(Object.keys(taken.body), ['pendingEmail']);
  assert.deepEqual(Object.keys(taken.body.pendingEmail).sort(), ['address', 'expiresAt']);
  assert.equal(taken.body.pendingEmail.address, GRACE.email);
  assert.deepEqual((await profile(s, ada)).account.pendingEmail, taken.body.pendingEmail, 'the page looks pending');

  const [notice] = await s.smtp.waitForMessages(1);
  assert.deepEqual(notice.rcpt_tos, [GRACE.email]);
  assert.match(notice.text, /already belongs to an account/);
  assert.equal(linksIn(notice.text).filter((l) => l.includes('/account/email/confirm')).length, 0);

  // A free address: the same shape of answer.
  const free = await start(s, ada, 'free@example.com');
  assert.equal(free.status, 202);
  assert.deepEqual(Object.keys(free.body), Object.keys(taken.body));
  assert.equal((await upstreamUser(s, ADA)).email, ADA.email);
  assert.equal((await upstreamUser(s, GRACE)).email, GRACE.email);
});

test('what is refused before any mail: social users, bad or own addresses, a spent budget, bad requests', async (t) => {
  const s = await stack(t);
  const gina = await session(s, GOOGLE);
  const social = await start(s, gina, 'gina.new@example.com');
  assert.equal(social.status, 403);
  assert.equal(social.body.error, 'account_change_not_allowed');
  assert.equal((await profile(s, gina)).account.emailChange, false);

  const ada = await session(s, ADA);
  for (const bad of ['not-an-address', 'ada@localhost', 'a b@example.com', '']) {
    const res = await start(s, ada, bad);
    assert.equal(res.status, 400, bad);
    assert.equal(res.body.error, 'invalid_email');
  }
  const own = await start(s, ada, 'ADA@example.com');
  assert.equal(own.status, 400);
  assert.equal(own.body.error, 'invalid_email');
  assert.equal((await json(await write(s, ada, 'POST', { email: 'x@example.com', more: 1 }))).body.error, 'bad_request');
  const noCsrf = await ada.browser.fetch(`${s.base}/api/account/email`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: s.base }, body: '{"email":"x@example.com"}',
  });
  assert.equal(noCsrf.status, 403);
  assert.equal((await fetch(`${s.base}/api/account/email`, { method: 'DELETE' })).status, 401);

  // Five mails an hour per user (a resend is a new mail); then 429 with Retry-After.
  for (let i = 1; i <= 5; ++i) assert.equal((await start(s, ada, 'resend@example.com')).status, 202);
  const spent = await start(s, ada, 'resend@example.com');
  assert.equal(spent.status, 429);
  assert.equal(spent.body.error, 'too_many_emails');
  assert.ok(Number(spent.headers.get('retry-after')) > 0);
  assert.equal((await s.smtp.waitForMessages(5)).length, 5);
  // Only the last link works.
  const last = await linkIn(s, 5);
  assert.equal((await follow(s, ada, await linkIn(s, 4))).status, 400);
  assert.equal((await follow(s, ada, last)).status, 200);
});

test('a sign-in older than 5 minutes: 401 reauthentication_required, nothing mailed', async (t) => {
  const s = await stack(t);
  const knob = await fetch(new URL('admin/sign-in-age', s.tenant.issuer), {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user_id: ADA.id, seconds: 600 }),
  });
  if (knob.status === 404) {
    t.skip('this localtenant cannot date a sign-in back (h17-password\'s /admin/sign-in-age)');
    return;
  }
  assert.equal(knob.status, 204);
  const ada = await session(s, ADA);
  const res = await start(s, ada, 'late@example.com');
  assert.equal(res.status, 401);
  assert.equal(res.body.error, 'reauthentication_required');
  assert.equal(res.body.reauthenticateUrl, '/login?reauth=email');
  assert.equal(s.smtp.messages().length, 0);
  assert.equal((await profile(s, ada)).account.pendingEmail, undefined);
});

test('SMTP down: 503 mail_unavailable, nothing pending; once it is back, a retry works', async (t) => {
  const s = await stack(t);
  const ada = await session(s, ADA);
  await s.smtp.stop();
  const down = await start(s, ada, 'later@example.com');
  assert.equal(down.status, 503, JSON.stringify(down.body));
  assert.equal(down.body.error, 'mail_unavailable');
  assert.ok(Number(down.headers.get('retry-after')) > 0);
  assert.equal((await profile(s, ada)).account.pendingEmail, undefined, 'the change was dropped');

  await s.smtp.start();
  const retry = await start(s, ada, 'later@example.com');
  assert.equal(retry.status, 202, JSON.stringify(retry.body));
  const page = await follow(s, ada, await linkIn(s, 1));
  assert.equal(page.status, 200, page.html);
  assert.equal((await upstreamUser(s, ADA)).email, 'later@example.com');
});
