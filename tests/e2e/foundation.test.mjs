// The walking skeleton, end to end: the page loads the Wasm app from a real
// profiledesk, the app reaches the server (/api/session), and the canvas
// shows a drawn frame.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { launchBrowser, waitForState, pixelStats, artifactPath } from './support/browser.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

async function screenshot(page, name) {
  const png = await page.locator('#canvas').screenshot();
  const path = artifactPath(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  return png;
}

test('the app loads, reaches the server and renders a frame', async (t) => {
  const { pd: server } = await startStack(t);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(server.base + '/');
    const state = await waitForState(page, (s) => s.ready && s.phase !== 'loading',
                                     { what: 'the session check' });
    // Not signed in: the server answered /api/session, and the welcome panel shows.
    assert.equal(state.phase, 'signed_out', `the session check failed: ${JSON.stringify(state.error)}`);
    assert.ok(await page.evaluate(() => window.profileDesk.itemRect('button:sign-in')), 'no Sign in button');
    // A drawn ImGui window has a title bar, a body and text in several
    // colours over the background; an empty or failed canvas is one colour.
    const png = await screenshot(page, 'foundation-healthy.png');
    const stats = await pixelStats(browser, png);
    assert.ok(stats.colours >= 4 && stats.foreground > 0.01,
              `the canvas holds no rendered frame: ${JSON.stringify(stats)}`);
    assert.equal(await page.locator('#loading').isHidden(), true, 'the loading indicator is still shown');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    await server.stop();
  }
});

test('the app says the server is unreachable when it stops', async (t) => {
  const { pd: server } = await startStack(t);
  const page = await browser.newPage();
  try {
    // Load the page, then stop the server before the app asks for its
    // session: hold that request until the server is gone.
    await page.route('**/api/session', async (route) => {
      await server.stop();
      await route.continue();
    });
    await page.goto(server.base + '/');
    const state = await waitForState(page, (s) => s.phase !== 'loading', { what: 'the session check' });
    assert.equal(state.phase, 'error');
    assert.equal(state.error.retry, 'load_session');
    assert.match(state.error.message, /Cannot reach the server/);
    await screenshot(page, 'foundation-server-down.png');
  } finally {
    await page.close();
    await server.stop();
  }
});

test('a broken app.wasm gives a clear message instead of a blank page', async (t) => {
  const { pd: server } = await startStack(t);
  const page = await browser.newPage();
  try {
    await page.route(/\/app\.[0-9a-f]+\.wasm$/, (route) =>
      route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') }));
    await page.goto(server.base + '/');
    await page.locator('#fatal').waitFor({ state: 'visible', timeout: 15000 });
    assert.match(await page.locator('#fatal-text').textContent(), /stopped unexpectedly|Could not/);
  } finally {
    await page.close();
    await server.stop();
  }
});

test('without WebGL2 the page explains what is missing', async (t) => {
  const { pd: server } = await startStack(t);
  const page = await browser.newPage();
  try {
    await page.addInitScript(() => {
      const original = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
        return type === 'webgl2' ? null : original.call(this, type, ...rest);
      };
    });
    await page.goto(server.base + '/');
    await page.locator('#fatal').waitFor({ state: 'visible', timeout: 10000 });
    assert.match(await page.locator('#fatal-text').textContent(), /WebGL2/);
  } finally {
    await page.close();
    await server.stop();
  }
});
