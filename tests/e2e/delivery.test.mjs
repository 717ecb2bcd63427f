// Size and start-up: the app arrives compressed, under content-hashed names
// cached for a year, so a repeat visit downloads it not at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, waitForState } from './support/browser.mjs';
import { recordNetwork } from './support/network.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const isApp = (r) => /\/app\.[0-9a-f]{12}\.(wasm|js)$/.test(r.url);

test('first visit: the app comes brotli-compressed, hashed and immutable; a repeat visit takes it from cache', async (t) => {
  const stack = await startStack(t);
  const page = await browser.newPage();
  try {
    const first = await recordNetwork(page);
    await page.goto(stack.base + '/');
    await waitForState(page, (s) => s.ready, { what: 'the first frame' });
    const app = first.responses().filter(isApp);
    assert.equal(app.length, 2, `app files seen: ${JSON.stringify(first.responses().map((r) => r.url))}`);
    for (const r of app) {
      assert.equal(r.encoding, 'br', r.url);
      assert.match(r.cacheControl, /immutable/, r.url);
    }
    const wasm = app.find((r) => r.url.endsWith('.wasm'));
    assert.ok(wasm.bytes > 0 && wasm.bytes < 400000, `app.wasm took ${wasm.bytes} bytes on the wire`);
    const firstBytes = first.wireBytes();
    // The budget of a first visit (issue 15: laying out complex scripts in the
    // browser must not grow it for a Latin-only user): 350 KB on the wire.
    assert.ok(firstBytes <= 350 * 1024, `first visit moved ${firstBytes} bytes`);
    await first.detach();

    const repeat = await recordNetwork(page);
    await page.reload();
    await waitForState(page, (s) => s.ready, { what: 'the first frame after reload' });
    // Nothing on the wire for the app (Chromium flags some cache hits only by 0 bytes).
    for (const r of repeat.responses().filter(isApp)) assert.ok(r.fromCache || r.bytes === 0, `${r.url} was downloaded again: ${JSON.stringify(repeat.responses())}`);
    assert.ok(repeat.wireBytes() < firstBytes / 10, `repeat visit moved ${repeat.wireBytes()} bytes, first ${firstBytes}`);
    await repeat.detach();
  } finally {
    await page.close();
  }
});
