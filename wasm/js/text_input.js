// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// hidden text field of platform/bridge.cpp, and which keyboard the platform
// has.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // Text that arrives without key events: IME and dead-key compositions,
  // mobile keyboards, and characters a keyboard layout lacks (what
  // Playwright's keyboard.type sends for "Î"). A hidden <textarea>
  // (shell/index.html) holds the focus while ImGui wants text; plain keys
  // still reach GLFW's listeners, so their keypress is stopped here to avoid
  // typing each character twice. The text goes to pd_text_input (input.cpp).
  pd_js_install_text_input__deps: ['$stringToNewUTF8', 'free'],
  pd_js_install_text_input: function () {
    var area = document.getElementById('text-input');
    if (!area) return;
    var send = function (text) {
      if (!text) return;
      var p = stringToNewUTF8(text);
      _pd_text_input(p);
      _free(p);
    };
    area.addEventListener('keypress', function (e) { e.preventDefault(); });
    area.addEventListener('input', function (e) {
      if (!e.isComposing && e.data && (e.inputType === 'insertText' || e.inputType === 'insertReplacementText')) send(e.data);
      if (!e.isComposing) area.value = '';
    });
    // Emscripten's GLFW listens for "blur" on window in the capture phase, so
    // any element losing focus releases every held key (a Ctrl of Ctrl+A,
    // say). So focus never bounces between the canvas and this field: a click
    // on the canvas leaves the focus where it is.
    var canvas = document.getElementById('canvas');
    if (canvas) canvas.addEventListener('mousedown', function (e) { e.preventDefault(); });
    area.addEventListener('compositionend', function (e) { send(e.data); area.value = ''; });
  },

  pd_js_focus_text_input: function (on) {
    var area = document.getElementById('text-input');
    if (!area) return;
    // Focus only, never blur (see pd_js_install_text_input).
    if (on && document.activeElement !== area) area.focus({ preventScroll: true });
  },

  // 1 on macOS and iOS (Cmd is the shortcut key there), else 0.
  pd_js_platform_is_mac: function () {
    var name = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || '';
    return /mac|iphone|ipad|ipod/i.test(name) ? 1 : 0;
  },
});
