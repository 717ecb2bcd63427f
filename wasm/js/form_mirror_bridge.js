// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// JavaScript half of platform/form_mirror_bridge.cpp, talking to
// window.profileDeskMirror (shell/form_mirror.js).
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // Hands the mirror the app's handlers (pd_mirror_*); strings cross as
  // UTF-8 in the Wasm heap, freed once the handler returns.
  pd_js_attach_form_mirror__deps: ['$stringToNewUTF8', 'free'],
  pd_js_attach_form_mirror: function () {
    var mirror = window.profileDeskMirror;
    if (!mirror) return;
    var withStrings = function (strings, call) {
      var ptrs = strings.map(function (s) { return stringToNewUTF8(s); });
      try {
        return call.apply(null, ptrs);
      } finally {
        ptrs.forEach(function (p) { _free(p); });
      }
    };
    mirror.attach({
      focus: function (id) { withStrings([id], function (p) { _pd_mirror_focus(p); }); },
      edit: function (id, value, start, end) {
        return withStrings([id, value], function (p, v) { return _pd_mirror_edit(p, v, start, end) !== 0; });
      },
      select: function (id, start, end) { withStrings([id], function (p) { _pd_mirror_select(p, start, end); }); },
      action: function (name) { withStrings([name], function (p) { _pd_mirror_action(p); }); },
      key: function (name) { withStrings([name], function (p) { _pd_mirror_key(p); }); },
    });
  },

  pd_js_update_form_mirror: function (json) {
    if (window.profileDeskMirror) window.profileDeskMirror.update(JSON.parse(UTF8ToString(json)));
  },

  pd_js_form_mirror_has_focus: function () {
    return window.profileDeskMirror && window.profileDeskMirror.hasFocus() ? 1 : 0;
  },
});
