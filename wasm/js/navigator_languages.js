// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// browser's preferred languages, for platform/navigator_languages.cpp.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // navigator.languages (else navigator.language), one tag a line, as
  // malloc'd UTF-8 (the caller frees it).
  pd_js_navigator_languages__deps: ['$stringToNewUTF8'],
  pd_js_navigator_languages: function () {
    var tags = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    return stringToNewUTF8(Array.prototype.join.call(tags, '\n'));
  },
});
