// Headless Debian Chromium through playwright-core, with the flags this
// machine needs (docs/toolchain.md): software WebGL2, no background networking.
import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../integration/support/processes.mjs';

export const chromiumArgs = [
  '--no-sandbox', '--disable-gpu-sandbox', '--use-gl=angle', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// `options` are Playwright context options (deviceScaleFactor, ...).
export async function launchBrowser(options = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'pd-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1024, height: 700 },
    ...options,
  });
}

// Where screenshots go: under the build folder, never in the source tree.
export function artifactPath(name) {
  return join(process.env.PD_ARTIFACTS || join(repoRoot, 'build', 'e2e-artifacts'), name);
}


// Polls the page's test hook until `predicate(state)` holds; fails with the
// last state seen (and the page's own failure message, if any) on timeout.
export async function waitForState(page, predicate, { timeout = 20000, what = 'the app state' } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  let failure = null;
  while (Date.now() < deadline) {
    try {
      [last, failure] = await page.evaluate(() => [
        window.profileDesk ? window.profileDesk.state() : null,
        window.profileDesk ? window.profileDesk.failure : 'no test hook',
      ]);
    } catch (e) {
      // A navigation (sign-in, reload) replaced the page meanwhile: ask the new one.
      if (!/context was destroyed|navigat/i.test(e.message)) throw e;
      [last, failure] = [null, null];
    }
    if (last && predicate(last)) return last;
    if (failure && failure !== 'no test hook') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(last)}; page failure: ${failure}`);
}

// Runs `analyse` in a blank page where `window.decodePng(base64)` turns a PNG
// into ImageData: the browser itself decodes, so the tests need no PNG library.
export async function inPngPage(context, analyse, arg) {
  const page = await context.newPage();
  try {
    await page.evaluate(() => {
      window.decodePng = async (b64) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + b64;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = img.width;
        c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, c.width, c.height);
      };
    });
    return await page.evaluate(analyse, arg);
  } finally {
    await page.close();
  }
}

// What a PNG holds: how many distinct colours, and the share of pixels that
// differ from the commonest colour (the background). A blank or failed canvas
// is one flat colour.
export async function pixelStats(context, png) {
  return inPngPage(context, async (b64) => {
    const { data } = await window.decodePng(b64);
    const counts = new Map();
    for (let i = 0; i < data.length; i += 4) {
      const rgb = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      counts.set(rgb, (counts.get(rgb) || 0) + 1);
    }
    const pixels = data.length / 4;
    return { colours: counts.size, foreground: 1 - Math.max(...counts.values()) / pixels };
  }, png.toString('base64'));
}

// How two PNGs of the same size differ: the share of pixels whose colour
// differs, and their count (1 and Infinity when the sizes differ).
export async function pixelDifference(context, a, b) {
  return inPngPage(context, async ([pa, pb]) => {
    const [x, y] = [await window.decodePng(pa), await window.decodePng(pb)];
    if (x.width !== y.width || x.height !== y.height) return { share: 1, pixels: Infinity };
    let differ = 0;
    for (let i = 0; i < x.data.length; i += 4) {
      if (x.data[i] !== y.data[i] || x.data[i + 1] !== y.data[i + 1] || x.data[i + 2] !== y.data[i + 2]) ++differ;
    }
    return { share: differ / (x.width * x.height), pixels: differ };
  }, [a.toString('base64'), b.toString('base64')]);
}
