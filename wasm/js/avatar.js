// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// avatar decoding of platform/bridge.cpp, which turns the pixels into a GL
// texture (pd_avatar_pixels) or gives up (pd_avatar_failed).
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // Decodes with an <img> (CSP img-src applies), scales to at most 128 px,
  // and hands RGBA pixels to pd_avatar_pixels; pd_avatar_failed otherwise.
  // A picture on another origin comes through our server (GET
  // /api/profile/picture): the CSP allows only our origin, and its pixels
  // could not be read without CORS anyway.
  pd_js_load_avatar__deps: ['malloc', 'free'],
  pd_js_load_avatar: function (url_ptr, generation) {
    var url = UTF8ToString(url_ptr);
    try {
      if (new URL(url, location.href).origin !== location.origin) {
        url = '/api/profile/picture?for=' + encodeURIComponent(url);
      }
    } catch (e) {
      _pd_avatar_failed(generation);
      return;
    }
    var img = new Image();
    img.decoding = 'async';
    img.onload = function () {
      try {
        var scale = Math.min(1, 128 / Math.max(img.naturalWidth, img.naturalHeight, 1));
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
        _pd_avatar_pixels(generation, p, w, h);
        _free(p);
      } catch (e) {
        console.warn('avatar not decoded', e);
        _pd_avatar_failed(generation);
      }
    };
    img.onerror = function () { _pd_avatar_failed(generation); };
    img.src = url;
  },
});
