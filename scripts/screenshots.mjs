// The README's screenshots, taken from the real app (scripts/screenshots
// builds it first): the editor in the light theme, in the dark theme, and a
// branded page in another language. Each picture gets its own local stack
// (localtenant and profiledesk on loopback ports, as the end-to-end tests
// start them), a fresh headless Chromium, and a sign-in through the tenant's
// form like a person's.
//   node scripts/screenshots.mjs [OUTPUT_DIR]     (default: docs/)
// It waits until the app says, through its test hook, that it shows what was
// asked (theme, language) and is idle; a page that cannot show it fails the
// run rather than leaving a wrong picture behind.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { launchBrowser } from '../tests/e2e/support/browser.mjs';
import { openApp, signInThroughForm, waitForState } from '../tests/e2e/support/app.mjs';
import { repoRoot, tempDir } from '../tests/integration/support/processes.mjs';
import { testSeed } from '../tests/integration/support/localtenant.mjs';
import { startStack } from '../tests/integration/support/profiledesk.mjs';

const outputDir = path.resolve(process.argv[2] || path.join(repoRoot, 'docs'));

// The demo tenant's people (the README's table), registered with the test
// client the stack helpers wire up; the test seed's cheap password hashing
// keeps start-up quick and changes nothing on screen.
const demo = JSON.parse(readFileSync(path.join(repoRoot, 'server/localtenant/seed.json'), 'utf8'));
const demoUser = (email) => {
  const u = demo.users.find((x) => x.email === email);
  if (!u) throw new Error(`server/localtenant/seed.json has no user ${email}`);
  return { email: u.email, password: u.password };
};
function demoSeed() {
  return { ...testSeed(), tenant: demo.tenant, connections: demo.connections, users: demo.users };
}

// A small PNG, encoded here so that the branded picture needs no image file
// in the repository: `paint(x, y)` answers [r, g, b, a] for each pixel.
function png(width, height, paint) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);  // 8 bits per channel, RGBA, no interlace
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; ++y) {
    const row = y * (1 + width * 4);  // each row starts with filter type 0 (none)
    for (let x = 0; x < width; ++x) rows.set(paint(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

// The demo brand's logo: a rounded tile in the accent colour with a white
// compass needle, 128 px square (it is drawn smaller, so it stays sharp on
// high-density screens).
function logo(accent) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(accent.slice(i, i + 2), 16));
  const size = 128;
  const inTile = (x, y) => {
    const radius = 28;
    const cx = Math.min(Math.max(x, radius), size - 1 - radius);
    const cy = Math.min(Math.max(y, radius), size - 1 - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
  };
  // A kite from (64, 20) to (64, 108), 18 px either side at its middle.
  const inNeedle = (x, y) => y >= 20 && y <= 108 && Math.abs(x - 64) <= 18 * (1 - Math.abs(y - 64) / 44);
  return png(size, size, (x, y) => {
    if (!inTile(x, y)) return [0, 0, 0, 0];
    return inNeedle(x, y) ? [255, 255, 255, 255] : [r, g, b, 255];
  });
}

// One picture: a stack started with `env`, a browser with `context` options
// (colorScheme, locale), `user` signed in; waits until the app shows `expect`
// (state hook members, checked only where the app reports them) and idles.
async function capture({ file, env = {}, context = {}, user, expect = {} }) {
  const cleanups = [];
  const t = { after: (fn) => cleanups.push(fn) };
  let browser;
  try {
    const { pd } = await startStack(t, { seed: demoSeed(), env: { PROFILE_SYNC_OFF_CONNECTIONS: 'github', ...env } });
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 }, ...context });
    const page = browser.pages()[0] || await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openApp(page, pd.base);
    await signInThroughForm(page, user);
    const shows = (s) => Object.entries(expect).every(([key, want]) => !(key in s) || s[key] === want);
    const s = await waitForState(page, (x) => x.phase === 'editing' && x.idle && shows(x) &&
      (!x.avatar || x.avatar.state !== 'loading') && (!x.glyphs || x.glyphs.pending === 0),
    { what: `the editor showing ${JSON.stringify(expect)}, idle`, timeout: 30000 });
    if (errors.length > 0) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    const unreported = Object.keys(expect).filter((key) => !(key in s));
    const png = await page.screenshot();
    mkdirSync(outputDir, { recursive: true });
    const written = path.join(outputDir, file);
    writeFileSync(written, png);
    const shown = written.startsWith(repoRoot + path.sep) ? path.relative(repoRoot, written) : written;
    const note = unreported.length > 0 ? ` (this build does not report ${unreported.join(', ')})` : '';
    console.log(`${shown}: ${png.length} bytes${note}`);
  } finally {
    if (browser) await browser.close();
    for (const fn of cleanups.reverse()) await fn();
  }
}

async function main() {
  const margaret = demoUser('margaret@example.com');
  await capture({ file: 'editor-light.png', context: { colorScheme: 'light' }, user: margaret, expect: { theme: 'light' } });
  await capture({ file: 'editor-dark.png', context: { colorScheme: 'dark' }, user: margaret, expect: { theme: 'dark' } });

  // An operator's brand, and a browser that prefers French: Grace has no
  // language saved in her profile, so the browser's choice stands.
  const accent = '#0f7b6c';
  const cleanups = [];
  const logoPath = path.join(tempDir({ after: (fn) => cleanups.push(fn) }, 'pd-screenshots-'), 'logo.png');
  writeFileSync(logoPath, logo(accent));
  try {
    await capture({
      file: 'editor-branded.png',
      env: { BRAND_NAME: 'Northwind Accounts', BRAND_ACCENT: accent, BRAND_LOGO: logoPath, SUPPORT_URL: 'https://help.example.com/profile' },
      context: { colorScheme: 'light', locale: 'fr-FR' },
      user: demoUser('grace@example.com'),
      expect: { theme: 'light', language: 'fr' },
    });
  } finally {
    for (const fn of cleanups) fn();
  }
}

main().catch((e) => {
  console.error(`screenshots: ${e.stack || e.message}`);
  process.exit(1);
});
