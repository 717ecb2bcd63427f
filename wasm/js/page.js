// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// page services of platform/bridge.cpp. Leaving the page, the unsaved-changes
// guard, and the draft in the tab's sessionStorage. window.profileDesk is
// shell/loader.js's; its beforeunload listener reads _unsaved.
//
// Each entry is written `name: function (...) {...}`: Emscripten 3.1.6 names
// the function by rewriting its source text (see scripts/lint-js's rules).
// No __sig: Emscripten 3.1.6 reads it only when dynamically linking.
mergeInto(LibraryManager.library, {
  pd_js_navigate: function (url) {
    if (window.profileDesk) window.profileDesk._unsaved = false;
    window.location.assign(UTF8ToString(url));
  },

  pd_js_set_unsaved: function (on) {
    if (window.profileDesk) window.profileDesk._unsaved = !!on;
  },

  pd_js_store_draft: function (key, text) {
    try {
      window.sessionStorage.setItem(UTF8ToString(key), UTF8ToString(text));
    } catch (e) {
      console.warn('draft not kept', e);
    }
  },

  // The draft as malloc'd UTF-8 (the caller frees it), or 0 when none.
  pd_js_load_draft__deps: ['$stringToNewUTF8'],
  pd_js_load_draft: function (key) {
    var v = null;
    try {
      v = window.sessionStorage.getItem(UTF8ToString(key));
    } catch (e) {
      v = null;
    }
    if (v === null) return 0;
    return stringToNewUTF8(v);
  },

  pd_js_clear_draft: function (key) {
    try {
      window.sessionStorage.removeItem(UTF8ToString(key));
    } catch (e) { /* storage unavailable: nothing to clear */ }
  },

  // A draft earlier versions left in localStorage (main.cpp says why it goes).
  pd_js_remove_old_local_draft: function (key) {
    try {
      window.localStorage.removeItem(UTF8ToString(key));
    } catch (e) { /* storage unavailable: nothing to remove */ }
  },
});
