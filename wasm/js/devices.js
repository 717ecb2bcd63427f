// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// browser services of platform/devices_bridge.cpp: saving the data export
// as a file, and the local time zone.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // GET `url` (same origin: the session cookie goes along); a 2xx answer is
  // saved through an <a download> on a blob, named as the server's
  // Content-Disposition says. The outcome goes to pd_download_done (status 0:
  // no answer), with the body of a failure so the app can say why.
  pd_js_download__deps: ['$stringToNewUTF8', 'free'],
  pd_js_download: function (url_ptr, id) {
    var url = UTF8ToString(url_ptr);
    var done = function (status, body, retryAfter) {
      var b = stringToNewUTF8(body || '');
      var r = stringToNewUTF8(retryAfter || '');
      _pd_download_done(id, status, b, r);
      _free(b);
      _free(r);
    };
    var fileName = function (disposition) {
      var m = /filename\*=UTF-8''([^;]+)/i.exec(disposition || '');
      if (m) {
        try { return decodeURIComponent(m[1]); } catch (e) { /* fall through to the plain name */ }
      }
      m = /filename="?([^";]+)"?/i.exec(disposition || '');
      return m ? m[1] : 'profiledesk-data.json';
    };
    fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok) {
          return res.text().then(function (text) { done(res.status, text, res.headers.get('Retry-After')); });
        }
        var name = fileName(res.headers.get('Content-Disposition'));
        return res.blob().then(function (blob) {
          var a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = name;
          a.hidden = true;
          document.body.appendChild(a);
          a.click();
          a.remove();
          // The browser has taken the file once the click's task ran.
          setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
          done(res.status, '', '');
        });
      })
      .catch(function () { done(0, '', ''); });
  },

  // Minutes east of UTC, now.
  pd_js_utc_offset_minutes: function () {
    return -new Date().getTimezoneOffset();
  },
});
