// GET /fonts/glyphs end to end: a real profiledesk cutting the fonts the
// build ships (build/wasm/dist) with hb-subset. Each subset is read back as a
// TrueType font: the characters asked for must map to real outlines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack } from './support/profiledesk.mjs';
import { glyphId, outlineBytes, tableTags } from './support/ttf.mjs';

let stack;
test.before(async (t) => { stack = await startStack(t); });

async function glyphs(query) {
  const res = await fetch(`${stack.base}/fonts/glyphs?${query}`);
  return { status: res.status, headers: res.headers, body: await res.json() };
}

// The font that the answer says draws `cp`, decoded.
function fontFor(body, cp) {
  const f = body.fonts.find((x) => x.codepoints.includes(cp));
  return f && { name: f.name, ttf: Buffer.from(f.ttf, 'base64') };
}

function assertDraws(body, cp, fontName) {
  const f = fontFor(body, cp);
  assert.ok(f, `U+${cp.toString(16)} is in no subset: ${JSON.stringify(body.missing)}`);
  assert.equal(f.name, fontName);
  const gid = glyphId(f.ttf, cp);
  assert.ok(gid > 0, `U+${cp.toString(16)} is not in the ${fontName} subset's cmap`);
  assert.ok(outlineBytes(f.ttf, gid) > 0, `U+${cp.toString(16)} has an empty outline`);
}

test('a CJK character comes back in a small Droid Sans Fallback subset that draws it', async () => {
  const { status, headers, body } = await glyphs('u=674e');  // 李
  assert.equal(status, 200);
  assert.deepEqual(body.missing, []);
  assert.equal(body.fonts.length, 1);
  assertDraws(body, 0x674e, 'Droid Sans Fallback');
  const ttf = Buffer.from(body.fonts[0].ttf, 'base64');
  // The whole font is 4 MB; one character's subset is a few KB.
  assert.ok(ttf.length < 20000, `subset of ${ttf.length} bytes`);
  // Exactly what was asked: a character not asked for is not in it.
  assert.equal(glyphId(ttf, 0x4e2d), 0);
  // What ImGui never reads is left out: no layout tables, no hinting.
  for (const tag of ['GSUB', 'GPOS', 'fpgm', 'prep']) assert.ok(!tableTags(ttf).includes(tag), tag);
  assert.match(headers.get('cache-control'), /max-age=\d+/);
  assert.equal(headers.get('content-type'), 'application/json');
});

test('each script goes to the first font of the list that has it', async () => {
  // 李 (CJK), 한 (Hangul), か (Kana), क and ष (Devanagari), ش (Arabic), ש (Hebrew), Ж (Cyrillic)
  const cps = [0x674e, 0xd55c, 0x304b, 0x0915, 0x0937, 0x0634, 0x05e9, 0x0416];
  const { status, body } = await glyphs(`u=${cps.map((c) => c.toString(16)).join(',')}`);
  assert.equal(status, 200);
  assert.deepEqual(body.missing, []);
  for (const cp of [0x674e, 0xd55c, 0x304b]) assertDraws(body, cp, 'Droid Sans Fallback');
  for (const cp of [0x0915, 0x0937]) assertDraws(body, cp, 'Lohit Devanagari');
  for (const cp of [0x0634, 0x05e9, 0x0416]) assertDraws(body, cp, 'DejaVu Sans');
  // One subset per font, each listing exactly its own code points.
  const listed = body.fonts.flatMap((f) => f.codepoints).sort((a, b) => a - b);
  assert.deepEqual(listed, [...cps].sort((a, b) => a - b));
});

// The page lays complex scripts out with these subsets (issue 15): they
// keep the layout tables that join Arabic, form Devanagari conjuncts and
// place Thai marks, with the glyphs those substitute; Thai comes from Garuda.
test('subsets for complex scripts keep their layout tables; Thai comes from Garuda', async () => {
  // ق م ر (Arabic), क ् ष (Devanagari), น ้ ำ (Thai)
  const cps = [0x0642, 0x0645, 0x0631, 0x0915, 0x094d, 0x0937, 0x0e19, 0x0e49, 0x0e33];
  const { status, body } = await glyphs(`u=${[...cps].sort((a, b) => a - b).map((c) => c.toString(16)).join(',')}`);
  assert.equal(status, 200);
  assert.deepEqual(body.missing, []);
  for (const cp of [0x0e19, 0x0e49, 0x0e33]) assertDraws(body, cp, 'Garuda');
  for (const cp of [0x0915, 0x0937]) assertDraws(body, cp, 'Lohit Devanagari');
  for (const cp of [0x0642, 0x0645, 0x0631]) assertDraws(body, cp, 'DejaVu Sans');
  for (const f of body.fonts) {
    const tags = tableTags(Buffer.from(f.ttf, 'base64'));
    assert.ok(tags.includes('GSUB'), `${f.name}: no GSUB in ${tags}`);
  }
});

test('characters no shipped font has are reported missing, not invented', async () => {
  // U+E000 (private use), U+10FFFD (plane 16 private use), U+1D11E (musical G clef)
  const { status, body } = await glyphs('u=e000,10fffd,1d11e,674e');
  assert.equal(status, 200);
  assert.deepEqual(body.missing, [0xe000, 0x1d11e, 0x10fffd]);
  assertDraws(body, 0x674e, 'Droid Sans Fallback');
});

test('bad queries get 400 with a stable JSON error', async () => {
  for (const [query, code] of [
    ['', 'bad_codepoints'],
    ['u=', 'bad_codepoints'],
    ['u=zz', 'bad_codepoints'],
    ['u=d800', 'bad_codepoints'],
    ['u=110000', 'bad_codepoints'],
    ['u=41&u=42', 'bad_codepoints'],
    [`u=${Array.from({ length: 513 }, (_, i) => (0x4e00 + i).toString(16)).join(',')}`, 'too_many_codepoints'],
  ]) {
    const { status, headers, body } = await glyphs(query);
    assert.equal(status, 400, query.slice(0, 40));
    assert.equal(body.error, code, query.slice(0, 40));
    assert.ok(body.message.length > 0);
    assert.equal(headers.get('cache-control'), 'no-store');
  }
});

test('a full batch of 512 CJK characters is answered in one subset', async () => {
  const cps = Array.from({ length: 512 }, (_, i) => 0x4e00 + i);
  const started = Date.now();
  const { status, body } = await glyphs(`u=${cps.map((c) => c.toString(16)).join(',')}`);
  const ms = Date.now() - started;
  assert.equal(status, 200);
  assert.equal(body.fonts.length, 1);
  assert.equal(body.fonts[0].codepoints.length + body.missing.length, 512);
  assertDraws(body, 0x4e00, 'Droid Sans Fallback');
  console.log(`# 512 CJK code points: ${Buffer.from(body.fonts[0].ttf, 'base64').length} bytes of TTF in ${ms} ms`);
});
