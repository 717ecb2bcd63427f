// The system clipboard and composed text (issue 7): Ctrl+V (and Ctrl+Shift+V,
// and a paste event alone) pastes into the focused field, Ctrl+C/X copy its selection out, macOS's Cmd does the same,
// and IME composition (Chromium's DevTools Input.imeSetComposition and
// Input.insertText) commits CJK text once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './support/browser.mjs';
import { click, openApp, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { ADA } from '../integration/support/localtenant.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function signedIn(t, { mac = false } = {}) {
  const { pd } = await startStack(t);
  const browser = await launchBrowser();
  t.after(() => browser.close());
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: pd.base });
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  if (mac) {
    // A Mac as the page sees it (the keys still come from Linux Chromium,
    // which has no native Cmd shortcuts: the app's fallbacks are exercised).
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'platform', { get: () => 'MacIntel' });
      Object.defineProperty(Navigator.prototype, 'userAgentData', { get: () => ({ platform: 'macOS', mobile: false, brands: [] }) });
    });
  }
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  await waitForState(page, (s) => s.phase === 'editing' && s.draft, { what: 'the editor' });
  return { page, errors };
}

const setClipboard = (page, text) => page.evaluate((x) => navigator.clipboard.writeText(x), text);
const readClipboard = (page) => page.evaluate(() => navigator.clipboard.readText());

async function focusField(page, id) {
  await click(page, `field:${id}`);
  await waitForState(page, (s) => s.focused === id, { what: `focus on ${id}` });
}

async function waitForClipboard(page, expected, what) {
  const deadline = Date.now() + 5000;
  let last;
  while (Date.now() < deadline) {
    last = await readClipboard(page);
    if (last === expected) return;
    await sleep(100);
  }
  assert.equal(last, expected, what);
}

test('Ctrl+V pastes the system clipboard into a field; Ctrl+C and Ctrl+X copy its selection out', async (t) => {
  const { page, errors } = await signedIn(t);

  // Paste over a selection, then at the caret.
  await setClipboard(page, 'Zürich-Ost');
  await focusField(page, 'user_metadata.city');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+v');
  let s = await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Zürich-Ost', { what: 'the paste' });
  await setClipboard(page, ', Kreis 7');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+v');
  await page.keyboard.type('!');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'].endsWith('!'), { what: 'the second paste' });
  assert.equal(s.draft['user_metadata.city'], 'Zürich-Ost, Kreis 7!', 'pasted once each, in order with typing');

  // Copy a part of a field, then all of it.
  await setClipboard(page, 'sentinel');
  await focusField(page, 'name');
  await page.keyboard.press('Home');
  for (let i = 0; i < 3; ++i) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Control+c');
  await waitForClipboard(page, 'Ada', 'Ctrl+C copies the selection');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await waitForClipboard(page, 'Ada Lovelace', 'Ctrl+A, Ctrl+C copies the whole field');
  s = await waitForState(page, (x) => x.focused === 'name');
  assert.equal(s.draft.name, 'Ada Lovelace', 'copying leaves the field alone');

  // Cut: out of the field, onto the clipboard; then back with Ctrl+V.
  await focusField(page, 'user_metadata.city');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+x');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'] === null, { what: 'the cut (an empty field is null)' });
  await waitForClipboard(page, 'Zürich-Ost, Kreis 7!', 'Ctrl+X puts the text on the clipboard');
  await page.keyboard.type('In ');
  await page.keyboard.press('Control+v');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'] === 'In Zürich-Ost, Kreis 7!', { what: 'paste after cut' });
  assert.deepEqual(errors, []);
});

test('Ctrl+Shift+V pastes as plain text; a paste without a shortcut (a context menu) is typed at the caret', async (t) => {
  const { page, errors } = await signedIn(t);
  await setClipboard(page, 'Ghent');
  await focusField(page, 'user_metadata.city');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+Shift+v');
  await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Ghent', { what: 'Ctrl+Shift+V' });
  await page.keyboard.press('Shift+ArrowLeft');  // Shift still works after the paste
  await page.keyboard.type('T');
  await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Ghen' + 'T', { what: 'typing over a Shift selection' });

  // The browser's paste event alone, as a context menu's Paste sends it.
  await page.keyboard.press('Home');
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Sint-');
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Sint-GhenT', { what: 'the context-menu paste' });
  assert.deepEqual(errors, []);
});

test('IME composition commits CJK text into the field once', async (t) => {
  const { page, errors } = await signedIn(t);
  const cdp = await page.context().newCDPSession(page);

  await focusField(page, 'user_metadata.city');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await waitForState(page, (x) => x.draft['user_metadata.city'] === null, { what: 'an empty city' });

  // Composing: nothing reaches the field until the text is committed.
  await cdp.send('Input.imeSetComposition', { text: 'k', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.imeSetComposition', { text: 'かん', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.imeSetComposition', { text: 'かんじ', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.imeSetComposition', { text: '漢字', selectionStart: 2, selectionEnd: 2 });
  await sleep(300);
  let s = await waitForState(page, (x) => x.focused === 'user_metadata.city');
  assert.equal(s.draft['user_metadata.city'], null, 'no partial text while composing');
  await cdp.send('Input.insertText', { text: '漢字' });
  s = await waitForState(page, (x) => x.draft['user_metadata.city'] !== null, { what: 'the committed text' });
  await sleep(300);
  s = await waitForState(page, (x) => x.focused === 'user_metadata.city');
  assert.equal(s.draft['user_metadata.city'], '漢字');

  // A second composition, and plain typing around it.
  await page.keyboard.type('-');
  await cdp.send('Input.imeSetComposition', { text: 'とうきょう', selectionStart: 5, selectionEnd: 5 });
  await cdp.send('Input.imeSetComposition', { text: '東京', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '東京' });
  await page.keyboard.type('x');
  s = await waitForState(page, (x) => x.draft['user_metadata.city']?.endsWith('x'), { what: 'typing after the composition' });
  assert.equal(s.draft['user_metadata.city'], '漢字-東京x');
  assert.deepEqual(errors, []);
});

test('on macOS Cmd+A, Cmd+C and Cmd+V work like Ctrl on other systems', async (t) => {
  const { page, errors } = await signedIn(t, { mac: true });

  await setClipboard(page, 'sentinel');
  await focusField(page, 'name');
  await page.keyboard.press('Meta+a');
  await page.keyboard.press('Meta+c');
  await waitForClipboard(page, 'Ada Lovelace', 'Cmd+A, Cmd+C copies the field');

  await setClipboard(page, 'Lyon');
  await focusField(page, 'user_metadata.city');
  await page.keyboard.press('Meta+a');
  await page.keyboard.press('Meta+v');
  let s = await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Lyon', { what: 'Cmd+V' });
  await page.keyboard.press('Meta+v');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'] === 'LyonLyon', { what: 'a second Cmd+V' });
  await page.keyboard.type('!');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'].endsWith('!'), { what: 'typing after Cmd+V' });
  assert.equal(s.draft['user_metadata.city'], 'LyonLyon!');
  assert.deepEqual(errors, []);
});

// An IME commit (or a character the layout lacks) sent the moment the app
// reports a clicked field focused must land in it: the text input that takes
// such text has the DOM focus from that very frame on, not a frame later.
test('a field clicked on the canvas takes composed text from the frame it reports the focus', async (t) => {
  const { page, errors } = await signedIn(t);
  const field = 'user_metadata.city';
  // After each of the app's frames (its requestAnimationFrame callback runs
  // before ours, registered later), until the app reports the field focused.
  const watching = page.evaluate((id) => new Promise((resolve) => {
    const check = () => {
      if (window.profileDesk.state().focused === id) resolve(document.activeElement && document.activeElement.id);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }), field);
  await click(page, `field:${field}`);
  assert.equal(await watching, 'text-input', 'the DOM focus when the app first reports the field focused');
  assert.deepEqual(errors, []);
});

test('ill-formed UTF-8 handed to the app is typed as U+FFFD: an overlong form, a surrogate', async (t) => {
  const { page, errors } = await signedIn(t);
  await focusField(page, 'user_metadata.city');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await waitForState(page, (x) => x.draft['user_metadata.city'] === null, { what: 'an empty city' });

  // Straight into the app's entry point for typed text (the page's own
  // bridge only sends what stringToUTF8 writes, which is well-formed).
  // Runs in the page, where app.js's globals are.
  const typeBytes = (bytes) => page.evaluate((b) => {
    /* global _malloc, HEAPU8, _pd_text_input, _free */
    const p = _malloc(b.length + 1);
    HEAPU8.set([...b, 0], p);
    _pd_text_input(p);
    _free(p);
  }, bytes);
  await page.keyboard.type('a');
  await typeBytes([0xc0, 0xaf]);        // an overlong '/'
  await typeBytes([0xed, 0xa0, 0x80]);  // U+D800, a UTF-16 surrogate
  await page.keyboard.type('b');
  const s = await waitForState(page, (x) => (x.draft['user_metadata.city'] ?? '').endsWith('b'), { what: 'the typed text' });
  assert.equal(s.draft['user_metadata.city'], 'a\uFFFD\uFFFDb', 'U+FFFD for each, not "/" nor a surrogate');
  assert.deepEqual(errors, []);
});
