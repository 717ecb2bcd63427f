// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// page's address, for platform/location.cpp. The re-authentication round trip
// comes back at "/?resume=<action>" (app/reauth.hpp); once the step is open
// again the address loses the query, so a reload does not reopen it.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // location.search as malloc'd UTF-8 (the caller frees it).
  pd_js_location_search__deps: ['$stringToNewUTF8'],
  pd_js_location_search: function () {
    return stringToNewUTF8(window.location.search || '');
  },

  pd_js_replace_url: function (url) {
    try {
      window.history.replaceState(window.history.state, '', UTF8ToString(url));
    } catch (e) {
      console.warn('address not replaced', e);
    }
  },
});
