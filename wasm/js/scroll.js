// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// wheel and touch scrolling of platform/input.cpp, taken from the browser
// before Emscripten's GLFW sees them.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // Emscripten's GLFW hands the wheel event's raw deltaY to the scroll
  // callback (100 per notch in Chromium, in the browser's sign), which ImGui
  // takes as 100 notches upwards: the form jumped to its top or end. The
  // event is taken here first, as steps ImGui expects (a notch = 1, up
  // positive, a trackpad's pixels a fraction) for pd_wheel, and never
  // reaches GLFW. Ctrl+wheel stays the browser's zoom.
  pd_js_install_wheel: function () {
    var canvas = document.getElementById('canvas');
    var mirror = document.getElementById('form-mirror');
    if (!canvas) return;
    window.addEventListener('wheel', function (e) {
      // Over the canvas, or the mirror's controls lying on it (a mouse on a touch screen), or the
      // browser's one-line field over a canvas field (field_overlay.js; a textarea scrolls itself).
      var overlay = e.target.classList && e.target.classList.contains('field-overlay') && e.target.tagName === 'INPUT';
      if (e.target !== canvas && !(mirror && mirror.contains(e.target)) && !overlay) return;
      e.stopPropagation();
      if (e.ctrlKey) return;  // Ctrl+wheel, a trackpad's pinch: the browser zooms
      var per = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 10 : 1 / 100;  // lines, pages, pixels
      _pd_wheel(-e.deltaX * per, -e.deltaY * per);
      e.preventDefault();
    }, { capture: true, passive: false });
  },

  // Touch on the canvas: GLFW never sees it (it would press the mouse button
  // where its cursor last was, a frame before it learns where the finger
  // is). A tap still clicks through the mouse events the browser sends after
  // it; a single finger that moves more than a few pixels vertically, on the
  // canvas or on the form mirror's controls over it, scrolls the form
  // instead (pd_touch_scroll), and the browser then makes no click, no focus
  // and no page scroll of it.
  pd_js_install_touch_scroll: function () {
    var canvas = document.getElementById('canvas');
    var mirror = document.getElementById('form-mirror');
    if (!canvas) return;
    var g = null;
    var over = function (t) { return t === canvas || (mirror && mirror.contains(t)); };
    var find = function (list) {
      for (var i = 0; i < list.length; ++i) if (list[i].identifier === g.id) return list[i];
      return null;
    };
    var keepFromGlfw = function (e) { if (e.target === canvas) e.stopPropagation(); };
    window.addEventListener('touchstart', function (e) {
      keepFromGlfw(e);
      g = null;
      if (e.touches.length !== 1 || !over(e.target)) return;  // a pinch is the browser's
      var t = e.touches[0];
      g = { id: t.identifier, y0: t.clientY, y: t.clientY, scrolling: false };
    }, { capture: true, passive: true });
    window.addEventListener('touchmove', function (e) {
      keepFromGlfw(e);
      if (!g) return;
      if (e.touches.length !== 1) { g = null; return; }
      var t = find(e.changedTouches);
      if (!t) return;
      if (!g.scrolling) {
        if (Math.abs(t.clientY - g.y0) < 10) return;
        g.scrolling = true;
        g.y = g.y0;
      }
      _pd_touch_scroll(t.clientY - g.y);
      g.y = t.clientY;
      e.preventDefault();
    }, { capture: true, passive: false });
    var end = function (e) {
      keepFromGlfw(e);
      if (g && find(e.changedTouches)) g = null;
    };
    window.addEventListener('touchend', end, { capture: true, passive: true });
    window.addEventListener('touchcancel', end, { capture: true, passive: true });
  },
});
