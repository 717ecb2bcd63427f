// Glyphs for other scripts, on demand (issue 7): a name in CJK renders as
// glyphs once the app has fetched them (GET /fonts/glyphs) and merged them
// into its font atlas, typed CJK (IME) too, and Arabic, Hebrew and Devanagari
// get glyphs the same way. "Renders" is judged on pixels: the field showing
// the text against the same field showing characters no font has (U+0378,
// unassigned), which ImGui draws as the U+FFFD box; and a control run with
// /fonts/glyphs unreachable shows that comparison does tell boxes apart.
// Screenshots under build/e2e-artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, pixelDifference } from './support/browser.mjs';
import { click, openApp, screenshot, shotOf, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';

// The test seed's Zoë: 'Zoë Łukasiewicz · Софья · 李小龍' (tests/integration/support/localtenant.mjs).
const ZOE = { email: 'zoe@example.com', password: 'zoe-password' };
const NAME_CJK = '李小龍';
const cps = (text) => [...text].filter((c) => c !== ' ').map((c) => c.codePointAt(0));
const boxesFor = (text) => [...text].map((c) => (c === ' ' ? ' ' : '\u0378')).join('');
const holds = (s, text) => cps(text).every((cp) => s.glyphs.inAtlas.includes(cp));

async function zoeEditing(t, { glyphsReachable = true, busyAnswers = 0 } = {}) {
  const { pd } = await startStack(t);
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 1280, height: 900 });
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/fonts/glyphs')) asked.push(new URL(r.url()).search); });
  if (!glyphsReachable) await page.route('**/fonts/glyphs*', (route) => route.abort());
  // The server's answer when its font workers are full (server/api/glyph_routes.cpp).
  let busy = busyAnswers;
  if (busy > 0) {
    await page.route('**/fonts/glyphs*', (route) => {
      if (busy-- <= 0) return route.continue();
      return route.fulfill({
        status: 503,
        headers: { 'content-type': 'application/json', 'retry-after': '1', 'cache-control': 'no-store' },
        body: JSON.stringify({ error: 'glyphs_busy', message: 'busy' }),
      });
    });
  }
  await openApp(page, pd.base);
  await signInThroughForm(page, ZOE);
  await waitForState(page, (x) => x.phase === 'editing' && x.draft && x.font === 'DejaVu Sans' && x.idle,
                     { what: 'the editor with the served font' });
  return { browser, page, errors, asked };
}

// The field `id` showing `text` (typed like a person), focus moved away so
// no caret is in the picture.
async function fieldShowing(page, id, text, artifact) {
  const field = id.replace(/^field:/, '');
  await click(page, id);
  await waitForState(page, (x) => x.focused === field, { what: `focus on ${field}` });
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await waitForState(page, (x) => x.draft[field] === text, { what: `the draft ${field} ${JSON.stringify(text)}` });
  await page.keyboard.press('Tab');
  await waitForState(page, (x) => x.focused !== field && x.idle && x.glyphs.pending === 0,
                     { what: `focus past ${field}, glyphs settled, idle` });
  return shotOf(page, id, artifact);
}

test('a name in CJK renders as glyphs fetched on demand, not as missing-glyph boxes', async (t) => {
  const { browser, page, errors, asked } = await zoeEditing(t);
  const s = await waitForState(page, (x) => holds(x, NAME_CJK) && x.idle, { what: `${NAME_CJK} in the atlas` });
  assert.match(s.user.name, /李小龍/);
  assert.equal(s.avatar.initials, 'Z李');
  // Only what the atlas lacked was asked for: no Latin, no Cyrillic.
  const all = asked.flatMap((q) => new URLSearchParams(q).get('u').split(',').map((h) => parseInt(h, 16)));
  for (const cp of cps(NAME_CJK)) assert.ok(all.includes(cp), `U+${cp.toString(16)} never asked for`);
  assert.ok(all.every((cp) => cp > 0x052f), `base-font characters asked for: ${all}`);
  await shotOf(page, 'text:user-name', 'glyphs-zoe-name.png');
  await screenshot(page, 'glyphs-zoe-editor.png');

  const glyphs = await fieldShowing(page, 'field:name', NAME_CJK, 'glyphs-cjk-name.png');
  const boxes = await fieldShowing(page, 'field:name', boxesFor(NAME_CJK), 'glyphs-cjk-boxes.png');
  const d = await pixelDifference(browser, glyphs, boxes);
  // Three ideographs against three boxes: hundreds of pixels, not a few.
  assert.ok(d.pixels > 150, `CJK looks like missing-glyph boxes (${d.pixels} pixels differ)`);
  assert.deepEqual(errors, []);
});

test('the comparison can tell: with /fonts/glyphs unreachable CJK is drawn as boxes', async (t) => {
  const { browser, page } = await zoeEditing(t, { glyphsReachable: false });
  const s = await waitForState(page, (x) => cps(NAME_CJK).every((cp) => x.glyphs.missing.includes(cp)) && x.idle,
                               { what: 'the CJK characters given up' });
  assert.ok(!holds(s, NAME_CJK));
  const glyphs = await fieldShowing(page, 'field:name', NAME_CJK, 'glyphs-cjk-unreachable.png');
  const boxes = await fieldShowing(page, 'field:name', boxesFor(NAME_CJK), 'glyphs-cjk-unreachable-boxes.png');
  assert.equal((await pixelDifference(browser, glyphs, boxes)).pixels, 0);
});

test('CJK typed through an IME, and Arabic, Hebrew, Devanagari, get glyphs too', async (t) => {
  const { browser, page, errors } = await zoeEditing(t);
  const cdp = await page.context().newCDPSession(page);
  // Title: Tab leaves it for the next field (from City it does not today; see the report).
  const field = 'user_metadata.display_title';
  await click(page, `field:${field}`);
  await waitForState(page, (x) => x.focused === field, { what: 'focus on the title' });
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await waitForState(page, (x) => x.draft[field] === null, { what: 'an empty title' });

  const typed = '漢字東京';  // none of these is in Zoë's profile yet
  await cdp.send('Input.imeSetComposition', { text: 'かんじ', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.imeSetComposition', { text: '漢字', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '漢字' });
  await cdp.send('Input.imeSetComposition', { text: 'とうきょう', selectionStart: 5, selectionEnd: 5 });
  await cdp.send('Input.insertText', { text: '東京' });
  await waitForState(page, (x) => x.draft[field] === typed, { what: 'the committed text in the draft' });
  await waitForState(page, (x) => holds(x, typed), { what: `${typed} in the atlas` });
  await page.keyboard.press('Tab');
  await waitForState(page, (x) => x.focused !== field && x.idle, { what: 'focus past the title, idle' });
  const glyphs = await shotOf(page, `field:${field}`, 'glyphs-ime-title.png');
  const boxes = await fieldShowing(page, `field:${field}`, boxesFor(typed), 'glyphs-ime-title-boxes.png');
  const d = await pixelDifference(browser, glyphs, boxes);
  assert.ok(d.pixels > 200, `typed CJK looks like missing-glyph boxes (${d.pixels} pixels differ)`);

  // Right-to-left and Indic scripts: glyphs, not boxes (ImGui 1.86 neither
  // shapes nor reorders them, so they read as isolated letters, left to right).
  for (const [script, text] of [['Arabic', 'قمر'], ['Hebrew', 'שלום'], ['Devanagari', 'नमस']]) {
    const shown = await fieldShowing(page, `field:${field}`, text, `glyphs-${script.toLowerCase()}.png`);
    const s = await waitForState(page, (x) => holds(x, text), { what: `${script} in the atlas` });
    assert.deepEqual(cps(text).filter((cp) => s.glyphs.missing.includes(cp)), [], script);
    const missing = await fieldShowing(page, `field:${field}`, boxesFor(text), `glyphs-${script.toLowerCase()}-boxes.png`);
    const diff = await pixelDifference(browser, shown, missing);
    assert.ok(diff.pixels > 100, `${script} looks like missing-glyph boxes (${diff.pixels} pixels differ)`);
  }
  assert.deepEqual(errors, []);
});

test('glyphs a busy server turned away (503 glyphs_busy) are asked again after Retry-After and render', async (t) => {
  const { page, errors, asked } = await zoeEditing(t, { busyAnswers: 2 });
  const s = await waitForState(page, (x) => holds(x, NAME_CJK) && x.idle, { what: `${NAME_CJK} in the atlas after the busy answers` });
  for (const cp of cps(NAME_CJK)) assert.ok(!s.glyphs.missing.includes(cp), `U+${cp.toString(16)} given up`);
  const askedFor = (cp) => asked.filter((q) => new URLSearchParams(q).get('u').split(',').map((h) => parseInt(h, 16)).includes(cp));
  // Both busy answers were given (3 requests at least), and the name was asked
  // again after one: another request (the language switcher's names) may
  // take the other busy answer.
  assert.ok(asked.length >= 3, `${asked.length} requests: ${asked}`);
  assert.ok(askedFor(cps(NAME_CJK)[0]).length >= 2, `asked ${askedFor(cps(NAME_CJK)[0]).length} times: ${asked}`);
  assert.deepEqual(errors, []);
});
