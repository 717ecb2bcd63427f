// scripts/bench, browser side: bytes on the wire for a first and a repeat
// visit, time from navigation to the first interactive frame, frames drawn
// per second while idle, and main-thread CPU time per drawn frame while
// typing. Headless Chromium (software WebGL), so absolute times are a
// machine's, not a user's; compare runs on one machine. Asserts nothing.
import { launchBrowser, waitForState } from '../e2e/support/browser.mjs';
import { recordNetwork } from '../e2e/support/network.mjs';
import { signInThroughForm } from '../e2e/support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { testSeed } from '../integration/support/localtenant.mjs';

const cleanups = [];
const t = { after: (fn) => cleanups.push(fn) };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function metrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

const browser = await launchBrowser();
try {
  const stack = await startStack(t);
  const page = await browser.newPage();

  const first = await recordNetwork(page);
  const started = Date.now();
  await page.goto(stack.base + '/');
  await waitForState(page, (s) => s.ready && s.phase && s.phase !== 'loading', { what: 'the first interactive frame' });
  const interactiveMs = Date.now() - started;
  const firstBytes = first.wireBytes();
  await first.detach();

  const repeat = await recordNetwork(page);
  const restarted = Date.now();
  await page.reload();
  await waitForState(page, (s) => s.ready && s.phase && s.phase !== 'loading', { what: 'the first interactive frame' });
  const repeatInteractiveMs = Date.now() - restarted;
  const repeatBytes = repeat.wireBytes();
  await repeat.detach();

  // Idle: let it settle, then count frames over two seconds without input.
  await sleep(1500);
  const f0 = (await page.evaluate(() => window.profileDesk.state())).frames;
  await sleep(2000);
  const f1 = (await page.evaluate(() => window.profileDesk.state())).frames;

  // Busy: main-thread CPU per drawn frame while the mouse moves over the canvas.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const m0 = await metrics(cdp);
  const g0 = (await page.evaluate(() => window.profileDesk.state())).frames;
  for (let i = 0; i < 60; ++i) await page.mouse.move(200 + i * 5, 200 + (i % 7) * 9);
  await sleep(300);
  const m1 = await metrics(cdp);
  const g1 = (await page.evaluate(() => window.profileDesk.state())).frames;
  const cpuMs = ((m1.TaskDuration - m0.TaskDuration) * 1000) / Math.max(1, g1 - g0);

  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  console.log(`bytes on the wire, first visit            ${kb(firstBytes)}`);
  console.log(`bytes on the wire, repeat visit           ${kb(repeatBytes)}`);
  console.log(`navigation to first interactive frame     ${interactiveMs} ms (repeat visit ${repeatInteractiveMs} ms)`);
  console.log(`frames drawn per second while idle        ${((f1 - f0) / 2).toFixed(1)}`);
  console.log(`main-thread CPU per drawn frame (moving)  ${cpuMs.toFixed(2)} ms over ${g1 - g0} frames`);

  // Signed in, a first visit (a new browser: nothing cached): a Latin-only
  // name, then an Arabic one. The difference is what the first
  // complex-script name costs (its glyph subset with layout tables; the
  // JavaScript that lays it out is in app.js for everyone).
  const seed = testSeed();
  seed.users.push({ user_id: 'auth0|qamar', connection: 'Username-Password-Authentication', email: 'qamar@example.com',
    email_verified: true, password: 'qamar-password', name: 'قمر الزمان' });
  const named = await startStack(t, { seed });
  const signedIn = async (user) => {
    const fresh = await launchBrowser();
    try {
      const p = await fresh.newPage();
      const net = await recordNetwork(p);
      await p.goto(named.base + '/');
      await waitForState(p, (s) => s.ready && s.phase === 'signed_out', { what: 'the sign-in screen' });
      await signInThroughForm(p, user);
      await waitForState(p, (s) => s.phase === 'editing' && s.font === 'DejaVu Sans' && s.glyphs.pending === 0 && s.idle,
                         { what: 'the editor with its glyphs', timeout: 30000 });
      const ours = net.responses().filter((r) => r.url.startsWith(named.base) && !r.fromCache);
      return { all: ours.reduce((n, r) => n + r.bytes, 0),
        glyphs: ours.filter((r) => r.url.includes('/fonts/glyphs')).reduce((n, r) => n + r.bytes, 0) };
    } finally {
      await fresh.close();
    }
  };
  const latin = await signedIn({ email: 'ada@example.com', password: 'ada-password' });
  const arabic = await signedIn({ email: 'qamar@example.com', password: 'qamar-password' });
  console.log(`first visit signed in, Latin-only name    ${kb(latin.all)} (profiledesk's responses; /fonts/glyphs ${kb(latin.glyphs)})`);
  console.log(`first visit signed in, Arabic name        ${kb(arabic.all)}: +${kb(arabic.all - latin.all)}, of which /fonts/glyphs ${kb(arabic.glyphs)}`);
} finally {
  await browser.close();
  for (const fn of cleanups.reverse()) await fn();
}
