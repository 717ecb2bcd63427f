// Branding by configuration (issue 16): BRAND_NAME is the page's title and
// in its site island with BRAND_LOGO, BRAND_ACCENT and SUPPORT_URL; the logo
// is served as it was given; /brand/theme.css has the accent's colour roles.
// A bad value of any of them stops the server with one line naming it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { binaryPath, repoRoot, tempDir } from './support/processes.mjs';
import { solidPng } from './support/pictures.mjs';
import { startStack } from './support/profiledesk.mjs';

const NAME = 'Zürich </script><b>Café</b> & Co';

// The island's JSON, ended where a browser's parser ends the element.
function island(html) {
  const m = /<script id="pd-site" type="application\/json">([\s\S]*?)<\/script/.exec(html);
  assert.ok(m, 'the page has its site island');
  return JSON.parse(m[1]);
}

test('brand: the title, the island, the logo and the theme follow the settings', async (t) => {
  const dir = tempDir(t);
  const logo = solidPng(48, [0xe0, 0x40, 0x10]);
  const logoPath = path.join(dir, 'logo.png');
  writeFileSync(logoPath, logo);
  const { base } = await startStack(t, {
    env: { BRAND_NAME: NAME, BRAND_LOGO: logoPath, BRAND_ACCENT: '#0B7A5C', SUPPORT_URL: 'https://help.example.com/profile' },
  });

  const page = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br, gzip' } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  assert.equal(page.headers.get('content-encoding'), null, 'no stale precompressed page');
  assert.ok(page.headers.get('etag'));
  const html = await page.text();
  assert.match(html, /<title>Zürich &lt;\/script&gt;&lt;b&gt;Café&lt;\/b&gt; &amp; Co<\/title>/);
  const site = island(html);
  assert.equal(site.brandName, NAME);
  assert.equal(site.logo, '/brand/logo.png');
  assert.equal(site.accent, '#0b7a5c');
  assert.equal(site.supportUrl, 'https://help.example.com/profile');
  assert.deepEqual(site.languages.map((l) => l.tag), ['en', 'fr', 'de', 'es', 'ja', 'ar']);
  assert.equal(site.pseudoLanguage, 'en-XA');
  // The page's policy is unchanged: the island is data, not script.
  assert.doesNotMatch(page.headers.get('content-security-policy'), /unsafe-inline/);
  const again = await fetch(`${base}/`, { headers: { 'if-none-match': page.headers.get('etag') } });
  assert.equal(again.status, 304);

  const served = await fetch(`${base}/brand/logo.png`);
  assert.equal(served.status, 200);
  assert.equal(served.headers.get('content-type'), 'image/png');
  assert.equal(served.headers.get('cache-control'), 'no-cache');
  assert.ok(served.headers.get('etag'));
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), logo);

  const css = await fetch(`${base}/brand/theme.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /^text\/css/);
  const text = await css.text();
  for (const role of ['background', 'surface', 'text', 'muted-text', 'border', 'accent', 'on-accent', 'accent-text']) {
    assert.equal(text.match(new RegExp(`--pd-${role}: #[0-9a-f]{6};`, 'g'))?.length, 3, role);
  }
  assert.match(text, /color-scheme: light;/);
  assert.match(text, /color-scheme: dark;/);
  // The light accent is the brand's own green (dark enough on white as it is).
  assert.match(text, /:root,\n:root\[data-theme="light"\] \{[^}]*--pd-accent: #0b7a5c;/);
});

test('brand: unset, the page is Profile Desk with no logo, and theme.css has the default accent', async (t) => {
  const { base } = await startStack(t);
  const html = await (await fetch(`${base}/`)).text();
  assert.match(html, /<title>Profile Desk<\/title>/);
  const site = island(html);
  assert.equal(site.brandName, 'Profile Desk');
  assert.equal(site.logo, null);
  assert.equal(site.accent, null);
  assert.equal(site.supportUrl, null);
  assert.equal((await fetch(`${base}/brand/logo.png`)).status, 404);
  assert.match(await (await fetch(`${base}/brand/theme.css`)).text(), /--pd-accent: #2459c9;/);
});

test('brand: a bad BRAND_NAME, BRAND_LOGO, BRAND_ACCENT or SUPPORT_URL stops the server with one line naming it', (t) => {
  const dir = tempDir(t);
  const notPng = path.join(dir, 'logo.png');
  writeFileSync(notPng, '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  const run = (env) => spawnSync(binaryPath('profiledesk'), ['--env-file', path.join(repoRoot, 'build', 'no-such.env')], {
    encoding: 'utf8',
    timeout: 10000,
    env: {
      PATH: process.env.PATH,
      ISSUER_BASE_URL: 'https://example.eu.auth0.com',
      CLIENT_ID: 'Xo9pK2mQ7vLzR4tY8wE1uI3oP6aS5dF0',
      CLIENT_SECRET: 'cs_9fK2mQ7vLzR4tY8wE1uI3oP6aS5dF0hJ',
      SECRET: 'b1946ac92492d2347c6235b4d2611184a3f1e9c07d5b8e2f',
      LOG_FORMAT: 'text',
      ...env,
    },
  });
  for (const [name, value, why] of [
    ['BRAND_ACCENT', 'green', /BRAND_ACCENT must be a colour as #rrggbb/],
    ['BRAND_LOGO', notPng, /BRAND_LOGO '.*logo\.png' is not a PNG image/],
    ['BRAND_LOGO', path.join(dir, 'missing.png'), /BRAND_LOGO '.*missing\.png' is not a readable file/],
    ['SUPPORT_URL', 'http://help.example.com', /SUPPORT_URL 'http:\/\/help\.example\.com' must use https/],
    ['BRAND_NAME', 'x'.repeat(61), /BRAND_NAME must be 1 to 60 characters/],
  ]) {
    const r = run({ [name]: value });
    assert.equal(r.status, 2, `${name}=${value}: ${r.stderr}`);
    const lines = r.stderr.split('\n').filter((l) => l.includes(name));
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], why);
  }
});
