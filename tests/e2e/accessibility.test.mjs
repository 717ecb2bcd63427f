// The form mirror (issue 7): what Chromium's accessibility tree shows of the
// canvas form (each field with label, value, read-only and invalid state),
// editing through the mirror as a keyboard or screen-reader user would, and
// a tap on a touch screen focusing a real input over the field (which is what
// brings up an on-screen keyboard) with the caret kept in sync.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser } from './support/browser.mjs';
import { click, itemRect, openApp, signInThroughForm, waitForState } from './support/app.mjs';
import { startStack } from '../integration/support/profiledesk.mjs';
import { ADA, GOOGLE } from '../integration/support/localtenant.mjs';

async function signedIn(t, user, contextOptions = {}) {
  const { pd } = await startStack(t);
  const context = await launchBrowser({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, pd.base);
  await signInThroughForm(page, user);
  await waitForState(page, (s) => s.phase === 'editing' && s.draft, { what: 'the editor' });
  return { page, errors, context };
}

// Chromium's own accessibility tree (DevTools Accessibility.getFullAXTree):
// what screen readers are given. Returns the interesting nodes.
async function accessibilityTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const prop = (n, name) => {
      const p = (n.properties || []).find((x) => x.name === name);
      return p ? p.value.value : undefined;
    };
    return nodes.filter((n) => !n.ignored).map((n) => ({
      role: n.role && n.role.value,
      name: n.name && n.name.value,
      value: n.value && n.value.value,
      description: n.description && n.description.value,
      readonly: prop(n, 'readonly'),
      invalid: prop(n, 'invalid'),
      checked: prop(n, 'checked'),
      disabled: prop(n, 'disabled'),
      focused: prop(n, 'focused'),
    }));
  } finally {
    await cdp.detach();
  }
}

async function waitForTree(page, predicate, what) {
  const deadline = Date.now() + 10000;
  let nodes = [];
  while (Date.now() < deadline) {
    nodes = await accessibilityTree(page);
    if (predicate(nodes)) return nodes;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`accessibility tree: ${what}; got ${JSON.stringify(nodes.filter((n) => n.role !== 'StaticText' && n.role !== 'InlineTextBox'), null, 1)}`);
}

const byName = (nodes, role, name) => nodes.find((n) => n.role === role && n.name === name);

test('the accessibility tree lists every field with its label, value and state', async (t) => {
  const { page, errors } = await signedIn(t, ADA);
  const state = await page.evaluate(() => window.profileDesk.state());
  const nodes = await waitForTree(page, (ns) => byName(ns, 'textbox', 'Full name'), 'the Full name field');

  // Every field of the form, by its label, with the value the canvas shows.
  const labels = await page.evaluate(() => Array.from(document.querySelectorAll('#m-form label'), (l) => l.textContent));
  assert.ok(labels.length >= 10, `the whole form is mirrored (${labels.join(', ')})`);
  for (const label of labels) {
    assert.ok(nodes.some((n) => n.name === label && ['textbox', 'checkbox', 'combobox', 'textField'].includes(n.role)),
      `the tree has a control named "${label}"`);
  }
  assert.equal(byName(nodes, 'textbox', 'Full name').value, state.draft.name);
  assert.equal(byName(nodes, 'textbox', 'City').value, state.draft['user_metadata.city']);
  const email = byName(nodes, 'textbox', 'Email');
  assert.equal(email.value, 'ada@example.com');
  assert.equal(email.readonly, true, 'email is read-only');
  assert.match(email.description, /cannot be changed here/, 'with the reason as its description');
  assert.notEqual(byName(nodes, 'textbox', 'Full name').readonly, true, "a database user's name is editable");
  assert.ok(byName(nodes, 'button', 'Sign out'), 'the buttons are there');
  assert.equal(nodes[0].name, 'Profile Desk', 'the page has a title');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(byName(nodes, 'button', 'Save').disabled, true, 'Save is unavailable without changes');

  // A bad value typed on the canvas shows up as invalid, with the message.
  const birthday = await itemRect(page, 'field:user_metadata.birthday');
  await page.mouse.click(birthday.x + 20, birthday.y + birthday.h / 2);
  await waitForState(page, (s) => s.focused === 'user_metadata.birthday', { what: 'focus on the birthday' });
  await page.keyboard.type('2023-02-30');
  const after = await waitForTree(page, (ns) => {
    const b = ns.find((n) => n.role === 'textbox' && n.name === 'Birthday');
    return b && b.value === '2023-02-30' && b.invalid === 'true';
  }, 'Birthday invalid');
  const s = await page.evaluate(() => window.profileDesk.state());
  const b = byName(after, 'textbox', 'Birthday');
  assert.equal(b.value, '2023-02-30');
  assert.equal(b.description, s.errors['user_metadata.birthday'], 'the error is its description');
  assert.deepEqual(errors, []);
});

test("a Google user's provider-owned fields are read-only in the tree, with the reason", async (t) => {
  const { page, errors } = await signedIn(t, GOOGLE);
  const nodes = await waitForTree(page, (ns) => byName(ns, 'textbox', 'Full name'), 'the Full name field');
  const name = byName(nodes, 'textbox', 'Full name');
  assert.equal(name.value, 'Gina Google');
  assert.equal(name.readonly, true);
  assert.match(name.description, /Google/);
  assert.notEqual(byName(nodes, 'textbox', 'City').readonly, true, 'metadata stays editable');
  assert.deepEqual(errors, []);
});

test('editing through the mirror changes the draft, and its buttons act', async (t) => {
  const { page, errors } = await signedIn(t, ADA);
  // Tab from the page's start passes the header's language switcher (first in
  // visual order), then lands in the mirror's first field, as it would for a
  // screen reader user.
  await page.locator('#m-form').waitFor({ state: 'attached' });
  const first = await page.evaluate(() => window.profileDesk.state().focusOrder[0]);
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'SELECT');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'language:switcher');
  await page.keyboard.press('Tab');
  await waitForState(page, (s) => s.focused === first, { what: `Tab focuses ${first}` });
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), first);

  // Type in the mirror's City: the canvas's draft follows, keys never reach the canvas twice.
  const city = page.getByRole('textbox', { name: 'City' });
  await city.focus();
  await waitForState(page, (s) => s.focused === 'user_metadata.city', { what: 'focus follows the mirror' });
  await city.press('Control+a');
  await city.pressSequentially('Paris');
  let s = await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Paris', { what: 'the typed city' });
  assert.deepEqual(s.changed, ['user_metadata.city']);
  // The canvas's field shows the mirror's text and caret (after "Paris"), and keeps them.
  const deadline = Date.now() + 5000;
  let sel;
  do {
    sel = await page.evaluate(() => window.profileDesk.textSelection());
  } while (!(sel && sel.cursor === 5) && Date.now() < deadline);
  assert.deepEqual(sel && { id: sel.id, cursor: sel.cursor }, { id: 'user_metadata.city', cursor: 5 });
  await new Promise((r) => setTimeout(r, 300));
  s = await page.evaluate(() => window.profileDesk.state());
  assert.equal(s.draft['user_metadata.city'], 'Paris', 'the canvas did not write its old text back');

  // A checkbox and a select, natively (the mirror lies under the canvas for a
  // mouse, so the keyboard, as a screen reader user's).
  await page.getByRole('checkbox', { name: 'Send me the newsletter' }).press('Space');
  await waitForState(page, (x) => x.draft['user_metadata.newsletter'] === true, { what: 'the checkbox' });
  const select = page.getByRole('combobox', { name: 'Language', exact: true });
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
  await select.selectOption(options[options.length - 1]);
  await waitForState(page, (x) => x.draft['user_metadata.language'] === options[options.length - 1], { what: 'the select' });

  // Escape in a field reverts it, as on the canvas.
  await city.focus();
  await city.press('Escape');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'] === x.profile.saved['user_metadata.city'], { what: 'Esc reverts' });
  // The mirror follows on the next frame, and the canvas does not write the old text back.
  await page.waitForFunction((v) => document.activeElement.value === v, s.profile.saved['user_metadata.city']);
  await new Promise((r) => setTimeout(r, 300));
  s = await page.evaluate(() => window.profileDesk.state());
  assert.equal(s.draft['user_metadata.city'], s.profile.saved['user_metadata.city'], 'still reverted');
  assert.equal(await city.inputValue(), s.profile.saved['user_metadata.city'], 'the mirror shows the reverted value');

  // Review opens a dialog in the mirror; saving there saves.
  await page.getByRole('button', { name: 'Review' }).press('Enter');
  await waitForState(page, (x) => x.reviewOpen, { what: 'the review' });
  const dialog = page.getByRole('dialog', { name: 'Review your changes' });
  await page.waitForFunction(() => !document.getElementById('m-dialog').hidden);
  assert.match(await dialog.textContent(), /Paris|Send me the newsletter/, 'the dialog lists the changes');
  await dialog.getByRole('button', { name: 'Save changes' }).press('Enter');
  s = await waitForState(page, (x) => x.phase === 'editing' && x.changed.length === 0 && x.savesSent === 1, { what: 'the save' });
  assert.equal(s.profile.saved['user_metadata.newsletter'], true);
  // The form's live region (the mirror follows on its next frame).
  await page.waitForFunction((n) => document.getElementById('m-status').textContent === n, s.notice);
  assert.deepEqual(errors, []);
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const settled = async (page) => { await sleep(300); return page.evaluate(() => window.profileDesk.state()); };

test('the mirror and the canvas never undo each other: fast Tab, Discard, paste, Esc on a read-only field', async (t) => {
  const { page, errors, context } = await signedIn(t, ADA);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const city = page.getByRole('textbox', { name: 'City' });
  const title = page.getByRole('textbox', { name: 'Title' });

  // Typed, then Tab before the next frame: the canvas's active City must not write its old text back.
  await city.focus();
  await waitForState(page, (x) => x.focused === 'user_metadata.city', { what: 'City focused' });
  await city.fill('Oslo');
  await city.press('Tab');
  let s = await waitForState(page, (x) => x.focused === 'user_metadata.language', { what: 'Tab to Language' });
  s = await settled(page);
  assert.equal(s.draft['user_metadata.city'], 'Oslo', 'the last keystroke before Tab is kept');

  // Discard from the mirror while a canvas field is active: the discarded text does not come back.
  await title.focus();
  await title.pressSequentially('Engineer');
  await waitForState(page, (x) => x.draft['user_metadata.display_title'] === 'Engineer', { what: 'the title' });
  await page.getByRole('button', { name: 'Discard' }).press('Enter');
  await waitForState(page, (x) => x.changed.length === 0, { what: 'Discard' });
  s = await settled(page);
  assert.deepEqual(s.changed, [], 'nothing written back after Discard');
  assert.equal(await title.inputValue(), '');

  // A paste into the mirror's field is the field's own (not the canvas's clipboard bridge).
  await page.evaluate(() => navigator.clipboard.writeText('Bergen'));
  await city.focus();
  await city.press('Control+a');
  await city.press('Control+v');
  s = await waitForState(page, (x) => x.draft['user_metadata.city'] === 'Bergen', { what: 'the paste into the mirror' });
  assert.equal(await city.inputValue(), 'Bergen');
  assert.equal(s.draft['user_metadata.display_title'], null, 'and into no other field');

  // Esc on the read-only Email reverts nothing (City keeps its change).
  await page.getByRole('textbox', { name: 'Email' }).focus();
  await page.keyboard.press('Escape');
  s = await settled(page);
  assert.equal(s.draft['user_metadata.city'], 'Bergen');
  assert.deepEqual(errors, []);
});

test('Arabic and Hebrew values are carried with dir="auto", each laid out right to left in its own element', async (t) => {
  const { page, errors } = await signedIn(t, ADA);
  const arabic = 'القاهرة 2024';
  const hebrew = 'ירושלים, ישראל';
  const city = page.getByRole('textbox', { name: 'City' });
  const title = page.getByRole('textbox', { name: 'Title' });
  await city.focus();
  await city.fill(arabic);
  await title.focus();
  await title.fill(hebrew);
  await waitForState(page, (x) => x.draft['user_metadata.city'] === arabic && x.draft['user_metadata.display_title'] === hebrew,
    { what: 'the Arabic and Hebrew values' });
  const nodes = await waitForTree(page, (ns) => byName(ns, 'textbox', 'City')?.value === arabic, 'the Arabic city');
  assert.equal(byName(nodes, 'textbox', 'Title').value, hebrew, 'the logical string, as typed');

  // Every text the mirror carries: labels, inputs, notes, status, alerts, buttons.
  const missing = await page.evaluate(() => Array.from(document.querySelectorAll(
    '#form-mirror label, #form-mirror .m-control, #form-mirror .m-field p, #m-status, #m-heading, #m-alerts p'))
    .filter((el) => el.dir !== 'auto').map((el) => el.outerHTML.slice(0, 80)));
  assert.deepEqual(missing, [], 'all of them dir="auto"');
  const direction = (name) => page.evaluate((n) => {
    const label = Array.from(document.querySelectorAll('#m-form label')).find((l) => l.textContent === n);
    return getComputedStyle(document.getElementById(label.htmlFor)).direction;
  }, name);
  assert.equal(await direction('City'), 'rtl', 'the Arabic value reads right to left');
  assert.equal(await direction('Title'), 'rtl', 'the Hebrew value reads right to left');
  assert.equal(await direction('Full name'), 'ltr', 'a Latin value left to right');

  // The review lists them, each value isolated so that it keeps the line in order.
  await page.getByRole('button', { name: 'Review' }).press('Enter');
  await page.waitForFunction(() => !document.getElementById('m-dialog').hidden);
  const lines = await page.evaluate(() => Array.from(document.querySelectorAll('#m-dialog-lines p, #m-dialog-actions button'),
    (el) => ({ dir: el.dir, text: el.textContent })));
  assert.ok(lines.length > 0 && lines.every((l) => l.dir === 'auto'), JSON.stringify(lines));
  assert.ok(lines.some((l) => l.text.includes('\u2068' + arabic + '\u2069')), 'the Arabic city, isolated');
  assert.ok(lines.some((l) => l.text.includes('\u2068' + hebrew + '\u2069')), 'the Hebrew title, isolated');
  assert.deepEqual(errors, []);
});

test('Tab never traps the keyboard in the canvas: past its last field it goes on to the buttons', async (t) => {
  const { page, errors } = await signedIn(t, ADA);
  const order = (await page.evaluate(() => window.profileDesk.state())).focusOrder;
  await click(page, `field:${order[order.length - 2]}`);  // a text field: the canvas's own text input has the keyboard
  await waitForState(page, (x) => x.focused === order[order.length - 2]);
  await page.keyboard.press('Tab');
  await waitForState(page, (x) => x.focused === order[order.length - 1], { what: 'Tab inside the canvas' });
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.action);
  const action = await page.evaluate(() => document.activeElement.dataset.action);
  // The form's buttons, or those of the section after the form (Sign-in and security).
  assert.ok(['review', 'save', 'discard', 'sign-out'].includes(action) || action.startsWith('account:'),
    `on to the buttons (${action})`);
  assert.deepEqual(errors, []);
});

test('on a touch screen a tap on a field focuses a real input over it, and the caret follows its selection', async (t) => {
  const { page, errors } = await signedIn(t, ADA, { hasTouch: true, isMobile: true, viewport: { width: 800, height: 1000 } });
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a coarse pointer');
  const r = await itemRect(page, 'field:nickname');
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  // The tapped element is the mirror's input: focused inside the gesture, so a phone shows its keyboard.
  await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.field === 'nickname');
  await waitForState(page, (s) => s.focused === 'nickname', { what: 'the canvas focuses the tapped field' });

  // The on-screen keyboard types into the input (insertText is what it sends).
  await page.evaluate(() => document.activeElement.setSelectionRange(0, document.activeElement.value.length));
  await page.keyboard.insertText('Zoë');
  await waitForState(page, (s) => s.draft.nickname === 'Zoë', { what: 'the typed nickname' });
  // A selection made on the input (a long press, the handles) shows on the canvas.
  await page.evaluate(() => document.activeElement.setSelectionRange(1, 3));
  const sel = await (async () => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const x = await page.evaluate(() => window.profileDesk.textSelection());
      if ((x && x.start === 1 && x.end === 3) || Date.now() > deadline) return x;
      await new Promise((res) => setTimeout(res, 50));
    }
  })();
  assert.deepEqual(sel && { id: sel.id, start: sel.start, end: sel.end }, { id: 'nickname', start: 1, end: 3 });

  // A tap outside any field hands the keyboard back to the canvas.
  await page.touchscreen.tap(5, 995);
  await page.waitForFunction(() => !document.activeElement || !document.activeElement.dataset.field);
  assert.deepEqual(errors, []);
});

test('on a touch screen a finger drag scrolls the form, and neither focuses nor presses what it started on', async (t) => {
  const { page, errors } = await signedIn(t, ADA, { hasTouch: true, isMobile: true, viewport: { width: 400, height: 700 } });
  const cdp = await page.context().newCDPSession(page);
  const swipe = async (x, from, to) => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
    for (let i = 1; i <= 10; ++i) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: from + ((to - from) * i) / 10 }] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  };
  const y = () => page.evaluate(() => window.profileDesk.itemRect('field:user_metadata.display_title').y);
  // Where the field ends up once the drag is over: the app idle and the value unchanged twice.
  const settledAt = async (what, until) => {
    const deadline = Date.now() + 10000;
    let [v, last] = [await y(), null];
    while ((!until(v) || v !== last) && Date.now() < deadline) {
      await waitForState(page, (s) => s.idle);
      last = v;
      v = await y();
    }
    assert.ok(until(v), `${what}: the title field is at ${v}`);
    return v;
  };
  const top = await y();
  const before = (await page.evaluate(() => window.profileDesk.state())).draft;

  // Up by 200 px, starting on a label (the canvas): the form follows the finger.
  await swipe(30, 600, 400);
  const up = await settledAt('a drag up on a label', (v) => v < top - 150);
  assert.ok(Math.abs(top - 200 - up) <= 20, `moved by ${top - up} px for a 200 px drag`);
  // Down again, starting on a field (the mirror's input over it).
  const field = await itemRect(page, 'field:user_metadata.display_title');
  await swipe(field.x + field.w / 2, field.y + field.h / 2, field.y + field.h / 2 + 200);
  await settledAt('a drag down on a field', (v) => Math.abs(v - top) <= 20);

  const s = await page.evaluate(() => window.profileDesk.state());
  assert.equal(s.focused, '', 'a drag focuses nothing');
  assert.deepEqual(s.draft, before, 'a drag changes nothing');
  assert.ok(!(await page.evaluate(() => document.activeElement && document.activeElement.dataset.field)));
  // A tap is still a tap.
  const r = await itemRect(page, 'field:nickname');
  await page.touchscreen.tap(r.x + r.w / 2, r.y + r.h / 2);
  await waitForState(page, (x) => x.focused === 'nickname', { what: 'the tapped field focused' });
  await page.waitForFunction(() => document.activeElement && document.activeElement.dataset.field === 'nickname');
  // A drag on the canvas keeps that field (and the on-screen keyboard); a tap there gives it up.
  await swipe(30, 600, 500);
  await settledAt('a short drag up', (v) => v < top);
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.dataset.field), 'nickname');
  await page.touchscreen.tap(30, 650);
  await page.waitForFunction(() => !document.activeElement || !document.activeElement.dataset.field);
  assert.deepEqual(errors, []);
});
