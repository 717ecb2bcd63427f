// Driving the ImGui app like a person: find a widget through the test hook
// (window.profileDesk.itemRect), then use the real mouse and keyboard on the
// canvas. Never calls the app's internals.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { artifactPath, waitForState } from './browser.mjs';

export { waitForState };

export async function screenshot(page, name) {
  const png = await page.locator('#canvas').screenshot();
  const path = artifactPath(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  return png;
}

// A screenshot of one widget's rectangle (page coordinates, CSS pixels), kept as an artifact.
export async function shotOf(page, id, name) {
  const r = await itemRect(page, id);
  const png = await page.screenshot({ clip: { x: r.x, y: r.y, width: r.w, height: r.h } });
  const path = artifactPath(name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, png);
  return png;
}

// The widget's rectangle once it is drawn and visible (scrolling the form
// with the mouse wheel when it is drawn but off-screen).
export async function itemRect(page, id, { timeout = 15000 } = {}) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await page.evaluate((i) => window.profileDesk && window.profileDesk.itemRect(i), id);
    if (last && last.visible && last.w > 0 && last.h > 0) return last;
    if (last && !last.visible) {
      const viewport = page.viewportSize();
      await page.mouse.move(viewport.width / 2, viewport.height / 2);
      await page.mouse.wheel(0, last.y > viewport.height / 2 ? 120 : -120);
    }
    await new Promise((r) => setTimeout(r, 60));
  }
  throw new Error(`widget ${id} never became visible; last rect: ${JSON.stringify(last)}`);
}

export async function click(page, id) {
  const r = await itemRect(page, id);
  await page.mouse.click(r.x + Math.min(r.w / 2, 40), r.y + r.h / 2);
}

// Clicks a text field, waits until it has the focus, selects its text and
// types `text` over it (an empty string clears it).
export async function typeInto(page, fieldId, text) {
  await click(page, `field:${fieldId}`);
  await waitForState(page, (s) => s.focused === fieldId, { what: `focus on ${fieldId}` });
  await page.keyboard.press('Control+a');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.type(text);
}

// Opens the app and waits for it to settle on a phase other than loading.
export async function openApp(page, base) {
  await page.goto(base + '/');
  return waitForState(page, (s) => s.ready && s.phase !== 'loading', { what: 'the app to load' });
}

// From the welcome panel: "Sign in", the tenant's HTML form, back to the editor.
export async function signInThroughForm(page, user) {
  // The served font can arrive between reading the button's place and the
  // click; the centred panel then grows and the click lands beside the
  // button. So: click again while the page is still the welcome panel.
  for (let attempt = 0; attempt < 5; ++attempt) {
    await click(page, 'button:sign-in');
    const deadline = Date.now() + 3000;
    let welcome = true;
    while (welcome && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      welcome = await page.evaluate(() => {
        const s = window.profileDesk && window.profileDesk.state();
        return !!s && s.phase === 'signed_out' && !document.getElementById('username');
      }).catch(() => false);  // navigating: the sign-in started
    }
    if (!welcome) break;
  }
  await signInOnTenantPage(page, user);
}

// The tenant's sign-in page when it shows (its own session may sign the
// user straight back in, as Auth0's does); then the editor.
export async function signInOnTenantPage(page, user, { timeout = 25000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const onForm = await page.locator('#username').count().catch(() => 0);
    if (onForm > 0) {
      await page.fill('#username', user.email);
      await page.fill('#password', user.password);
      await page.click('button[type=submit]');
      break;
    }
    const state = await page.evaluate(() => window.profileDesk && window.profileDesk.state()).catch(() => null);
    if (state && state.phase === 'editing') return state;
    await new Promise((r) => setTimeout(r, 100));
  }
  return waitForState(page, (s) => s.ready && s.phase === 'editing',
    { what: 'the editor after sign-in', timeout: Math.max(1000, deadline - Date.now()) });
}
