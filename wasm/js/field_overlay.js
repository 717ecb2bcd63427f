// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// browser's text field over a canvas field, for platform/field_overlay.cpp
// (which says when and why). One <input> and one <textarea>, made once, with
// dir="auto": the browser lays out, shapes and edits their text.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // Before glfwInit: listeners on window in the capture phase run in the
  // order they were added, and Emscripten's GLFW adds its own there (it
  // cancels Backspace and Tab, and would type every key into the canvas
  // too). So keys in the overlay stop here, except the app's own
  // (_pd_overlay_key says which); so do its clipboard events, which the
  // clipboard bridge (clipboard.js) would otherwise take for the canvas.
  pd_js_install_field_overlay__deps: ['$stringToNewUTF8', 'free', 'pd_js_platform_is_mac',
    'pd_js_field_overlay_close'],
  pd_js_install_field_overlay: function () {
    // The overlay's elements and state, shared by the functions below.
    var o = Module.pdFieldOverlay = { line: null, area: null, shown: null, composing: false };
    var make = function (tag) {
      var el = document.createElement(tag);
      el.className = 'field-overlay';
      el.dir = 'auto';
      el.hidden = true;
      el.tabIndex = -1;  // reached by the app's focus order, never by the page's Tab
      el.autocomplete = 'off';
      el.spellcheck = false;
      el.setAttribute('autocapitalize', 'off');
      document.body.appendChild(el);
      return el;
    };
    o.line = make('input');
    o.line.type = 'text';
    o.area = make('textarea');
    var mine = function (t) { return t === o.line || t === o.area; };
    var isMac = _pd_js_platform_is_mac() !== 0;
    var send = function (el) {
      var p = stringToNewUTF8(el.value);
      _pd_overlay_input(p);
      _free(p);
    };
    var onKey = function (e) {
      if (!mine(e.target)) return;
      e.stopImmediatePropagation();
      if (e.type !== 'keydown' || e.isComposing || e.keyCode === 229) return;  // 229: a key the IME is using
      var p = stringToNewUTF8(e.key || '');
      var taken = _pd_overlay_key(p, e.shiftKey ? 1 : 0, (isMac ? e.metaKey : e.ctrlKey) ? 1 : 0, e.altKey ? 1 : 0);
      _free(p);
      if (taken) e.preventDefault();
      if (taken === 2) _pd_js_field_overlay_close();
    };
    ['keydown', 'keypress', 'keyup'].forEach(function (type) { window.addEventListener(type, onKey, true); });
    ['paste', 'copy', 'cut'].forEach(function (type) {
      window.addEventListener(type, function (e) { if (mine(e.target)) e.stopImmediatePropagation(); }, true);
    });
    [o.line, o.area].forEach(function (el) {
      // The draft takes each change; a composition's text once it is committed.
      el.addEventListener('input', function (e) { if (!e.isComposing) send(el); });
      el.addEventListener('compositionstart', function () { o.composing = true; });
      el.addEventListener('compositionend', function () {
        o.composing = false;
        send(el);
      });
      // Losing the keyboard ends the editing, but not when the whole window
      // does (another application, another tab): it comes back with it.
      el.addEventListener('blur', function () {
        if (o.shown === el && document.hasFocus()) {
          o.shown = null;
          el.hidden = true;
          _pd_overlay_closed();
        }
      });
    });
    // A click elsewhere on the canvas (text_input.js keeps the focus where it
    // is on a canvas mousedown, so it must be given back here).
    var canvas = document.getElementById('canvas');
    if (canvas) {
      canvas.addEventListener('pointerdown', function () {
        if (o.shown && document.activeElement === o.shown) _pd_js_field_overlay_close();
      }, true);
    }
  },

  // `start`, `end`: code points (the app's caret), turned into UTF-16 units.
  pd_js_field_overlay_open__deps: ['pd_js_field_overlay_close'],
  pd_js_field_overlay_open: function (label, text, multiLine, start, end) {
    var o = Module.pdFieldOverlay;
    if (o.shown) _pd_js_field_overlay_close();
    var el = multiLine ? o.area : o.line;
    var value = UTF8ToString(text);
    var units = function (cp) {
      var n = 0;
      for (var i = 0; i < cp && n < value.length; ++i) {
        var c = value.charCodeAt(n);
        n += c >= 0xD800 && c <= 0xDBFF && n + 1 < value.length ? 2 : 1;  // a pair is one code point
      }
      return n;
    };
    el.value = value;
    el.setAttribute('aria-label', UTF8ToString(label));
    el.hidden = false;
    o.shown = el;
    o.composing = false;
    el.focus({ preventScroll: true });
    el.setSelectionRange(units(start), units(end));
  },

  // Over the field's frame (ImGui units are CSS pixels from the canvas's
  // corner), clipped to the part its window shows; the text, font, colour
  // and padding ImGui's field would use. `rgba`: an ImU32 (R in the low byte).
  pd_js_field_overlay_place: function (x, y, w, h, cx0, cy0, cx1, cy1, fontFamily, fontSize, lineHeight, padX, padY,
    rgba, text) {
    var o = Module.pdFieldOverlay;
    var el = o.shown;
    if (!el) return;
    var canvas = document.getElementById('canvas');
    var c = canvas ? canvas.getBoundingClientRect() : { left: 0, top: 0 };
    var s = el.style;
    s.left = (c.left + x) + 'px';
    s.top = (c.top + y) + 'px';
    s.width = w + 'px';
    s.height = h + 'px';
    s.clipPath = 'inset(' + Math.max(0, cy0 - y) + 'px ' + Math.max(0, x + w - cx1) + 'px ' +
      Math.max(0, y + h - cy1) + 'px ' + Math.max(0, cx0 - x) + 'px)';
    var family = UTF8ToString(fontFamily);
    if (family && s.fontFamily !== family) s.fontFamily = family;
    s.fontSize = fontSize + 'px';
    s.lineHeight = lineHeight + 'px';
    s.padding = (el === o.area ? padY : 0) + 'px ' + padX + 'px';
    var colour = 'rgba(' + (rgba & 255) + ',' + ((rgba >>> 8) & 255) + ',' + ((rgba >>> 16) & 255) + ',' +
      (((rgba >>> 24) & 255) / 255) + ')';
    s.color = colour;
    s.caretColor = colour;
    // The draft changed elsewhere (the form mirror, a save's answer); never
    // under a composition, whose text is not in the draft yet.
    var value = UTF8ToString(text);
    if (!o.composing && el.value !== value) el.value = value;
  },

  pd_js_field_overlay_close: function () {
    var o = Module.pdFieldOverlay;
    var el = o.shown;
    if (!el) return;
    o.shown = null;
    // The keyboard goes back to the canvas's own text input (text_input.js)
    // at once: left on the page, a Tab before the next frame would go to the
    // form mirror (shell/form_mirror.js takes Tab from the page).
    if (document.activeElement === el) {
      var area = document.getElementById('text-input');
      if (area) area.focus({ preventScroll: true }); else el.blur();
    }
    el.hidden = true;
    _pd_overlay_closed();
  },

  pd_js_field_overlay_has_focus: function () {
    var o = Module.pdFieldOverlay;
    return o.shown && document.activeElement === o.shown ? 1 : 0;
  },

  pd_js_field_overlay_type: function (text) {
    var el = Module.pdFieldOverlay.shown;
    if (!el) return;
    el.setRangeText(UTF8ToString(text), el.selectionStart, el.selectionEnd, 'end');
    el.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: UTF8ToString(text) }));
  },
});
