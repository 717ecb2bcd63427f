// Branding by configuration, in the browser (issue 16): BRAND_NAME in the
// document's title, the welcome panel and the header (drawn, and in the
// accessibility mirror); BRAND_LOGO drawn beside it (its pixels on the
// canvas); BRAND_ACCENT the primary button's colour (read from pixels,
// compared with the server's /brand/theme.css); SUPPORT_URL's "Get help"
// under a read-only field's reason, on the canvas (opening a new tab without
// an opener) and as a real link in the mirror.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, inPngPage } from './support/browser.mjs';
import { itemRect, openApp, shotOf, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { tempDir } from '../integration/support/processes.mjs';
import { solidPng } from '../integration/support/pictures.mjs';
import { GOOGLE } from '../integration/support/localtenant.mjs';

const NAME = 'Acme Account';
const LOGO_RGB = [0xe0, 0x40, 0x10];

async function newPage(t) {
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

// A help page on this machine (SUPPORT_URL may be plain http only here).
async function startHelpPage(t) {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>Help</title><p>How to change your profile.</p>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return `http://localhost:${server.address().port}/help`;
}

function logoFile(t) {
  const file = path.join(tempDir(t), 'logo.png');
  writeFileSync(file, solidPng(64, LOGO_RGB));
  return file;
}

// The colour at (x, y) of a PNG (a shot of a widget), averaged over 3x3 pixels.
function colourAt(browser, png, x, y) {
  return inPngPage(browser, async ([b64, px, py]) => {
    const { data, width } = await window.decodePng(b64);
    const sum = [0, 0, 0];
    for (let dy = -1; dy <= 1; ++dy) {
      for (let dx = -1; dx <= 1; ++dx) {
        const i = ((py + dy) * width + (px + dx)) * 4;
        for (let c = 0; c < 3; ++c) sum[c] += data[i + c];
      }
    }
    return sum.map((v) => Math.round(v / 9));
  }, [png.toString('base64'), Math.round(x), Math.round(y)]);
}

const near = (a, b, tolerance = 10) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
const hexToRgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

test('brand: the name in the title, the welcome panel and the mirror; the logo drawn; the accent on the button', async (t) => {
  const { pd } = await startStack(t, { env: { BRAND_NAME: NAME, BRAND_LOGO: logoFile(t), BRAND_ACCENT: '#0b7a5c' } });
  const { browser, page, errors } = await newPage(t);
  await openApp(page, pd.base);
  assert.equal(await page.title(), NAME);
  assert.equal(await page.locator('#m-heading').textContent(), NAME);
  assert.ok(await itemRect(page, 'welcome:brand-name'), 'the welcome panel shows the brand name');

  // The logo, once decoded, is drawn at its place: the logo's own colour there.
  const logo = await itemRect(page, 'welcome:logo');
  assert.ok(logo.h >= 20 && Math.abs(logo.w - logo.h) <= 1, `a square logo ${JSON.stringify(logo)}`);
  const logoShot = await shotOf(page, 'welcome:logo', 'brand-logo.png');
  assert.ok(near(await colourAt(browser, logoShot, logo.w / 2, logo.h / 2), LOGO_RGB),
            'the logo\'s pixels are drawn where the hook says');
  const name = await itemRect(page, 'welcome:brand-name');
  assert.ok(name.x > logo.x + logo.w - 1, 'the name follows the logo');

  // The primary button is filled with the accent as the theme CSS has it
  // (light or dark: whichever the app draws now), sampled beside its label.
  const css = await (await fetch(`${pd.base}/brand/theme.css`)).text();
  const accents = [...css.matchAll(/--pd-accent: (#[0-9a-f]{6});/g)].map((m) => hexToRgb(m[1]));
  assert.ok(accents.length >= 2, css);
  const button = await itemRect(page, 'button:sign-in');
  const shot = await shotOf(page, 'button:sign-in', 'brand-sign-in.png');
  const fill = await colourAt(browser, shot, 8, button.h / 2);
  assert.ok(accents.some((a) => near(fill, a, 6)), `the button's fill ${fill} is one of the accents ${JSON.stringify(accents)}`);
  assert.deepEqual(errors, []);
});

test('brand: the header shows the logo and the name; SUPPORT_URL is a "Get help" link on the canvas and in the mirror', async (t) => {
  const helpUrl = await startHelpPage(t);
  const { pd } = await startStack(t, { env: { BRAND_NAME: NAME, BRAND_LOGO: logoFile(t), SUPPORT_URL: helpUrl } });
  const { browser, page, errors } = await newPage(t);
  await openApp(page, pd.base);
  await signInThroughForm(page, GOOGLE);
  const s = await waitForState(page, (x) => x.phase === 'editing' && x.draft && x.readOnly.name);
  assert.equal(await page.title(), NAME);
  const name = await itemRect(page, 'header:brand-name');
  const logo = await itemRect(page, 'header:logo');
  assert.ok(name.x > logo.x && Math.abs((name.y + name.h / 2) - (logo.y + logo.h / 2)) < 6, 'logo, then the name, on one line');
  const logoShot = await shotOf(page, 'header:logo', 'brand-header-logo.png');
  assert.ok(near(await colourAt(browser, logoShot, logo.w / 2, logo.h / 2), LOGO_RGB));

  // On the canvas: under the reason of a field the provider manages.
  assert.ok(s.readOnly.name);
  const reason = await itemRect(page, 'reason:name');
  const help = await itemRect(page, 'support:reason:name');
  assert.ok(help.y >= reason.y + reason.h - 1, 'the link follows the reason');
  const [popup] = await Promise.all([
    page.context().waitForEvent('page'),
    page.mouse.click(help.x + Math.min(help.w / 2, 20), help.y + help.h / 2),
  ]);
  await popup.waitForLoadState();
  assert.equal(popup.url(), helpUrl);
  assert.equal(await popup.evaluate(() => window.opener), null, 'the help page cannot reach this one');
  await popup.close();

  // In the mirror: a real link after each read-only field's reason.
  const links = page.locator('#form-mirror a[data-help]');
  assert.ok(await links.count() >= 1);
  for (const link of await links.all()) {
    assert.equal(await link.getAttribute('href'), helpUrl);
    assert.equal(await link.getAttribute('target'), '_blank');
    assert.match(await link.getAttribute('rel'), /\bnoopener\b/);
  }
  const nameInput = page.locator('#form-mirror [aria-readonly="true"]').first();
  const noteId = (await nameInput.getAttribute('aria-describedby')).split(' ')[0];
  assert.equal(await page.locator(`#${noteId} + a[data-help]`).count(), 1, 'the link follows the reason in the mirror');
  assert.deepEqual(errors, []);
});

test('brand: without SUPPORT_URL there is no "Get help" link, and without BRAND_* the page is Profile Desk', async (t) => {
  const { pd } = await startStack(t);
  const { page } = await newPage(t);
  await openApp(page, pd.base);
  assert.equal(await page.title(), 'Profile Desk');
  assert.equal(await page.locator('#m-heading').textContent(), 'Profile Desk');
  assert.ok(await itemRect(page, 'welcome:brand-name'), 'the default name on the welcome panel');
  assert.equal(await page.evaluate(() => window.profileDesk.itemRect('welcome:logo')), null);
  await signInThroughForm(page, GOOGLE);
  assert.ok(await itemRect(page, 'header:brand-name'), 'the default name in the header');
  await waitForState(page, (x) => x.phase === 'editing' && x.draft && x.readOnly.name);
  assert.ok(await itemRect(page, 'reason:name'));
  assert.equal(await page.evaluate(() => window.profileDesk.itemRect('support:reason:name')), null);
  assert.equal(await page.evaluate(() => window.profileDesk.itemRect('header:logo')), null);
  assert.equal(await page.locator('#form-mirror a[data-help]').count(), 0);
});
