// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// site island for platform/site.cpp (the brand the server filled into
// index.html's #pd-site, server/http/site_page.hpp), the logo decoded into
// a GL texture (pd_logo_pixels) and opening a help page in a new tab.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // The island's member `name` as malloc'd UTF-8 (the caller frees it); ""
  // when the island, the member or a string value is missing.
  pd_js_site_member__deps: ['$stringToNewUTF8'],
  pd_js_site_member: function (name_ptr) {
    var value = '';
    try {
      var island = document.getElementById('pd-site');
      var site = island ? JSON.parse(island.textContent) : {};
      var member = site && site[UTF8ToString(name_ptr)];
      if (typeof member === 'string') value = member;
    } catch (e) {
      console.warn('site island unreadable', e);
    }
    return stringToNewUTF8(value);
  },

  // Decodes the logo (same origin: the CSP's img-src allows it) at most
  // `max_height` pixels high and 4 times as wide, keeping its aspect, and
  // hands RGBA pixels to pd_logo_pixels; a logo that fails is not drawn.
  pd_js_load_logo__deps: ['malloc', 'free'],
  pd_js_load_logo: function (url_ptr, max_height) {
    var img = new Image();
    img.decoding = 'async';
    img.onload = function () {
      try {
        var scale = Math.min(1, max_height / Math.max(img.naturalHeight, 1), (4 * max_height) / Math.max(img.naturalWidth, 1));
        var w = Math.max(1, Math.round(img.naturalWidth * scale));
        var h = Math.max(1, Math.round(img.naturalHeight * scale));
        var canvas = typeof OffscreenCanvas !== 'undefined' ? new OffscreenCanvas(w, h) : document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        var ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0, w, h);
        var data = ctx.getImageData(0, 0, w, h).data;
        var p = _malloc(data.length);
        HEAPU8.set(data, p);
        _pd_logo_pixels(p, w, h);
        _free(p);
      } catch (e) {
        console.warn('logo not decoded', e);
      }
    };
    img.onerror = function () { console.warn('logo not loaded'); };
    img.src = UTF8ToString(url_ptr);
  },

  // A new tab without a way back to this page (noopener): the help page is
  // another site's.
  pd_js_open_in_new_tab: function (url_ptr) {
    window.open(UTF8ToString(url_ptr), '_blank', 'noopener');
  },
});
