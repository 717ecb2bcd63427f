// Right to left, end to end: with the browser in Arabic the whole page is
// mirrored (wasm/views/layout.hpp), in English it is not. The same
// measurements are taken in both languages and must come out opposite, so
// a page that ignores the direction fails the Arabic half and one mirrored
// always fails the English half. Missing Arabic texts show in English, which
// is still laid out right to left. Screenshots under PD_ARTIFACTS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './support/browser.mjs';
import { click, itemRect, openApp, screenshot, signInThroughForm, typeInto, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { ADA } from '../integration/support/localtenant.mjs';

// A single line, a multi-line text, a date, a combo: each with its label.
const FIELDS = ['name', 'user_metadata.display_title', 'user_metadata.bio', 'user_metadata.birthday',
  'user_metadata.pronouns', 'user_metadata.city'];
// A pixel: items stand on whole pixels, widths are rounded.
const EPS = 1;

const right = (r) => r.x + r.w;

async function textRect(page, id) {
  const info = await page.evaluate(() => window.profileDesk.textRects());
  const r = info && info.items[id];
  assert.ok(r, `${id} was drawn`);
  return r;
}

// Where the label, field, header and bar items are, in `locale`, signed in
// as Ada; then the review dialog after City changes from London to a longer
// name (the before and after lines differ in width, so edges that line up
// are aligned, not equal by chance).
async function measure(t, locale) {
  const { pd } = await startStack(t);
  const browser = await launchBrowser({ locale });
  t.after(() => browser.close());
  const page = await browser.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, pd.base);
  await signInThroughForm(page, ADA);
  await waitForState(page, (x) => x.phase === 'editing' && x.draft && x.idle, { what: 'the editor' });
  const language = await page.evaluate(() => navigator.language);
  assert.equal(language, locale, 'the browser speaks the language asked for');

  const out = { fields: {}, mirror: {} };
  for (const id of FIELDS) {
    const field = await itemRect(page, `field:${id}`);
    out.fields[id] = { field, label: await textRect(page, `label:${id}`) };
    // The accessibility mirror's control lies over the canvas's field.
    out.mirror[id] = await page.evaluate((f) => {
      const el = document.querySelector(`[data-field="${CSS.escape(f)}"]`);
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height };
    }, id);
  }
  const newsletter = await itemRect(page, 'field:user_metadata.newsletter');
  const newsletterLabel = (await page.evaluate(() => window.profileDesk.textRects())).items['label:user_metadata.newsletter'];
  out.checkbox = { box: newsletter, label: newsletterLabel || null };
  out.header = { name: await itemRect(page, 'text:user-name'), signOut: await itemRect(page, 'button:sign-out') };
  // The first column: the schema's first group (the header has the card's
  // name and picture now).
  out.card = await itemRect(page, 'field:name');
  await screenshot(page, `rtl-${locale}-editor.png`);
  // "Sign-in and security" (its buttons in the fields' column) and "Your
  // devices and your account" (below both columns).
  out.account = { changeEmail: await itemRect(page, 'button:account:email-open'),
    city: await itemRect(page, 'field:user_metadata.city') };
  out.devices = { toggle: await itemRect(page, 'button:sessions-toggle') };
  await screenshot(page, `rtl-${locale}-account.png`);

  await typeInto(page, 'user_metadata.city', 'Marylebone and Fitzrovia');
  await waitForState(page, (x) => x.changed.includes('user_metadata.city'), { what: 'the change' });
  out.bar = { status: await itemRect(page, 'text:changes'), review: await itemRect(page, 'button:review'),
    save: await itemRect(page, 'button:save'), discard: await itemRect(page, 'button:discard') };
  await click(page, 'button:review');
  await waitForState(page, (x) => x.reviewOpen && x.idle, { what: 'the review dialog' });
  const id = 'user_metadata.city';
  out.review = { label: await textRect(page, `review:label:${id}`), before: await textRect(page, `review:before:${id}`),
    after: await textRect(page, `review:after:${id}`), save: await itemRect(page, 'button:review-save'),
    close: await itemRect(page, 'button:review-close') };
  await screenshot(page, `rtl-${locale}-review.png`);
  // A phone held upright: one column, each row still mirrored.
  await click(page, 'button:review-close');
  await waitForState(page, (x) => !x.reviewOpen, { what: 'the review closed' });
  await page.setViewportSize({ width: 400, height: 800 });
  await waitForState(page, (x) => x.idle, { what: 'the narrow page' });
  out.narrow = { field: await itemRect(page, 'field:name'), label: await textRect(page, 'label:name'),
    signOut: await itemRect(page, 'button:sign-out'), name: await itemRect(page, 'text:user-name') };
  await screenshot(page, `rtl-${locale}-400px.png`);
  assert.deepEqual(errors, []);
  return out;
}

// Each check: true when the page reads left to right, false when mirrored.
function leftToRight(m) {
  const checks = {};
  for (const [id, { field, label }] of Object.entries(m.fields)) {
    checks[`label of ${id} left of its field`] = right(label) <= field.x + EPS;
    checks[`label of ${id} right of its field`] = !(label.x >= right(field) - EPS);
  }
  checks['sign-out right of the name'] = m.header.signOut.x >= right(m.header.name) - EPS;
  checks['the account\'s button starts where the fields do'] = Math.abs(m.account.changeEmail.x - m.account.city.x) <= EPS;
  checks['the devices\' first button at the left'] = right(m.devices.toggle) < 640;
  checks['400 px: the label left of its field'] = right(m.narrow.label) <= m.narrow.field.x + EPS;
  checks['400 px: sign-out right of the name'] = m.narrow.signOut.x >= right(m.narrow.name) - EPS;
  checks['Save right of the status'] = m.bar.save.x >= right(m.bar.status) - EPS;
  checks['Review, Save, Discard from left to right'] = m.bar.review.x < m.bar.save.x && m.bar.save.x < m.bar.discard.x;
  const r = m.review;
  checks['review lines start at the same left edge'] = Math.abs(r.before.x - r.after.x) <= EPS;
  checks['review lines indented from the left'] = r.before.x > r.label.x + 8;
  checks['review: Save changes left of Keep editing'] = r.save.x < r.close.x;
  return checks;
}

test('in English the page reads left to right; in Arabic the same page is mirrored', async (t) => {
  const en = await measure(t, 'en-US');
  const ar = await measure(t, 'ar');

  const enChecks = leftToRight(en);
  const arChecks = leftToRight(ar);
  const wrongEn = Object.entries(enChecks).filter(([, ok]) => !ok).map(([k]) => k);
  const wrongAr = Object.entries(arChecks).filter(([, ok]) => ok).map(([k]) => k);
  assert.deepEqual(wrongEn, [], `English: ${JSON.stringify(en)}`);
  assert.deepEqual(wrongAr, [], `Arabic, not mirrored: ${JSON.stringify(ar)}`);

  // Arabic in detail: labels in a column at the right, the review's lines
  // flush right (the indent at the right), each field's label at its right.
  for (const [id, { field, label }] of Object.entries(ar.fields)) {
    assert.ok(label.x >= right(field) - EPS, `${id}: label ${JSON.stringify(label)} right of ${JSON.stringify(field)}`);
  }
  const r = ar.review;
  assert.ok(Math.abs(right(r.before) - right(r.after)) <= EPS, `review lines end together: ${JSON.stringify(r)}`);
  assert.ok(Math.abs(r.before.w - r.after.w) > 20, 'the two lines differ in width');
  assert.ok(right(r.label) > right(r.after) + 8, 'the lines are indented from the right');
  assert.ok(r.save.x > r.close.x, 'Save changes at the right, Keep editing left of it');
  const a = ar.account;
  assert.ok(Math.abs(right(a.changeEmail) - right(a.city)) <= EPS, `the account's button ends where the fields do: ${JSON.stringify(a)}`);
  assert.ok(ar.devices.toggle.x > 640, 'the devices\' first button at the right');
  // The checkbox's box at the right of its label.
  assert.ok(ar.checkbox.label, 'the Arabic page draws the newsletter label beside its box');
  assert.ok(right(ar.checkbox.label) <= ar.checkbox.box.x + EPS, 'the box right of its label');
  // The card's column at the right: the card starts right of the page's middle.
  assert.ok(ar.card.x > 640 && en.card.x < 640, `the card's column: ${ar.card.x} (ar), ${en.card.x} (en)`);

  // The accessibility mirror's controls follow the drawn fields.
  for (const m of [en, ar]) {
    for (const id of FIELDS) {
      const [c, f] = [m.mirror[id], m.fields[id].field];
      assert.ok(c, `a mirror control for ${id}`);
      for (const k of ['x', 'y', 'w', 'h']) assert.ok(Math.abs(c[k] - f[k]) <= 1, `${id} mirror ${k}: ${c[k]} vs ${f[k]}`);
    }
  }
});
