// The canvas behaving like a web page (issue 7): nothing drawn while nothing
// changes, text in the scripts names come in, crisp text on high-density
// screens. Screenshots under build/e2e-artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, pixelDifference as pixelsDiffer } from './support/browser.mjs';
import { click, itemRect, openApp, screenshot, shotOf, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';

// The test seed's user named in three scripts (tests/integration/support/localtenant.mjs).
const ZOE = { email: 'zoe@example.com', password: 'zoe-password' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const state = (page) => page.evaluate(() => window.profileDesk.state());

async function newPage(t, options) {
  const browser = await launchBrowser(options);
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

// Settled: the served font is in the atlas and the loop has gone to sleep.
function settled(font = 'DejaVu Sans') {
  return (s) => s.ready && s.phase !== 'loading' && s.font === font && s.idle;
}

// The share of pixels that differ between two PNGs of the same size.
async function pixelDifference(context, a, b) {
  return (await pixelsDiffer(context, a, b)).share;
}

test('idle: no frame is drawn without input; a key press and a mouse move wake the loop', async (t) => {
  const { pd } = await startStack(t);
  const { page, errors } = await newPage(t);
  await openApp(page, pd.base);
  let s = await waitForState(page, settled(), { what: 'the font, then idle' });
  const before = s.frames;
  await sleep(2000);
  s = await state(page);
  assert.equal(s.frames, before, 'frames were drawn over 2 s without input');
  assert.equal(s.idle, true);

  await page.keyboard.press('Shift');
  s = await waitForState(page, (x) => x.frames > before, { what: 'a frame after a key press', timeout: 3000 });
  s = await waitForState(page, (x) => x.idle, { what: 'idle again' });

  const idleFrames = s.frames;
  const r = await itemRect(page, 'button:sign-in');
  await page.mouse.move(r.x + r.w / 2, r.y + r.h / 2);
  await waitForState(page, (x) => x.frames > idleFrames, { what: 'a frame after a mouse move', timeout: 3000 });
  s = await waitForState(page, (x) => x.idle, { what: 'idle after hovering' });
  await sleep(1000);
  assert.equal((await state(page)).frames, s.frames, 'hovering a button keeps drawing');
  await screenshot(page, 'canvas-idle-hover.png');
  assert.deepEqual(errors, []);
});

// Types `text` into the name field, then Tab away (no caret in the picture),
// and returns the screenshot of the field.
async function nameFieldShowing(page, text, artifact) {
  await click(page, 'field:name');
  await waitForState(page, (x) => x.focused === 'name', { what: 'focus on the name' });
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await waitForState(page, (x) => x.draft.name === text, { what: `the draft name ${JSON.stringify(text)}` });
  await page.keyboard.press('Tab');
  await waitForState(page, (x) => x.focused !== 'name' && x.idle, { what: 'focus past the name, idle' });
  return shotOf(page, 'field:name', artifact);
}

const CYRILLIC = 'Софья Ковалевская';
// An unassigned code point (no font has it): what a missing glyph looks like.
const MISSING = [...CYRILLIC].map((c) => (c === ' ' ? ' ' : '\u0378')).join('');

test('a name in Cyrillic renders as glyphs, not as missing-glyph boxes', async (t) => {
  const { pd } = await startStack(t);
  const { browser, page, errors } = await newPage(t);
  await page.setViewportSize({ width: 1280, height: 900 });
  await openApp(page, pd.base);
  await signInThroughForm(page, ZOE);
  let s = await waitForState(page, (x) => x.phase === 'editing' && x.draft && x.font === 'DejaVu Sans' && x.idle,
                             { what: 'the editor with the served font' });
  assert.match(s.user.name, /Софья/);
  await shotOf(page, 'text:user-name', 'canvas-zoe-name.png');
  await screenshot(page, 'canvas-zoe-editor.png');

  // While a field is active only the caret's blink draws: a frame each 0.4 or 0.8 s.
  await click(page, 'field:name');
  await waitForState(page, (x) => x.focused === 'name', { what: 'focus on the name' });
  await sleep(300);
  const from = (await state(page)).frames;
  await sleep(2400);
  const blinks = (await state(page)).frames - from;
  assert.ok(blinks >= 2 && blinks <= 12, `caret blink drew ${blinks} frames in 2.4 s`);

  const glyphs = await nameFieldShowing(page, CYRILLIC, 'canvas-cyrillic-dejavu.png');
  const boxes = await nameFieldShowing(page, MISSING, 'canvas-missing-dejavu.png');
  const difference = await pixelDifference(browser, glyphs, boxes);
  assert.ok(difference > 0.03, `Cyrillic looks like missing glyphs (${difference} of the pixels differ)`);
  assert.deepEqual(errors, []);
});

test('the comparison can tell: with the built-in font Cyrillic is drawn as missing glyphs', async (t) => {
  const { pd } = await startStack(t);
  const { browser, page } = await newPage(t);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.route('**/web/fonts/DejaVuSans.ttf', (route) => route.abort());
  await openApp(page, pd.base);
  await signInThroughForm(page, ZOE);
  await waitForState(page, (x) => x.phase === 'editing' && x.draft && x.idle, { what: 'the editor' });
  assert.equal((await state(page)).font, 'builtin');
  const glyphs = await nameFieldShowing(page, CYRILLIC, 'canvas-cyrillic-builtin.png');
  const boxes = await nameFieldShowing(page, MISSING, 'canvas-missing-builtin.png');
  assert.equal(await pixelDifference(browser, glyphs, boxes), 0);
});

const canvasSize = (page) => page.evaluate(() => {
  const c = document.getElementById('canvas');
  return { width: c.width, height: c.height, cssWidth: c.clientWidth, cssHeight: c.clientHeight,
           ratio: window.devicePixelRatio };
});

test('at devicePixelRatio 2 the backing store and the font atlas are at double resolution', async (t) => {
  const { pd } = await startStack(t);
  const { page, errors } = await newPage(t, { deviceScaleFactor: 2 });
  await openApp(page, pd.base);
  const s = await waitForState(page, settled(), { what: 'the font, then idle' });
  const c = await canvasSize(page);
  assert.equal(c.ratio, 2);
  assert.equal(c.width, c.cssWidth * 2);
  assert.equal(c.height, c.cssHeight * 2);
  assert.equal(s.fontPixelSize, 30, 'the 15 px font is rasterised at 30 device pixels');
  await screenshot(page, 'canvas-dpr2.png');  // 2048 x 1400
  assert.deepEqual(errors, []);
});

test('a change of devicePixelRatio (zoom, another screen) resizes the canvas and rebuilds the font', async (t) => {
  const { pd } = await startStack(t);
  const { page, errors } = await newPage(t);
  await openApp(page, pd.base);
  let s = await waitForState(page, settled(), { what: 'the font, then idle' });
  assert.equal(s.fontPixelSize, 15);
  let c = await canvasSize(page);
  assert.equal(c.width, c.cssWidth);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 1024, height: 700, deviceScaleFactor: 2, mobile: false });
  s = await waitForState(page, (x) => x.fontPixelSize === 30 && x.idle, { what: 'the font rebuilt at 2x' });
  c = await canvasSize(page);
  assert.equal(c.width, c.cssWidth * 2);
  assert.equal(c.height, c.cssHeight * 2);
  await screenshot(page, 'canvas-dpr-changed.png');
  assert.deepEqual(errors, []);
});

// Zoë in the editor at `width` x 700, settled.
async function zoeAt(t, width) {
  const { pd } = await startStack(t);
  const { page, errors } = await newPage(t);
  await page.setViewportSize({ width, height: 700 });
  await openApp(page, pd.base);
  await signInThroughForm(page, ZOE);
  await waitForState(page, settled());
  return { page, errors };
}

test('on a phone-sized or small screen nothing overlaps: buttons move under the text they would cover', async (t) => {
  const { page, errors } = await zoeAt(t, 1000);
  const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  const check = async (textId, buttonIds) => {
    const text = await itemRect(page, textId);
    for (const id of buttonIds) {
      const button = await itemRect(page, id);
      assert.ok(!overlap(text, button), `${id} ${JSON.stringify(button)} covers ${textId} ${JSON.stringify(text)}`);
      assert.ok(button.x + button.w <= page.viewportSize().width, `${id} runs off the screen`);
    }
  };
  for (const width of [400, 620]) {
    const before = (await state(page)).frames;
    await page.setViewportSize({ width, height: 700 });
    await waitForState(page, (s) => s.idle && s.frames > before, { what: `the layout at ${width} px` });
    await check('text:user-name', ['button:sign-out', 'button:sign-out-everywhere']);
    await check('text:changes', ['button:review', 'button:save', 'button:discard']);
    await screenshot(page, `canvas-narrow-${width}.png`);
  }
  assert.deepEqual(errors, []);
});

test('the mouse wheel scrolls the form as a page would: down is down, a notch at a time', async (t) => {
  const { page, errors } = await zoeAt(t, 400);
  const y = () => page.evaluate(() => window.profileDesk.itemRect('field:user_metadata.display_title').y);
  const top = await y();
  await page.mouse.move(200, 400);
  const moved = async (from, what) => {
    const deadline = Date.now() + 10000;
    let now = from;
    while (Date.now() < deadline && now === from) { await sleep(50); now = await y(); }
    assert.notEqual(now, from, `the form did not scroll (${what})`);
    return now;
  };
  await page.mouse.wheel(0, 100);  // one notch down (Chromium: 100 pixels)
  const down = await moved(top, 'a notch down');
  // The content moves up by about a notch (five lines), not to the end.
  assert.ok(top - down >= 40 && top - down <= 120, `a notch down moved the form by ${top - down} px`);
  await page.mouse.wheel(0, -100);
  assert.equal(await moved(down, 'a notch up'), top);
  // Ctrl+wheel (and a trackpad's pinch) is the browser's zoom: neither the
  // app nor GLFW may cancel it; a plain wheel event is the app's.
  const cancelled = (ctrlKey) => page.evaluate((ctrl) => !document.getElementById('canvas').dispatchEvent(
    new WheelEvent('wheel', { deltaY: 100, ctrlKey: ctrl, bubbles: true, cancelable: true, clientX: 200, clientY: 400 })), ctrlKey);
  assert.equal(await cancelled(true), false, 'Ctrl+wheel reaches the browser\'s zoom');
  assert.equal(await cancelled(false), true, 'a plain wheel scrolls the form, not the page');
  assert.deepEqual(errors, []);
});
