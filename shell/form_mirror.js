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
// each frame that changed it (wasm/state/form_mirror.cpp makes it) and
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

  let app = null;            // {focus, edit, select, action, key}: the app's handlers
  let current = null;        // the last description
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
      c.type = f.kind === 'checkbox' ? 'checkbox' : 'text';
      if (f.kind === 'number') c.inputMode = 'decimal';
      if (f.kind === 'date') c.inputMode = 'numeric';
    }
    c.className = 'm-control';
    c.autocomplete = 'off';
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
        c.replaceChildren(...f.options.map((o) => new Option(o.label, o.value)));
      }
    }
    if ('readOnly' in c && isText(f)) c.readOnly = f.readonly;
    c.setAttribute('aria-readonly', f.readonly ? 'true' : 'false');
    c.setAttribute('aria-invalid', f.invalid ? 'true' : 'false');
    if (f.placeholder) c.placeholder = f.placeholder;
    const note = f.error || f.reason || f.help || '';
    entry.note.textContent = note;
    if (note) c.setAttribute('aria-describedby', entry.note.id); else c.removeAttribute('aria-describedby');
    if (f.invalid) c.setAttribute('aria-errormessage', entry.note.id); else c.removeAttribute('aria-errormessage');
    setValue(entry, f, false);
    place(c, f.rect);
    return entry;
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

  function renderButtons(container, actions) {
    const buttons = Array.from(container.children);
    actions.forEach((a, i) => {
      let b = buttons[i];
      if (!b) {
        b = document.createElement('button');
        b.type = 'button';
        b.className = 'm-control';
        b.addEventListener('click', () => {
          if (app && b.getAttribute('aria-disabled') !== 'true') app.action(b.dataset.action);
        });
        container.append(b);
      }
      b.dataset.action = a.id;
      b.textContent = a.label;
      b.setAttribute('aria-disabled', a.enabled ? 'false' : 'true');
      if ('pressed' in a) b.setAttribute('aria-pressed', a.pressed ? 'true' : 'false'); else b.removeAttribute('aria-pressed');
      place(b, a.rect);
    });
    for (const b of buttons.slice(actions.length)) b.remove();
  }

  function renderTexts(container, lines, tag) {
    container.replaceChildren(...lines.map((t) => {
      const p = document.createElement(tag);
      p.textContent = t;
      return p;
    }));
  }

  function update(d) {
    const before = current;
    const hadFocus = mirrorHasFocus();
    const activeBefore = document.activeElement;
    current = d;
    heading.textContent = d.heading;
    if (alerts.textContent !== d.alerts.join('\n')) renderTexts(alerts, d.alerts, 'p');
    if (status.textContent !== d.status) status.textContent = d.status;

    const seen = new Set();
    const order = d.fields.map((f) => {
      seen.add(f.id);
      return updateField(f).wrap;
    });
    for (const [id, entry] of fields) {
      if (!seen.has(id)) {
        entry.wrap.remove();
        fields.delete(id);
      }
    }
    // Visual order is DOM order (and so Tab order); moving a node blurs it, so only when it differs.
    if (order.some((w, i) => form.children[i] !== w)) {
      form.replaceChildren(...order);
      if (hadFocus && activeBefore && root.contains(activeBefore) && document.activeElement !== activeBefore) {
        activeBefore.focus({ preventScroll: true });
      }
    }
    renderButtons(actionBar, d.actions);

    const dialogOpen = !!d.dialog;
    const wasOpen = !!(before && before.dialog);
    dialog.hidden = !dialogOpen;
    form.inert = dialogOpen;
    actionBar.inert = dialogOpen;
    if (dialogOpen) {
      dialogTitle.textContent = d.dialog.title;
      renderTexts(dialogLines, d.dialog.lines, 'p');
      renderButtons(dialogActions, d.dialog.actions);
      if (!wasOpen && hadFocus && dialogActions.firstElementChild) dialogActions.firstElementChild.focus({ preventScroll: true });
    } else if (wasOpen && hadFocus && !mirrorHasFocus() && actionBar.firstElementChild) {
      actionBar.firstElementChild.focus({ preventScroll: true });
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
  // on something other than a text field) enters the mirror, after the
  // field the app has focused; the canvas's own text input keeps its Tab.
  function ownKeys(e) {
    const textInput = document.getElementById('text-input');
    if (e.key === 'Tab' && !root.contains(e.target) && e.target !== textInput) {
      e.stopImmediatePropagation();
      const entry = e.type === 'keydown' && current && current.focused && fields.get(current.focused);
      if (entry && !form.inert) entry.control.focus({ preventScroll: true });  // the default action then moves on from it
      return;
    }
    if (!root.contains(e.target)) return;
    e.stopImmediatePropagation();
    if (e.type !== 'keydown' || !app || e.isComposing) return;
    const entry = entryOf(e.target);
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && !e.shiftKey && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      app.key('save');
    } else if (e.key === 'Escape' && (entry || current && current.dialog)) {
      e.preventDefault();
      app.key('escape');
    } else if (e.key === 'Enter' && entry && entry.kind !== 'textarea' && !mod) {
      e.preventDefault();
      app.key('enter');
    }
  }
  for (const type of ['keydown', 'keypress', 'keyup']) window.addEventListener(type, ownKeys, true);

  document.addEventListener('selectionchange', () => {
    const entry = entryOf(document.activeElement);
    if (entry) sendSelection(entry);
  });
  form.addEventListener('submit', (e) => e.preventDefault());

  // A click or tap on the canvas gives the keyboard back to the canvas.
  const canvas = document.getElementById('canvas');
  if (canvas) {
    canvas.addEventListener('pointerdown', () => {
      if (mirrorHasFocus()) document.activeElement.blur();
    }, true);
  }

  window.profileDeskMirror = {
    attach(handlers) { app = handlers; },
    update,
    hasFocus: mirrorHasFocus,
  };
})();
