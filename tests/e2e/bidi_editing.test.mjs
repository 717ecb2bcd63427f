// Editing right-to-left text (issue 15): an Arabic and a Hebrew field edited
// with the keyboard (typing, arrows, Home/End, Backspace, Delete, Shift+arrow
// selection replaced by typing, paste, IME composition). The browser is the
// oracle: the same keys go to a plain <input dir="auto"> on the same page,
// and after every step the app's draft (its logical string) and caret must be
// what that input holds. Saving stores exactly the draft. Typing Arabic into
// an empty ordinary field switches to the browser's field over it
// (wasm/js/field_overlay.js), with the text typed so far.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, launchBrowser, pixelStats } from './support/browser.mjs';
import { click, itemRect, openApp, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { ADA } from '../integration/support/localtenant.mjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function signedIn(t) {
  const { pd } = await startStack(t);
  const context = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  t.after(() => context.close());
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pd.base });
  const page = await context.newPage();
  // The oracle: a plain <input dir="auto">, made before the app loads. Its
  // events stop before the page's own listeners (Emscripten's GLFW cancels
  // Backspace and Tab on window; the clipboard bridge takes pastes), so it
  // behaves as any input on any page.
  await page.addInitScript(() => {
    const stop = (e) => { if (e.target && e.target.id === 'oracle') e.stopImmediatePropagation(); };
    for (const type of ['keydown', 'keypress', 'keyup', 'paste', 'copy', 'cut']) window.addEventListener(type, stop, true);
    window.addEventListener('DOMContentLoaded', () => {
      const input = document.createElement('input');
      input.id = 'oracle';
      input.dir = 'auto';
      input.style.cssText = 'position:fixed;right:0;bottom:0;width:240px;z-index:5;font:15px "DejaVu Sans"';
      document.body.appendChild(input);
    });
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  await waitForState(page, (s) => s.phase === 'editing' && s.draft, { what: 'the editor' });
  return { page, errors };
}

// What the focused text field holds: its value and selection (UTF-16 units).
const focusedField = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return el && 'value' in el
    ? { value: el.value, start: el.selectionStart, end: el.selectionEnd, overlay: el.classList.contains('field-overlay') }
    : null;
});

async function waitForField(page, predicate, what) {
  const deadline = Date.now() + 5000;
  let f;
  while (Date.now() < deadline) {
    f = await focusedField(page);
    if (f && predicate(f)) return f;
    await sleep(30);
  }
  assert.fail(`timed out waiting for ${what}; the focused field: ${JSON.stringify(f)}`);
}

// The steps, each a name and the keys it sends; `cdp` for IME composition.
function editingSteps(script) {
  const { typed, inserted, replaced, pasted, composing, composed } = script;
  return [
    ['ArrowLeft twice', (p) => p.keyboard.press('ArrowLeft').then(() => p.keyboard.press('ArrowLeft'))],
    ['type in the middle', (p) => p.keyboard.type(inserted)],
    ['ArrowRight', (p) => p.keyboard.press('ArrowRight')],
    ['Backspace', (p) => p.keyboard.press('Backspace')],
    ['Home', (p) => p.keyboard.press('Home')],
    ['Delete', (p) => p.keyboard.press('Delete')],
    ['type at the start', (p) => p.keyboard.type(typed)],
    ['End', (p) => p.keyboard.press('End')],
    ['Shift+ArrowRight twice', (p) => p.keyboard.press('Shift+ArrowRight').then(() => p.keyboard.press('Shift+ArrowRight'))],
    ['replace the selection by typing', (p) => p.keyboard.type(replaced)],
    ['Shift+Home', (p) => p.keyboard.press('Shift+Home')],
    ['ArrowLeft (collapses the selection)', (p) => p.keyboard.press('ArrowLeft')],
    ['paste', async (p) => {
      await p.evaluate((x) => navigator.clipboard.writeText(x), pasted);
      await p.keyboard.press('Control+v');
    }],
    ['IME composition', async (p, cdp) => {
      await cdp.send('Input.imeSetComposition', { text: composing, selectionStart: composing.length, selectionEnd: composing.length });
      await cdp.send('Input.imeSetComposition', { text: composed, selectionStart: composed.length, selectionEnd: composed.length });
      await cdp.send('Input.insertText', { text: composed });
    }],
    ['End, then Backspace', (p) => p.keyboard.press('End').then(() => p.keyboard.press('Backspace'))],
  ];
}

// Runs `steps` in the app's field (focused already), then in the oracle from
// `start` (its value and selection), and compares after each step: the
// draft, the field's text and caret must be the oracle's.
async function editLikeTheBrowser(page, fieldId, start, steps) {
  const cdp = await page.context().newCDPSession(page);
  const app = [];
  for (const [name, keys] of steps) {
    await keys(page, cdp);
    // The draft follows the field's text at once (each input event); a frame to settle.
    let f;
    let s;
    const deadline = Date.now() + 5000;
    do {
      await sleep(30);
      f = await focusedField(page);
      s = await page.evaluate(() => window.profileDesk.state());
    } while (!(f && f.overlay && (s.draft[fieldId] ?? '') === f.value) && Date.now() < deadline);
    assert.ok(f && f.overlay, `${name}: the browser's field over ${fieldId} keeps the keyboard (got ${JSON.stringify(f)})`);
    assert.equal(s.focused, fieldId, `${name}: the app's focus stays`);
    app.push({ name, draft: s.draft[fieldId] ?? '', value: f.value, start: f.start, end: f.end });
  }
  // The same keys in the plain input.
  await page.evaluate(({ value, from, to }) => {
    const o = document.getElementById('oracle');
    o.focus();
    o.value = value;
    o.setSelectionRange(from, to);
  }, start);
  const oracle = [];
  for (const [name, keys] of steps) {
    await keys(page, cdp);
    await sleep(30);
    const f = await focusedField(page);
    oracle.push({ name, draft: f.value, value: f.value, start: f.start, end: f.end });
  }
  await cdp.detach();
  assert.deepEqual(app, oracle, 'each step leaves the draft, text and caret a plain <input dir=auto> would have');
  return app[app.length - 1].draft;
}

async function saveAndCheck(page, fieldId, expected) {
  await page.keyboard.press('Control+s');
  const s = await waitForState(page, (x) => x.phase === 'editing' && x.changed.length === 0 && x.savesSent >= 1,
    { what: 'the save' });
  assert.equal(s.profile.saved[fieldId], expected, 'saved exactly the logical string typed');
}

test('Arabic: typing into an empty field switches to the browser\'s field; every edit is the browser\'s', async (t) => {
  const { page, errors } = await signedIn(t);
  const id = 'user_metadata.city';
  await click(page, `field:${id}`);
  await waitForState(page, (s) => s.focused === id, { what: 'City focused' });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await waitForState(page, (s) => s.draft[id] === null, { what: 'an empty City' });
  assert.equal((await focusedField(page))?.overlay, false, 'Latin text: ImGui edits it');

  // Arabic typed into ImGui's field: the browser's field takes over, with it.
  await page.keyboard.type('قمر');
  const f = await waitForField(page, (x) => x.overlay && x.value === 'قمر', 'the browser\'s field with the Arabic');
  assert.deepEqual(f, { value: 'قمر', start: 3, end: 3, overlay: true }, 'the letters typed so far, caret after them');
  await waitForState(page, (s) => s.draft[id] === 'قمر', { what: 'the draft holds the typed letters' });
  // Over the canvas field, joined by the browser as it lays them out.
  const field = await itemRect(page, `field:${id}`);
  const box = await page.evaluate(() => document.activeElement.getBoundingClientRect().toJSON());
  for (const k of ['x', 'y', 'width', 'height']) {
    const want = { x: field.x, y: field.y, width: field.w, height: field.h }[k];
    assert.ok(Math.abs(box[k] - want) <= 1, `the overlay's ${k} is the field's (${box[k]} vs ${want})`);
  }
  const shot = await page.screenshot({ clip: { x: field.x, y: field.y, width: field.w, height: field.h } });
  mkdirSync(dirname(artifactPath('bidi-arabic-overlay.png')), { recursive: true });
  writeFileSync(artifactPath('bidi-arabic-overlay.png'), shot);
  const stats = await pixelStats(page.context(), shot);
  assert.ok(stats.foreground > 0.01, `the text shows in the field (${JSON.stringify(stats)})`);
  const placed = await page.evaluate(() => getComputedStyle(document.activeElement).direction);
  assert.equal(placed, 'rtl', 'laid out right to left (dir=auto)');

  const last = await editLikeTheBrowser(page, id, { value: 'قمر', from: 3, to: 3 }, editingSteps({
    inserted: 'ي', typed: 'ال', replaced: 'نور', pasted: ' ١٢ abc', composing: 'س', composed: 'سلام',
  }));
  // Back in the app's field to save (the oracle had the keyboard).
  await click(page, 'field:user_metadata.display_title');
  await click(page, `field:${id}`);
  await waitForState(page, (s) => s.focused === id);
  await page.waitForFunction(() => document.activeElement.classList.contains('field-overlay'));
  await saveAndCheck(page, id, last);

  // The form scrolls: the browser's field follows its canvas field, and lets
  // go of the keyboard once the field leaves the view.
  await page.setViewportSize({ width: 1280, height: 420 });
  await page.mouse.move(640, 250);
  let gone = false;
  for (let i = 0; i < 30 && !gone; ++i) {
    await page.mouse.wheel(0, 100);
    await sleep(60);
    const [rect, box] = await page.evaluate((item) => {
      const el = document.querySelector('.field-overlay:not([hidden])');
      return [window.profileDesk.itemRect(item), el && el.getBoundingClientRect().toJSON()];
    }, `field:${id}`);
    if (box && rect && rect.visible) assert.ok(Math.abs(box.y - rect.y) <= 1 || rect.h < box.height, 'it follows the field');
    gone = !box;
  }
  assert.ok(gone, 'the browser\'s field closes once its field scrolls out of view');
  assert.equal((await focusedField(page))?.overlay ?? false, false);
  assert.equal((await page.evaluate(() => window.profileDesk.state())).draft[id], last, 'the draft stays');
  assert.deepEqual(errors, []);
});

test('Hebrew: a field whose value is Hebrew opens in the browser\'s field on Tab; Tab, Esc and Enter stay the app\'s', async (t) => {
  const { page, errors } = await signedIn(t);
  const id = 'user_metadata.display_title';
  await click(page, `field:${id}`);
  await waitForState(page, (s) => s.focused === id, { what: 'Title focused' });
  await page.keyboard.type('שלום');
  await waitForState(page, (s) => s.draft[id] === 'שלום', { what: 'the Hebrew title' });
  await page.waitForFunction(() => document.activeElement.classList.contains('field-overlay'));

  // Tab leaves it for the next field in the app's order (ImGui's, ordinary);
  // Shift+Tab comes back into the browser's field, all selected.
  const order = await page.evaluate(() => window.profileDesk.state().focusOrder);
  const next = order[order.indexOf(id) + 1];
  await page.keyboard.press('Tab');
  await waitForState(page, (s) => s.focused === next, { what: `Tab to ${next}` });
  await page.waitForFunction(() => !document.activeElement.classList.contains('field-overlay'));
  await page.keyboard.press('Shift+Tab');
  await waitForState(page, (s) => s.focused === id, { what: 'Shift+Tab back' });
  await page.waitForFunction(() => document.activeElement.classList.contains('field-overlay') &&
    document.activeElement.value === 'שלום');
  assert.deepEqual(await focusedField(page), { value: 'שלום', start: 0, end: 4, overlay: true });

  // Esc reverts, as in any field (the saved title is empty: ImGui's field again).
  await page.keyboard.press('Escape');
  await waitForState(page, (s) => s.draft[id] === null && s.focused === id, { what: 'Esc reverts' });
  await page.waitForFunction(() => !document.activeElement.classList.contains('field-overlay'));
  await page.keyboard.type('שלום');
  await page.waitForFunction(() => document.activeElement.classList.contains('field-overlay'));

  const last = await editLikeTheBrowser(page, id, { value: 'שלום', from: 4, to: 4 }, editingSteps({
    inserted: 'ע', typed: 'דו', replaced: 'נה', pasted: ' 42 ok', composing: 'ש', composed: 'שמש',
  }));
  await click(page, 'field:user_metadata.city');
  await click(page, `field:${id}`);
  await page.waitForFunction(() => document.activeElement.classList.contains('field-overlay'));
  // Enter moves on, as in a single-line field; the draft is untouched by it.
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.focused === next, { what: 'Enter moves on' });
  let s = await page.evaluate(() => window.profileDesk.state());
  assert.equal(s.draft[id], last);
  await saveAndCheck(page, id, last);
  s = await page.evaluate(() => window.profileDesk.state());
  assert.equal(s.draft[id], last);
  assert.deepEqual(errors, []);
});
