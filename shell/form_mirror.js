// The form mirror: a visually hidden DOM copy of the form the canvas draws,
// so that what a canvas lacks comes from the browser itself.
//   - Screen readers and browser tools see a real form: labelled inputs with
//     their values, aria-invalid with the error, aria-readonly with the
//     reason, buttons, the status line and an open dialog.
//   - Keyboard users who Tab into the page land in it, and touch devices tap
//     it: each control lies, transparent, over the field it mirrors, so a tap
//     focuses a real input inside the gesture and the on-screen keyboard
//     comes up.
// The app (wasm/platform/form_mirror_bridge.cpp) sends a description after
// each frame that changed it (wasm/app/form_mirror.cpp makes it) and
// receives focus, edits, the caret and button presses through the handlers
// it attaches. While a mirror control has the focus it holds the keyboard:
// its key events never reach the canvas's listeners, and the canvas field
// follows its text and selection.
'use strict';
(function () {
  const root = document.getElementById('form-mirror');
  if (!root) return;
  const heading = root.querySelector('#m-heading');
  const alerts = root.querySelector('#m-alerts');
  const form = root.querySelector('#m-form');
  const status = root.querySelector('#m-status');
  const actionBar = root.querySelector('#m-actions');
  const dialog = root.querySelector('#m-dialog');
  const dialogTitle = root.querySelector('#m-dialog-title');
  const dialogLines = root.querySelector('#m-dialog-lines');
  const dialogActions = root.querySelector('#m-dialog-actions');
  // Every text the mirror carries may be a person's own, in any script:
  // each element is laid out by its first strong character, as dir="auto"
  // does (the controls, labels, notes, lines and buttons get it as they are made).
  for (const el of [heading, status, dialogTitle]) el.dir = 'auto';
  // SUPPORT_URL's "Get help" after the alerts (and an error), as on the canvas.
  const alertsHelp = document.createElement('p');
  alertsHelp.className = 'm-hidden';
  alerts.after(alertsHelp);

  let app = null;            // {focus, edit, select, action, key}: the app's handlers
  let current = null;        // the last description
  // The mirror's own words (group names, table headers, ...), from the
  // app's catalog (the description's `texts`, wasm/app/form_mirror.cpp):
  // `key` with each {name} filled from `args`; the key itself before any
  // description arrived.
  function tr(key, args) {
    const text = (current && current.texts && current.texts[key]) || key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (args && name in args ? args[name] : whole));
  }
  const fields = new Map();  // field id -> {wrap, label, control, note, kind, id}
  let nextDomId = 0;
  const encoder = new TextEncoder();

  // DOM offsets count UTF-16 units; the app counts UTF-8 bytes.
  const bytesBefore = (text, units) => encoder.encode(text.slice(0, units)).length;

  const isText = (f) => f.kind !== 'checkbox' && f.kind !== 'select';
  const mirrorHasFocus = () => root.contains(document.activeElement) && document.activeElement !== root;
  const entryOf = (el) => {
    for (const entry of fields.values()) if (entry.control === el) return entry;
    return null;
  };

  function sendSelection(entry) {
    if (!app || !isText(entry)) return;
    const c = entry.control;
    const start = c.selectionStart === null ? c.value.length : c.selectionStart;
    const end = c.selectionEnd === null ? c.value.length : c.selectionEnd;
    app.select(entry.id, bytesBefore(c.value, start), bytesBefore(c.value, end));
  }

  function sendEdit(entry) {
    if (!app) return;
    const c = entry.control;
    let ok;
    if (entry.kind === 'checkbox') {
      ok = app.edit(entry.id, c.checked ? 'true' : 'false', 0, 0);
    } else if (entry.kind === 'select') {
      ok = app.edit(entry.id, c.value, 0, 0);
    } else {
      const start = c.selectionStart === null ? c.value.length : c.selectionStart;
      const end = c.selectionEnd === null ? c.value.length : c.selectionEnd;
      ok = app.edit(entry.id, c.value, bytesBefore(c.value, start), bytesBefore(c.value, end));
    }
    // Refused (read-only now, a dialog is open): show the app's value again.
    if (!ok && current) {
      const f = current.fields.find((x) => x.id === entry.id);
      if (f) setValue(entry, f, true);
    }
  }

  function setValue(entry, f, force) {
    const c = entry.control;
    if (entry.kind === 'checkbox') {
      c.checked = f.value === 'true';
      return;
    }
    if (c.value === f.value && !force) return;
    const focused = document.activeElement === c;
    c.value = f.value;
    if (focused && isText(entry)) c.setSelectionRange(c.value.length, c.value.length);
  }

  function makeControl(f) {
    let c;
    if (f.kind === 'textarea') {
      c = document.createElement('textarea');
    } else if (f.kind === 'select') {
      c = document.createElement('select');
    } else {
      c = document.createElement('input');
      // Plain text for numbers and dates too: numeric on-screen keyboards
      // lack "-" (dates, negative numbers) or type "," for the decimal point.
      // A new password or address (Sign-in and security) is its own kind, so
      // password managers and on-screen keyboards treat it as one.
      c.type = f.kind === 'checkbox' || f.kind === 'password' ? f.kind : f.kind === 'email-address' ? 'email' : 'text';
    }
    c.className = 'm-control';
    c.dir = 'auto';  // as a text field is laid out: by its first strong character (UAX #9 P2-P3)
    c.autocomplete = f.kind === 'password' ? 'new-password' : f.kind === 'email-address' ? 'email' : 'off';
    if (isText(f)) {
      c.spellcheck = false;
      c.setAttribute('autocapitalize', 'off');
    }
    return c;
  }

  function fieldEntry(f) {
    let entry = fields.get(f.id);
    if (entry && entry.kind === f.kind) return entry;
    if (entry) entry.wrap.remove();
    const n = nextDomId++;
    const wrap = document.createElement('div');
    wrap.className = 'm-field';
    const label = document.createElement('label');
    const control = makeControl(f);
    const note = document.createElement('p');
    label.dir = note.dir = 'auto';
    control.id = 'm-field-' + n;
    note.id = 'm-note-' + n;
    label.htmlFor = control.id;
    control.dataset.field = f.id;
    wrap.append(label, control, note);
    entry = { id: f.id, kind: f.kind, wrap, label, control, note, options: '' };
    fields.set(f.id, entry);
    const e = entry;
    control.addEventListener('focus', () => {
      if (app) app.focus(e.id);
      sendSelection(e);
    });
    control.addEventListener(isText(f) ? 'input' : 'change', () => sendEdit(e));
    return entry;
  }

  function updateField(f) {
    const entry = fieldEntry(f);
    const c = entry.control;
    entry.label.textContent = f.label;
    if (f.kind === 'select') {
      const key = JSON.stringify(f.options);
      if (entry.options !== key) {
        entry.options = key;
        c.replaceChildren(...f.options.map((o) => {
          const option = new Option(o.label, o.value);
          option.dir = 'auto';
          return option;
        }));
      }
    }
    if ('readOnly' in c && isText(f)) c.readOnly = f.readonly;
    c.setAttribute('aria-readonly', f.readonly ? 'true' : 'false');
    c.setAttribute('aria-invalid', f.invalid ? 'true' : 'false');
    if (f.placeholder) c.placeholder = f.placeholder; else c.removeAttribute('placeholder');
    const note = f.error || f.reason || f.help || '';
    entry.note.textContent = note;
    entry.helpLink = showHelpLink(entry.helpLink, f.readonly && f.reason && !f.error, (a) => entry.note.after(a));
    const describedBy = [note ? entry.note.id : '', renderRules(entry, f.rules)].filter(Boolean).join(' ');
    if (describedBy) c.setAttribute('aria-describedby', describedBy); else c.removeAttribute('aria-describedby');
    if (f.invalid) c.setAttribute('aria-errormessage', entry.note.id); else c.removeAttribute('aria-errormessage');
    setValue(entry, f, false);
    place(c, f.rect);
    return entry;
  }

  // A password's rules, as a list after its field, each said met or not.
  // Returns the list's id ('' when the field has none).
  function renderRules(entry, rules) {
    if (!rules) {
      if (entry.rules) entry.rules.remove();
      entry.rules = null;
      return '';
    }
    if (!entry.rules) {
      entry.rules = document.createElement('ul');
      entry.rules.id = entry.note.id + '-rules';
      entry.wrap.append(entry.rules);
    }
    entry.rules.setAttribute('aria-label', tr('mirror.password_rules'));
    const texts = rules.map((r) => tr(r.met ? 'mirror.rule_met' : 'mirror.rule_not_met', { rule: r.text }));
    if (JSON.stringify(texts) !== entry.rulesShown) {
      entry.rulesShown = JSON.stringify(texts);
      renderTexts(entry.rules, texts, 'li');
    }
    return entry.rules.id;
  }

  // A section's own buttons and status line (Sign-in and security), after
  // its fields; the status is a polite live region.
  const sectionExtras = new Map();  // label -> {actions, status}
  function sectionParts(label, actions, statusText) {
    let x = sectionExtras.get(label);
    if (!x) {
      x = { actions: document.createElement('div'), status: document.createElement('p') };
      x.actions.setAttribute('role', 'group');
      x.actions.setAttribute('aria-label', tr('mirror.section_actions', { section: label }));
      x.status.setAttribute('role', 'status');
      x.status.setAttribute('aria-live', 'polite');
      x.status.className = 'm-hidden';
      sectionExtras.set(label, x);
    }
    renderButtons(x.actions, actions || []);
    if (x.status.textContent !== (statusText || '')) x.status.textContent = statusText || '';
    return [x.actions, x.status];
  }

  // Over the canvas item it mirrors (CSS pixels); taps reach it only on
  // touch screens (style.css), and only where the canvas shows the item.
  function place(el, rect) {
    if (rect) {
      el.style.left = rect[0] + 'px';
      el.style.top = rect[1] + 'px';
      el.style.width = Math.max(1, rect[2]) + 'px';
      el.style.height = Math.max(1, rect[3]) + 'px';
      el.dataset.visible = '';
    } else {
      delete el.dataset.visible;
    }
  }

  // One button per action id, so a focused button never changes what it does.
  function renderButtons(container, actions) {
    const byId = new Map(Array.from(container.children, (b) => [b.dataset.action, b]));
    const order = actions.map((a) => {
      let b = byId.get(a.id);
      byId.delete(a.id);
      if (!b) {
        b = document.createElement('button');
        b.type = 'button';
        b.className = 'm-control';
        b.dir = 'auto';
        b.dataset.action = a.id;
        b.addEventListener('click', () => {
          if (app && b.getAttribute('aria-disabled') !== 'true') app.action(b.dataset.action);
        });
      }
      b.textContent = a.label;
      b.setAttribute('aria-disabled', a.enabled ? 'false' : 'true');
      if ('pressed' in a) b.setAttribute('aria-pressed', a.pressed ? 'true' : 'false'); else b.removeAttribute('aria-pressed');
      place(b, a.rect);
      return b;
    });
    for (const b of byId.values()) b.remove();
    reorder(container, order);
  }

  // Puts `children` in `container` in this order, moving only what is out of
  // place (moving a focused element would blur it).
  function reorder(container, children) {
    children.forEach((child, i) => {
      if (container.children[i] !== child) container.insertBefore(child, container.children[i] || null);
    });
  }

  function renderTexts(container, lines, tag) {
    container.replaceChildren(...lines.map((t) => {
      const p = document.createElement(tag);
      p.dir = 'auto';
      p.textContent = t;
      return p;
    }));
  }

  // A group per section of the form ("" is the account section), so two
  // fields with one label in different sections can be told apart.
  const sections = new Map();  // label -> element
  function sectionGroup(label) {
    let g = sections.get(label);
    if (!g) {
      g = document.createElement('div');
      g.setAttribute('role', 'group');
      sections.set(label, g);
    }
    g.setAttribute('aria-label', label || tr('form.section_account'));
    return g;
  }

  // "Your devices and your account" (wasm/app/devices_mirror.hpp): the
  // sessions as a table, its buttons, a live region for the results, and the
  // deletion step with its confirmation field. Texts are visually hidden;
  // buttons lie over the canvas's as the others do.
  const el = (tag, props, ...children) => {
    const e = Object.assign(document.createElement(tag), props || {});
    e.append(...children);
    return e;
  };
  const hiddenText = (tag, text) => el(tag, { className: 'm-hidden', textContent: text });
  const devices = el('section', { id: 'm-devices', hidden: true });
  const devicesHeading = el('h2', { id: 'm-devices-heading', className: 'm-hidden' });
  const devicesActions = el('div', { role: 'group' });
  const sessionsBody = el('tbody');
  // The caption and headers take their words in renderDevices (the catalog's).
  const sessionsCaption = hiddenText('caption', '');
  const columnKeys = ['devices.column_device', 'devices.column_address', 'devices.column_signed_in',
    'devices.column_last_active', 'devices.sign_out'];
  const columnHeads = columnKeys.map(() => hiddenText('span', ''));
  const sessionsTable = el('table', { id: 'm-sessions' },
    sessionsCaption,
    el('thead', {}, el('tr', {}, ...columnHeads.map((h) => el('th', { scope: 'col' }, h)))),
    sessionsBody);
  const devicesResult = el('p', { className: 'm-hidden' });
  const deleteTitle = el('h3', { id: 'm-delete-title', className: 'm-hidden' });
  const deleteLines = el('div', { className: 'm-hidden' });
  const deleteField = el('div');
  const deleteError = el('p', { className: 'm-hidden' });
  const deleteActions = el('div');
  const deleteStep = el('div', { hidden: true }, deleteTitle, deleteLines, deleteField, deleteError, deleteActions);
  devices.setAttribute('aria-labelledby', devicesHeading.id);
  devicesActions.setAttribute('aria-labelledby', devicesHeading.id);
  devicesResult.setAttribute('role', 'status');
  devicesResult.setAttribute('aria-live', 'polite');
  deleteError.setAttribute('role', 'alert');
  deleteStep.setAttribute('role', 'group');
  deleteStep.setAttribute('aria-labelledby', deleteTitle.id);
  devices.append(devicesHeading, devicesActions, sessionsTable, devicesResult, deleteStep);
  actionBar.after(devices);

  function renderDevices(d) {
    devices.hidden = !d;
    if (!d) return;
    devicesHeading.textContent = d.heading;
    sessionsCaption.textContent = tr('devices.where');
    columnHeads.forEach((h, i) => { h.textContent = tr(columnKeys[i]); });
    renderButtons(devicesActions, d.actions);
    const toggle = devicesActions.querySelector('[data-action="sessions-toggle"]');
    if (toggle) {
      toggle.setAttribute('aria-expanded', d.sessionsOpen ? 'true' : 'false');
      toggle.setAttribute('aria-controls', sessionsTable.id);
    }
    sessionsTable.hidden = !d.sessionsOpen;
    sessionsTable.setAttribute('aria-busy', d.listStatus === 'loading' ? 'true' : 'false');
    // Rows by content; the row buttons by action id (renderButtons), so a
    // focused button stays the same element.
    const rows = d.sessions.map((row) => {
      const device = row.current ? tr('mirror.this_device', { device: row.device }) : row.device;
      const key = JSON.stringify([device, row.address, row.started, row.lastActive, row.action && row.action.id]);
      let rowEl = Array.from(sessionsBody.children).find((r) => r.dataset.key === key);
      if (!rowEl) {
        rowEl = el('tr', {}, ...[device, row.address, row.started, row.lastActive].map((t) => el('td', {}, hiddenText('span', t))),
          el('td'));
        rowEl.dataset.key = key;
      }
      renderButtons(rowEl.lastElementChild, row.action ? [row.action] : []);
      return rowEl;
    });
    for (const r of Array.from(sessionsBody.children)) if (!rows.includes(r)) r.remove();
    reorder(sessionsBody, rows);
    if (devicesResult.textContent !== d.result) devicesResult.textContent = d.result;

    deleteStep.hidden = !d.delete;
    if (d.delete) {
      deleteTitle.textContent = d.delete.title;
      if (deleteLines.dataset.key !== JSON.stringify(d.delete.lines)) {
        deleteLines.dataset.key = JSON.stringify(d.delete.lines);
        renderTexts(deleteLines, d.delete.lines, 'p');
      }
      if (deleteError.textContent !== d.delete.error) deleteError.textContent = d.delete.error;
      const placed = current.fields.filter((f) => f.place === 'devices').map((f) => fields.get(f.id).wrap);
      reorder(deleteField, placed);
      renderButtons(deleteActions, d.delete.actions);
    }
  }

  // "Get help": a real link to SUPPORT_URL (current.help, null when unset)
  // in a new tab, kept while `wanted`; `place` puts a new one in the page.
  function showHelpLink(link, wanted, place) {
    const help = current && current.help;
    if (!wanted || !help) {
      if (link) link.remove();
      return null;
    }
    if (!link) {
      link = document.createElement('a');
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.dataset.help = '';
      link.className = 'm-hidden';  // read and reached with Tab, never seen: the canvas draws the link
      place(link);
    }
    if (link.getAttribute('href') !== help.url) link.href = help.url;
    if (link.textContent !== help.text) link.textContent = help.text;
    return link;
  }
  let alertsHelpLink = null;

  let alertsShown = '[]';
  let dialogOpener = null;  // what had the focus when a dialog opened

  function update(d) {
    const before = current;
    const hadFocus = mirrorHasFocus();
    current = d;
    heading.textContent = d.heading;
    actionBar.setAttribute('aria-label', tr('mirror.actions'));
    const textInput = document.getElementById('text-input');
    if (textInput) textInput.setAttribute('aria-label', tr('mirror.text_input'));
    const alertsKey = JSON.stringify(d.alerts);
    if (alertsShown !== alertsKey) {
      alertsShown = alertsKey;
      renderTexts(alerts, d.alerts, 'p');
    }
    if (status.textContent !== d.status) status.textContent = d.status;
    alertsHelpLink = showHelpLink(alertsHelpLink, d.alerts.length > 0 || d.screen === 'error', (a) => alertsHelp.append(a));

    const seen = new Set();
    const groups = new Map();  // section label -> [wrap]
    for (const f of d.fields) {
      seen.add(f.id);
      const wrap = updateField(f).wrap;
      if (f.place) continue;  // a field of another part of the page (renderDevices places it)
      if (!groups.has(f.section || '')) groups.set(f.section || '', []);
      groups.get(f.section || '').push(wrap);
    }
    // A section with only buttons and a status line (Sign-in and security before a step opens).
    for (const label of Object.keys({ ...d.sectionActions, ...d.sectionStatus })) {
      if (!groups.has(label)) groups.set(label, []);
    }
    for (const [id, entry] of fields) {
      if (!seen.has(id)) {
        entry.wrap.remove();
        fields.delete(id);
      }
    }
    for (const [label, g] of sections) {
      if (!groups.has(label)) {
        g.remove();
        sections.delete(label);
      }
    }
    // DOM order is visual order (and so Tab order).
    reorder(form, Array.from(groups.keys(), (label) => sectionGroup(label)));
    const sectionActions = d.sectionActions || {};
    const sectionStatus = d.sectionStatus || {};
    for (const [label, wraps] of groups) {
      const extras = label in sectionActions || label in sectionStatus
        ? sectionParts(label, sectionActions[label], sectionStatus[label]) : [];
      reorder(sectionGroup(label), wraps.concat(extras));
    }
    renderButtons(actionBar, d.actions);
    renderDevices(d.devices || null);

    const dialogOpen = !!d.dialog;
    const wasOpen = !!(before && before.dialog);
    if (dialogOpen) {
      dialogTitle.textContent = d.dialog.title;
      renderTexts(dialogLines, d.dialog.lines, 'p');
      renderButtons(dialogActions, d.dialog.actions);
    }
    if (dialogOpen && !wasOpen) {
      dialogOpener = hadFocus ? document.activeElement : null;
      dialog.hidden = false;
      form.inert = actionBar.inert = true;
      if (hadFocus && dialogActions.firstElementChild) dialogActions.firstElementChild.focus({ preventScroll: true });
    } else if (!dialogOpen && wasOpen) {
      // Back to where the person was (the button that opened it, or the field).
      const inDialog = dialog.contains(document.activeElement);
      form.inert = actionBar.inert = false;
      dialog.hidden = true;
      const field = d.focused && fields.get(d.focused);
      const back = dialogOpener && root.contains(dialogOpener) ? dialogOpener : field ? field.control : actionBar.firstElementChild;
      dialogOpener = null;
      if (inDialog && back) back.focus({ preventScroll: true });
    }

    // The app moved its focus (Enter to the next field, Esc, an error on
    // save): the mirror follows while it holds the keyboard.
    const moved = !before || before.focused !== d.focused;
    const target = d.focused && fields.get(d.focused);
    if (moved && !dialogOpen && mirrorHasFocus() && target && document.activeElement !== target.control) {
      target.control.focus({ preventScroll: true });
    }
  }

  // Keys in the mirror are the mirror's: the canvas's window-level listeners
  // (Emscripten's GLFW, the clipboard bridge), registered after this script,
  // never see them. The app's own shortcuts are forwarded.
  // Tab from the page itself (nothing focused, or the canvas after a click
  // on something other than a text field) enters the mirror after the field
  // the app has focused. In the canvas's own text input Tab is the app's,
  // except past its last (Shift: first) field: then it goes on to the
  // mirror's buttons and out of the page, so the keyboard is never trapped.
  function tabTakenFromCanvas(e) {
    if (e.key !== 'Tab' || root.contains(e.target)) return false;
    const editable = current ? current.fields.filter((f) => !f.readonly && !f.place).map((f) => f.id) : [];
    const edge = e.shiftKey ? editable[0] : editable[editable.length - 1];
    const textInput = document.getElementById('text-input');
    // The browser's field over a canvas field (wasm/js/field_overlay.js) is the canvas's text input too.
    const canvasInput = e.target === textInput || (e.target.classList && e.target.classList.contains('field-overlay'));
    if (canvasInput && !(current && current.focused && current.focused === edge)) return false;
    e.stopImmediatePropagation();
    const entry = e.type === 'keydown' && current && current.focused && fields.get(current.focused);
    if (entry && !form.inert) entry.control.focus({ preventScroll: true });  // the default action moves on from it
    return true;
  }

  function ownKeys(e) {
    if (tabTakenFromCanvas(e)) return;
    if (!root.contains(e.target)) return;
    e.stopImmediatePropagation();
    if (e.type !== 'keydown' || !app || e.isComposing) return;
    const entry = entryOf(e.target);
    // Esc and Enter act on the app's focused field, which this control's
    // focus event made it (synchronously), unless it is read-only: then the
    // app kept another field focused, and the keys must not reach that one.
    const ownField = entry && current && current.fields.some((f) => f.id === entry.id && !f.readonly);
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && !e.shiftKey && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      app.key('save');
    } else if (e.key === 'Escape' && (ownField || (!entry && current && current.dialog))) {
      e.preventDefault();
      app.key('escape');
    } else if (e.key === 'Enter' && ownField && entry.kind !== 'textarea' && !mod) {
      e.preventDefault();
      app.key('enter');
    }
  }
  for (const type of ['keydown', 'keypress', 'keyup']) window.addEventListener(type, ownKeys, true);
  // Clipboard events in the mirror are its inputs' own (the canvas's
  // clipboard bridge listens on the document and would take them).
  for (const type of ['paste', 'copy', 'cut']) {
    window.addEventListener(type, (e) => { if (root.contains(e.target)) e.stopImmediatePropagation(); }, true);
  }

  document.addEventListener('selectionchange', () => {
    const entry = entryOf(document.activeElement);
    if (entry) sendSelection(entry);
  });
  form.addEventListener('submit', (e) => e.preventDefault());

  // A click or tap on the canvas gives the keyboard back to the canvas. A
  // finger counts on its tap (the click after it), not as it lands: it may
  // be a drag scrolling the form, which must not close the on-screen keyboard.
  const canvas = document.getElementById('canvas');
  if (canvas) {
    const giveBack = () => { if (mirrorHasFocus()) document.activeElement.blur(); };
    canvas.addEventListener('pointerdown', (e) => { if (e.pointerType !== 'touch') giveBack(); }, true);
    canvas.addEventListener('click', giveBack, true);
  }

  window.profileDeskMirror = {
    attach(handlers) { app = handlers; },
    update,
    hasFocus: mirrorHasFocus,
  };
})();
