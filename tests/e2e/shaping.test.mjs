// Every script shaped and in order (issue 15, display): names in Arabic,
// Hebrew, Devanagari (a conjunct, a pre-base vowel sign), Thai (marks above
// and below) and a mixed left-to-right / right-to-left string, shown by the
// canvas as read-only values, labels and the header, must look like the
// browser's own rendering of the same string: a DOM element on the same
// page, same font stack and size, dir="auto" (the reference).
//
// The image distance: each picture becomes an ink map (how far each pixel's
// grey level is from the picture's background, scaled so the darkest ink is
// 1: text colour and background drop out), the two maps are aligned on
// their ink bounding boxes, and
//   distance = 1 - sum(min(a, b)) / sum(max(a, b))
// (one minus the weighted intersection over union of the inks: 0 for the
// same picture, 1 for inks that never overlap). The canvas must be below
// MATCH of the reference, and two deliberately bad renderings of the same
// string must be above it: the string in the opposite visual order (bidi
// override), and each code point in an inline-block of its own, left to
// right, so nothing joins, reorders or stacks (what the canvas drew before
// the browser laid such text out). Screenshots under build/e2e-artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { artifactPath, inPngPage, launchBrowser } from './support/browser.mjs';
import { openApp, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { GOOGLE, testSeed } from '../integration/support/localtenant.mjs';

const MATCH = 0.12;

const ARABIC_SHORT = 'قمر';
const ARABIC_LONG = 'قمر الزمان عبد الله';
const HEBREW = 'שלום';
const DEVANAGARI = 'प्रिया';  // र joins प (conjunct), ि stands before its consonant
const CONJUNCT = 'क्ष';
const THAI = 'ปิ่นแก้ว';      // a tone mark stacked over a vowel above, beside a tall consonant
const THAI_AM = 'น้ำ';         // a tone mark over SARA AM's nikhahit
const MIXED = 'Zoë · Софья · 李小龍 · قمر · שלום';

// A Google user: name, given and family name, nickname are Google's, so
// read-only values; the schema's labels carry the rest.
function seed() {
  const s = testSeed();
  const gina = s.users.find((u) => u.user_id === GOOGLE.id);
  Object.assign(gina, { name: MIXED, given_name: ARABIC_LONG, family_name: HEBREW, nickname: DEVANAGARI });
  delete gina.picture;  // the initials, not a picture
  return s;
}

function schemaFile() {
  const dir = mkdtempSync(join(tmpdir(), 'pd-shaping-'));
  const path = join(dir, 'schema.json');
  writeFileSync(path, JSON.stringify({
    version: 1,
    groups: [{ id: 'names', label: 'Names' }],
    fields: [
      { key: 'qamar', label: ARABIC_SHORT, type: 'string', max_length: 100, group: 'names' },
      { key: 'ksha', label: CONJUNCT, type: 'string', max_length: 100, group: 'names' },
      { key: 'thai', label: THAI, type: 'string', max_length: 100, group: 'names' },
      { key: 'thai_am', label: THAI_AM, type: 'string', max_length: 100, group: 'names' },
    ],
  }));
  return path;
}

// What is checked: where the canvas drew it (textRects id) and the string.
const SHOWN = [
  ['value:name', MIXED, 'mixed'],
  ['header:name', MIXED, 'mixed-header'],
  ['value:given_name', ARABIC_LONG, 'arabic-long'],
  ['value:family_name', HEBREW, 'hebrew'],
  ['value:nickname', DEVANAGARI, 'devanagari'],
  ['label:user_metadata.qamar', ARABIC_SHORT, 'arabic'],
  ['label:user_metadata.ksha', CONJUNCT, 'conjunct'],
  ['label:user_metadata.thai', THAI, 'thai'],
  ['label:user_metadata.thai_am', THAI_AM, 'thai-am'],
];

const MARGIN = { x: 4, y: 4 };

async function shot(page, r, name, margin = MARGIN) {
  const clip = { x: Math.floor(r.x - margin.x), y: Math.floor(r.y - margin.y),
    width: Math.ceil(r.w + 2 * margin.x), height: Math.ceil(r.h + 2 * margin.y) };
  const png = await page.screenshot({ clip });
  const path = artifactPath(`shaping/${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  return png;
}

// The browser's own rendering of `text` (or a bad one, `kind`) in a DOM
// element over the page, in the app's font stack and size, white on black.
async function domShot(page, font, text, kind, name) {
  const r = await page.evaluate(([f, t, k, MARGIN]) => {
    let el = document.getElementById('shaping-reference');
    if (!el) {
      el = document.createElement('div');
      el.id = 'shaping-reference';
      document.body.appendChild(el);
    }
    el.style.cssText = `position:fixed;left:20px;top:20px;z-index:1000;background:#000;color:#fff;` +
      `font-family:${f.stack};font-size:${f.em}px;line-height:normal;white-space:pre;padding:${MARGIN.y}px ${MARGIN.x}px`;
    el.textContent = '';
    el.removeAttribute('dir');
    el.style.unicodeBidi = '';
    if (k === 'reference') {
      el.dir = 'auto';
      el.textContent = t;
    } else if (k === 'reversed') {
      // The opposite of the direction dir=auto picks, forced on every character.
      const probe = document.createElement('span');
      probe.dir = 'auto';
      probe.textContent = t;
      document.body.appendChild(probe);
      const rtl = getComputedStyle(probe).direction === 'rtl';
      probe.remove();
      el.style.direction = rtl ? 'ltr' : 'rtl';
      el.style.unicodeBidi = 'bidi-override';
      el.textContent = t;
    } else {
      // One code point per box, left to right: no joining, reordering or stacking.
      el.dir = 'ltr';
      for (const c of t) {
        const b = document.createElement('span');
        b.style.display = 'inline-block';
        b.textContent = c;
        el.appendChild(b);
      }
    }
    const b = el.getBoundingClientRect();
    return { x: b.x, y: b.y, w: b.width, h: b.height };
  }, [font, text, kind, MARGIN]);
  return shot(page, r, name, { x: 0, y: 0 });  // the padding is the margin: all of it the reference's background
}

// The distance above, computed by the browser (it decodes the PNGs).
async function distance(context, a, b) {
  return inPngPage(context, async ([pa, pb]) => {
    const ink = async (b64) => {
      const { data, width, height } = await window.decodePng(b64);
      const grey = new Float32Array(width * height);
      const counts = new Map();
      for (let i = 0; i < grey.length; ++i) {
        grey[i] = 0.299 * data[4 * i] + 0.587 * data[4 * i + 1] + 0.114 * data[4 * i + 2];
        const g = Math.round(grey[i]);
        counts.set(g, (counts.get(g) || 0) + 1);
      }
      let bg = 0;
      let most = -1;
      for (const [g, n] of counts) if (n > most) [bg, most] = [g, n];
      const out = new Float32Array(grey.length);
      let max = 0;
      for (let i = 0; i < grey.length; ++i) { out[i] = Math.abs(grey[i] - bg); max = Math.max(max, out[i]); }
      let [x0, y0, x1, y1] = [width, height, -1, -1];
      for (let y = 0; y < height; ++y) {
        for (let x = 0; x < width; ++x) {
          const v = max > 0 ? out[y * width + x] / max : 0;
          out[y * width + x] = v;
          if (v > 0.1) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
        }
      }
      return { out, width, x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
    };
    const [p, q] = [await ink(pa), await ink(pb)];
    if (p.w <= 0 || q.w <= 0) return { value: 1, boxes: [] };
    const at = (m, x, y) => (x >= 0 && y >= 0 && x < m.w && y < m.h ? m.out[(m.y0 + y) * m.width + m.x0 + x] : 0);
    // Bounding boxes align to a whole pixel; the two may place glyphs a
    // fraction apart, so the best of the shifts by one pixel counts.
    let best = 1;
    for (let dy = -1; dy <= 1; ++dy) {
      for (let dx = -1; dx <= 1; ++dx) {
        let both = 0;
        let either = 0;
        for (let y = -1; y <= Math.max(p.h, q.h); ++y) {
          for (let x = -1; x <= Math.max(p.w, q.w); ++x) {
            const [u, v] = [at(p, x, y), at(q, x + dx, y + dy)];
            both += Math.min(u, v);
            either += Math.max(u, v);
          }
        }
        best = Math.min(best, either > 0 ? 1 - both / either : 0);
      }
    }
    return { value: best, boxes: [p.x0, p.y0, p.w, p.h, q.x0, q.y0, q.w, q.h] };
  }, [a.toString('base64'), b.toString('base64')]);
}

test('Arabic, Hebrew, Devanagari, Thai and mixed names render as the browser renders them, not unshaped or reversed', async (t) => {
  const { pd } = await startStack(t, { seed: seed(), env: { PROFILE_SCHEMA: schemaFile() } });
  const browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
  t.after(() => browser.close());
  const page = await browser.newPage();
  // The dark theme: light text on a dark field, as the reference is drawn
  // (white on black); antialiased strokes cover differently the other way round.
  await page.emulateMedia({ colorScheme: 'dark' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, pd.base);
  await signInThroughForm(page, GOOGLE);
  const state = await waitForState(page, (x) => x.phase === 'editing' && x.font === 'DejaVu Sans' && x.idle &&
                     x.glyphs.pending === 0, { what: 'the editor with its glyphs', timeout: 30000 });
  // Every character came from the app's own fonts (/fonts/glyphs), none
  // from the machine's: the comparison is with the fonts the app serves.
  const shownCps = [...new Set(SHOWN.flatMap(([, text]) => [...text].map((c) => c.codePointAt(0))))];
  assert.deepEqual(shownCps.filter((cp) => state.glyphs.missing.includes(cp)), []);
  // Every recorded text drawn, after the fonts reached the page (a face
  // loading wakes the app, which lays the text out again).
  const rects = async () => page.evaluate(() => window.profileDesk.textRects());
  let info = null;
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    info = await rects();
    const s = await page.evaluate(() => window.profileDesk.state());
    if (SHOWN.every(([id]) => info.items[id]) && s.idle && info.font.loading === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  for (const [id] of SHOWN) assert.ok(info.items[id], `${id} not drawn: ${JSON.stringify(Object.keys(info.items))}`);

  const problems = [];  // all strings measured before the test fails: the report shows each
  // The header's name is set a size larger (the type scale): its reference
  // too, in proportion to its line's height against a body line's.
  const bodyLine = info.items['value:name'].h;
  for (const [id, text, name] of SHOWN) {
    const canvas = await shot(page, info.items[id], `${name}-canvas`);
    const font = { ...info.font, em: info.font.em * (id === 'header:name' ? info.items[id].h / bodyLine : 1) };
    const reference = await domShot(page, font, text, 'reference', `${name}-reference`);
    const reversed = await domShot(page, font, text, 'reversed', `${name}-reversed`);
    const unshaped = await domShot(page, font, text, 'unshaped', `${name}-unshaped`);
    await page.evaluate(() => document.getElementById('shaping-reference').remove());
    const d = {
      canvas: await distance(browser, canvas, reference),
      reversed: await distance(browser, reversed, reference),
      unshaped: await distance(browser, unshaped, reference),
    };
    for (const k of Object.keys(d)) d[k] = d[k].value;
    console.log(`${name}: canvas ${d.canvas.toFixed(3)}, reversed ${d.reversed.toFixed(3)}, unshaped ${d.unshaped.toFixed(3)}`);
    // The distance can tell: both bad renderings are far from the reference.
    if (!(d.reversed > MATCH)) problems.push(`${name}: the reversed rendering passes as the reference (${d.reversed})`);
    if (!(d.unshaped > MATCH)) problems.push(`${name}: the unshaped rendering passes as the reference (${d.unshaped})`);
    if (!(d.canvas < MATCH)) problems.push(`${name} (${id}): the canvas is ${d.canvas.toFixed(3)} from the browser's rendering`);
    if (info.items[id].renderer !== 'browser') problems.push(`${name} (${id}): drawn by the ${info.items[id].renderer}`);
  }
  assert.deepEqual(problems, []);
  const rtl = Object.fromEntries(SHOWN.map(([id]) => [id, info.items[id].rtl]));
  assert.equal(rtl['value:given_name'], true);
  assert.equal(rtl['value:family_name'], true);
  assert.equal(rtl['value:name'], false);  // starts with a Latin letter
  assert.equal(rtl['value:nickname'], false);
  assert.equal(rtl['label:user_metadata.qamar'], true);
  // A right-to-left value ends at the right of its field, after the padding.
  const field = await page.evaluate(() => window.profileDesk.itemRect('field:family_name'));
  const value = info.items['value:family_name'];
  assert.ok(Math.abs(value.x + value.w - (field.x + field.w - 8)) <= 1.5, `${JSON.stringify({ field, value })}`);
  assert.deepEqual(errors, []);
});
