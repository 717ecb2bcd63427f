// The two themes (issue 16): the app follows the system's light or dark
// setting (prefers-color-scheme, live) until the person picks one with the
// header's toggle, which this browser remembers; and in both themes the
// contrast of body text, help text, a field's border and the primary button
// meets WCAG 2.2 AA (1.4.3: 4.5:1 for text; 1.4.11: 3:1 for UI components),
// measured from the pixels of screenshots, never from the palette's
// constants. Screenshots of both themes go to PD_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { artifactPath, inPngPage, launchBrowser } from './support/browser.mjs';
import { click, itemRect, openApp, signInThroughForm, typeInto, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { ADA } from '../integration/support/localtenant.mjs';

const TEXT = 4.5; // WCAG 2.2 1.4.3, normal text
const COMPONENT = 3; // WCAG 2.2 1.4.11, UI components

async function newPage(t, options) {
  const browser = await launchBrowser(options);
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

async function pageShot(page, name) {
  const png = await page.screenshot();
  const path = artifactPath(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  return png;
}

const themeChoice = (page) => page.evaluate(() => ({
  stored: window.localStorage.getItem('profiledesk.theme'),
  attribute: document.documentElement.getAttribute('data-theme'),
}));

// The measurements, run on a decoded PNG in the browser (support/browser.mjs's
// inPngPage). Each region is {kind, box: {x, y, w, h}} in CSS pixels (the
// screenshots are taken at devicePixelRatio 1):
//   text:      the darkest and the lightest pixel clusters in the box (the
//              ink and what it stands on), their contrast ratio;
//   border:    a horizontal strip across the left edge of a field's frame at
//              mid-height: the page just outside against the frame's edge
//              (the pixel that stands out most from it);
//   fill:      the same strip: the page outside against the frame's fill
//              inside (what the border must make up for: a fill close to
//              the page is why fields need their outline);
//   component: the commonest colour inside the box (a button's fill) against
//              the commonest colour in a ring just outside it;
//   commonest: the commonest colour in the box and its relative luminance.
// Shared with the self-check below, so the numbers it proves able to fail
// are made by this very code.
const MEASURE = `
  const lum = ([r, g, b]) => {
    const c = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const at = (img, x, y) => { const i = (Math.round(y) * img.width + Math.round(x)) * 4; return [img.data[i], img.data[i + 1], img.data[i + 2]]; };
  const pixelsIn = (img, b) => {
    const out = [];
    for (let y = Math.ceil(b.y); y < Math.floor(b.y + b.h); ++y) {
      for (let x = Math.ceil(b.x); x < Math.floor(b.x + b.w); ++x) out.push(at(img, x, y));
    }
    return out;
  };
  const commonest = (pixels) => {
    const counts = new Map();
    for (const p of pixels) { const k = p.join(','); counts.set(k, (counts.get(k) || 0) + 1); }
    let best = null; let n = -1;
    for (const [k, c] of counts) if (c > n) { best = k; n = c; }
    return best.split(',').map(Number);
  };
  // The darkest and the lightest clusters: the median of the darkest and of
  // the lightest 0.5% of the pixels (at least 5), so that one stray pixel
  // decides nothing, while a text's ink (its stems are a pixel or two wide,
  // mostly antialiased) still counts at its full colour.
  const clusters = (pixels) => {
    const sorted = pixels.map((p) => [lum(p), p]).sort((a, b) => a[0] - b[0]);
    const k = Math.max(5, Math.floor(sorted.length * 0.005));
    return { dark: sorted[Math.floor(k / 2)][1], light: sorted[sorted.length - 1 - Math.floor(k / 2)][1] };
  };
  const measure = (img, region) => {
    const b = region.box;
    if (region.kind === 'commonest') { const colour = commonest(pixelsIn(img, b)); return { colour, luminance: lum(colour) }; }
    if (region.kind === 'text') {
      const { dark, light } = clusters(pixelsIn(img, b));
      return { ratio: ratio(dark, light), dark, light };
    }
    if (region.kind === 'border' || region.kind === 'fill') {
      const y = b.y + b.h / 2;
      const outside = at(img, b.x - 5, y);
      if (region.kind === 'fill') { const inside = at(img, b.x + 5, y); return { ratio: ratio(outside, inside), outside, inside }; }
      let edge = outside; let best = 1;
      for (let x = b.x - 1; x <= b.x + 2; ++x) { const p = at(img, x, y); const r = ratio(p, outside); if (r > best) { best = r; edge = p; } }
      return { ratio: best, outside, edge };
    }
    const inside = commonest(pixelsIn(img, { x: b.x + 3, y: b.y + 3, w: b.w - 6, h: b.h - 6 }));
    const ring = [];
    for (let x = Math.ceil(b.x - 6); x < b.x + b.w + 6; ++x) { ring.push(at(img, x, b.y - 5), at(img, x, b.y + b.h + 4)); }
    for (let y = Math.ceil(b.y); y < b.y + b.h; ++y) { ring.push(at(img, b.x - 5, y), at(img, b.x + b.w + 4, y)); }
    const around = commonest(ring);
    return { ratio: ratio(inside, around), inside, around };
  };
`;

async function measureRegions(context, png, regions) {
  return inPngPage(context, async ([b64, measureSource, list]) => {
    const img = await window.decodePng(b64);
    // eslint-disable-next-line no-new-func
    const measure = new Function(measureSource + '; return measure;')();
    return list.map((r) => ({ ...r, ...measure(img, r) }));
  }, [png.toString('base64'), MEASURE, regions]);
}

test('the theme follows prefers-color-scheme live, until the toggle chooses one; the choice outlives a reload',
  async (t) => {
    const { pd } = await startStack(t);
    const { browser, page, errors } = await newPage(t, { colorScheme: 'light' });
    await openApp(page, pd.base);
    await waitForState(page, (x) => x.font === 'DejaVu Sans' && x.idle, { what: 'the welcome panel, settled' });
    await signInThroughForm(page, ADA);
    let s = await waitForState(page, (x) => x.phase === 'editing' && x.font === 'DejaVu Sans' && x.idle,
      { what: 'the editor, settled' });
    assert.equal(s.theme, 'light', 'a light system gives the light theme');
    assert.deepEqual(await themeChoice(page), { stored: null, attribute: null }, 'nothing chosen yet');
    const lightShot = await pageShot(page, 'theme-follow-light.png');

    // The system turns dark: the app follows without a reload, and so do its pixels.
    await page.emulateMedia({ colorScheme: 'dark' });
    s = await waitForState(page, (x) => x.theme === 'dark' && x.idle, { what: 'the dark theme, from the system' });
    const darkShot = await pageShot(page, 'theme-follow-dark.png');
    // The page's commonest colour, the background the canvas draws.
    const whole = { x: 0, y: 0, w: 1024, h: 700 };
    const [lightPage] = await measureRegions(browser, lightShot, [{ kind: 'commonest', box: whole }]);
    const [darkPage] = await measureRegions(browser, darkShot, [{ kind: 'commonest', box: whole }]);
    assert.ok(lightPage.luminance > 0.8, `the light page is light: ${lightPage.colour}`);
    assert.ok(darkPage.luminance < 0.05, `the dark page is dark: ${darkPage.colour}`);

    // The toggle picks the other theme, and the choice wins over the system's.
    await click(page, 'button:theme');
    s = await waitForState(page, (x) => x.theme === 'light', { what: 'the light theme, chosen' });
    assert.deepEqual(await themeChoice(page), { stored: 'light', attribute: 'light' });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await new Promise((r) => setTimeout(r, 300));
    s = await waitForState(page, (x) => x.idle, { what: 'idle' });
    assert.equal(s.theme, 'light', 'a chosen theme stays when the system changes');

    // Reloaded: the page says light before the app runs (shell/loader.js), and the app agrees.
    await page.reload();
    const early = await page.evaluate(() => document.documentElement.getAttribute('data-theme'));
    assert.equal(early, 'light', 'data-theme set from storage before the app starts');
    s = await waitForState(page, (x) => x.phase === 'editing' && x.idle, { what: 'the editor after reload' });
    assert.equal(s.theme, 'light', 'the choice is remembered across a reload, the system being dark');

    // And back to dark with the toggle.
    await click(page, 'button:theme');
    await waitForState(page, (x) => x.theme === 'dark', { what: 'the dark theme, chosen' });
    assert.deepEqual(await themeChoice(page), { stored: 'dark', attribute: 'dark' });
    assert.deepEqual(errors, []);
  });

test('contrast measured from pixels in both themes: body and help text, a field border, the primary button',
  async (t) => {
    const { pd } = await startStack(t);
    const { browser, page, errors } = await newPage(t, { colorScheme: 'light' });
    await openApp(page, pd.base);
    await waitForState(page, (x) => x.font === 'DejaVu Sans' && x.idle, { what: 'the welcome panel, settled' });
    await signInThroughForm(page, ADA);
    await waitForState(page, (x) => x.phase === 'editing' && x.font === 'DejaVu Sans', { what: 'the editor' });
    // A change, so that Save (the primary button) is enabled.
    await typeInto(page, 'user_metadata.display_title', 'Analyst');
    await waitForState(page, (x) => x.changed.includes('user_metadata.display_title'), { what: 'a change' });
    await page.keyboard.press('Tab');
    await page.mouse.move(2, 690); // nothing hovered

    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      const s = await waitForState(page, (x) => x.theme === scheme && x.idle, { what: `the ${scheme} theme, settled` });
      // The regions, from the test hook: an unchanged field's label (body
      // text), a help line, that field's frame, and Save.
      const rects = await page.evaluate(() => window.profileDesk.textRects().items);
      // A help line whose field has no focus ring next to it.
      const helpId = Object.keys(rects).find((id) => id.startsWith('help:') && id !== `help:${s.focused}`);
      assert.ok(helpId, 'a help line is drawn');
      assert.ok(rects['label:name'], 'the name label is drawn');
      assert.ok(!s.changed.includes('name') && s.focused !== 'name', 'the name field: unchanged, not focused');
      const field = await itemRect(page, 'field:name');
      const save = await itemRect(page, 'button:save');
      const png = await pageShot(page, `theme-contrast-${scheme}.png`);
      const [body, help, border, fill, button, label] = await measureRegions(browser, png, [
        { kind: 'text', box: rects['label:name'] },
        { kind: 'text', box: rects[helpId] },
        { kind: 'border', box: field },
        { kind: 'fill', box: field },
        { kind: 'component', box: save },
        { kind: 'text', box: { x: save.x + 3, y: save.y + 3, w: save.w - 6, h: save.h - 6 } },
      ]);
      const say = (what, m) => `${scheme}: ${what} ${m.ratio.toFixed(2)}:1 (${JSON.stringify({ ...m, box: undefined, kind: undefined })})`;
      t.diagnostic(say('body text', body));
      t.diagnostic(say('help text', help));
      t.diagnostic(say('field border', border));
      t.diagnostic(say('primary button fill', button));
      t.diagnostic(say('primary button label', label));
      assert.ok(body.ratio >= TEXT, say('body text', body));
      assert.ok(help.ratio >= TEXT, say('help text', help));
      assert.ok(border.ratio >= COMPONENT, say('field border against the page', border));
      assert.ok(button.ratio >= COMPONENT, say('primary button against its background', button));
      assert.ok(label.ratio >= TEXT, say('primary button label on its fill', label));
      // The same measurement fails where contrast is low: the field's fill
      // against the page (why the border is there).
      t.diagnostic(say('field fill (must fail)', fill));
      assert.ok(fill.ratio < COMPONENT, say('the field fill against the page, expected under 3:1', fill));
    }
    assert.deepEqual(errors, []);
  });

test('the text measurement fails on low-contrast text and passes on high-contrast text', async (t) => {
  const browser = await launchBrowser();
  t.after(() => browser.close());
  // Text drawn by the browser's own canvas, in known colours, measured by the same code.
  const shots = await inPngPage(browser, async () => {
    const draw = (ink, paper) => {
      const c = document.createElement('canvas');
      c.width = 120;
      c.height = 24;
      const ctx = c.getContext('2d');
      ctx.fillStyle = paper;
      ctx.fillRect(0, 0, c.width, c.height);
      ctx.fillStyle = ink;
      ctx.font = '15px "DejaVu Sans", sans-serif';
      ctx.fillText('Name and help', 4, 17);
      return c.toDataURL('image/png').split(',')[1];
    };
    // #8a8a8a on #ffffff is 3.4:1; #000000 on #ffffff 21:1.
    return { low: draw('#8a8a8a', '#ffffff'), high: draw('#000000', '#ffffff') };
  });
  const box = { x: 0, y: 0, w: 120, h: 24 };
  const [low] = await measureRegions(browser, Buffer.from(shots.low, 'base64'), [{ kind: 'text', box }]);
  const [high] = await measureRegions(browser, Buffer.from(shots.high, 'base64'), [{ kind: 'text', box }]);
  t.diagnostic(`low ${low.ratio.toFixed(2)}:1, high ${high.ratio.toFixed(2)}:1`);
  assert.ok(low.ratio < TEXT, `3.4:1 text must fail the 4.5:1 check, measured ${low.ratio}`);
  assert.ok(Math.abs(low.ratio - 3.45) < 0.3, `and be measured near its true 3.4:1, not lower: ${low.ratio}`);
  assert.ok(high.ratio >= TEXT, `black on white passes: ${high.ratio}`);
});
