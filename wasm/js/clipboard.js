// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// system clipboard of platform/bridge.cpp, for the hidden text field
// (text_input.js) and ImGui's copy and cut.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // Paste: the app queues a paste shortcut (Ctrl+V or Ctrl+Shift+V, Cmd on
  // macOS, Shift+Insert) until its text arrives through pd_paste_text: from
  // the paste event the browser fires right after the keydown, or, where
  // none comes (no native shortcut), from navigator.clipboard.readText.
  // The shortcut is judged here exactly as the input queue judges it
  // (is_paste_shortcut in platform/input.cpp).
  // Copy and cut: the event's clipboardData gets the field's selection when
  // the app can tell it now (pd_clipboard_selection); ImGui's own copy, a
  // frame later, goes through pd_js_write_clipboard unless that already did.
  pd_js_install_clipboard__deps: ['$stringToNewUTF8', 'free', 'pd_js_platform_is_mac'],
  pd_js_install_clipboard: function () {
    var area = document.getElementById('text-input');
    if (!area) return;
    var sendPaste = function (text) {
      var p = stringToNewUTF8(text || '');
      _pd_paste_text(p);
      _free(p);
    };
    var isMac = _pd_js_platform_is_mac() !== 0;
    var shortcuts = [];  // paste shortcuts whose paste event has not come yet
    window.addEventListener('keydown', function (e) {
      if (e.repeat || e.altKey) return;
      // Ctrl+Shift+V (paste as plain text) too: only plain text is ever pasted.
      var v = (e.code === 'KeyV' || (e.key && e.key.toLowerCase() === 'v')) && (isMac ? e.metaKey : e.ctrlKey) &&
              !(isMac ? e.ctrlKey : e.metaKey);
      var ins = e.key === 'Insert' && e.shiftKey && !e.ctrlKey && !e.metaKey;
      if (!v && !ins) return;
      var shortcut = { done: false };
      shortcuts.push(shortcut);
      setTimeout(function () {
        var i = shortcuts.indexOf(shortcut);
        if (i >= 0) shortcuts.splice(i, 1);
        if (shortcut.done) return;
        shortcut.done = true;
        // Only for a field (the focused text input): reading asks for permission.
        if (document.activeElement === area && navigator.clipboard && navigator.clipboard.readText) {
          navigator.clipboard.readText().then(sendPaste, function (err) {
            console.warn('clipboard not readable', err);
            sendPaste('');
          });
        } else {
          sendPaste('');
        }
      }, 0);
    }, true);
    document.addEventListener('paste', function (e) {
      var data = e.clipboardData || window.clipboardData;
      if (!data) return;
      e.preventDefault();
      var shortcut = shortcuts.shift();
      if (shortcut) shortcut.done = true;
      sendPaste(data.getData('text/plain') || data.getData('text') || '');
    });
    var onCopy = function (cut) {
      return function (e) {
        if (!e.clipboardData) return;
        var p = _pd_clipboard_selection(cut ? 1 : 0);
        if (!p) return;
        var text = UTF8ToString(p);
        _free(p);
        e.clipboardData.setData('text/plain', text);
        e.preventDefault();
        Module.pdLastCopy = { text: text, at: Date.now() };
      };
    };
    document.addEventListener('copy', onCopy(false));
    document.addEventListener('cut', onCopy(true));
  },

  // ImGui's SetClipboardTextFn: what a copy or cut event wrote just before is
  // not written again; otherwise navigator.clipboard.writeText (allowed
  // while the page has the focus, right after the key).
  pd_js_write_clipboard: function (text_ptr) {
    var text = UTF8ToString(text_ptr);
    var last = Module.pdLastCopy;
    Module.pdLastCopy = null;
    if (last && last.text === text && Date.now() - last.at < 2000) return;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(function (err) { console.warn('clipboard not written', err); });
    }
  },
});
