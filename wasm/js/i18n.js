// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// browser side of platform/i18n.cpp. Message catalogs (/web/i18n/<tag>.json),
// fetched once per page: shell/loader.js starts the first language's and
// English's in parallel with app.wasm and leaves the promises in
// window.profileDesk._catalogs, which this library reuses and adds to. The
// language's own choice (localStorage), navigator.languages, <html lang dir>
// and the mirror's, and dates and numbers by the browser's Intl.
//
// Written `name: function (...) {...}`, no __sig: see page.js. $PD_I18N below is a global of app.js.
/* global PD_I18N */
mergeInto(LibraryManager.library, {
  $PD_I18N: {
    // The tag dates and numbers are formatted in (set with the page's lang).
    locale: 'en',
    // tag -> Promise of the catalog's text, or null when it could not be fetched.
    catalog: function (tag) {
      var hook = window.profileDesk || (window.profileDesk = {});
      var cache = hook._catalogs || (hook._catalogs = {});
      if (!cache[tag]) {
        cache[tag] = fetch('/web/i18n/' + encodeURIComponent(tag) + '.json', { credentials: 'same-origin' })
          .then(function (res) {
            if (!res.ok) throw new Error('answered ' + res.status);
            return res.text();
          })
          .catch(function (err) {
            console.error('catalog ' + tag + ' not loaded:', err && err.message ? err.message : err);
            delete cache[tag];  // a later switch may try again
            return null;
          });
      }
      return cache[tag];
    },
    // Intl formatters for the current locale, made once per locale.
    formatters: {},
    formatter: function (kind) {
      var key = kind + ':' + PD_I18N.locale;
      var f = PD_I18N.formatters[key];
      if (f) return f;
      // The pseudo-locale (en-XA) formats as English.
      var locale = PD_I18N.locale === 'en-XA' ? 'en' : PD_I18N.locale;
      try {
        if (kind === 'date') f = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
        else if (kind === 'ago') f = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
        else f = new Intl.NumberFormat(locale);
      } catch (e) {
        console.warn('Intl has no ' + locale + ':', e);
        if (kind === 'date') f = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
        else if (kind === 'ago') f = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
        else f = new Intl.NumberFormat('en');
      }
      PD_I18N.formatters[key] = f;
      return f;
    },
  },

  // localStorage["profiledesk.language"] as malloc'd UTF-8 ("" when none or unreadable).
  pd_js_stored_language__deps: ['$stringToNewUTF8'],
  pd_js_stored_language: function (key) {
    var v = '';
    try {
      v = window.localStorage.getItem(UTF8ToString(key)) || '';
    } catch (e) {
      console.warn('language choice not readable', e);
    }
    return stringToNewUTF8(v);
  },

  pd_js_store_language: function (key, tag) {
    try {
      window.localStorage.setItem(UTF8ToString(key), UTF8ToString(tag));
    } catch (e) {
      console.warn('language choice not kept', e);
    }
  },

  // navigator.languages as a malloc'd JSON array of tags.
  pd_js_navigator_languages__deps: ['$stringToNewUTF8'],
  pd_js_navigator_languages: function () {
    var list = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
    return stringToNewUTF8(JSON.stringify(Array.prototype.slice.call(list)));
  },

  // English's and `tag`'s catalogs, from the page's cache or the server; the
  // texts go to pd_catalogs_done (empty for one that could not be fetched).
  pd_js_load_catalogs__deps: ['$PD_I18N', '$stringToNewUTF8', 'free'],
  pd_js_load_catalogs: function (tag_ptr, id) {
    var tag = UTF8ToString(tag_ptr);
    var own = tag === 'en' || tag === 'en-XA' ? Promise.resolve('') : PD_I18N.catalog(tag);
    Promise.all([PD_I18N.catalog('en'), own]).then(function (texts) {
      var en = stringToNewUTF8(texts[0] || '');
      var mine = stringToNewUTF8(texts[1] || '');
      _pd_catalogs_done(id, en, mine);
      _free(en);
      _free(mine);
    });
  },

  // <html lang dir>, the accessibility mirror's root, and the locale of dates and numbers.
  pd_js_set_page_language__deps: ['$PD_I18N'],
  pd_js_set_page_language: function (tag_ptr, dir_ptr) {
    var tag = UTF8ToString(tag_ptr);
    var dir = UTF8ToString(dir_ptr);
    document.documentElement.lang = tag;
    document.documentElement.dir = dir;
    var mirror = document.getElementById('form-mirror');
    if (mirror) {
      mirror.lang = tag;
      mirror.dir = dir;
    }
    PD_I18N.locale = tag;
  },

  // Intl's forms, as malloc'd UTF-8 (the caller frees them).
  pd_js_format_date_time__deps: ['$PD_I18N', '$stringToNewUTF8'],
  pd_js_format_date_time: function (unix_s) {
    return stringToNewUTF8(PD_I18N.formatter('date').format(new Date(unix_s * 1000)));
  },
  pd_js_format_ago__deps: ['$PD_I18N', '$stringToNewUTF8'],
  pd_js_format_ago: function (amount, unit_ptr) {
    return stringToNewUTF8(PD_I18N.formatter('ago').format(-amount, UTF8ToString(unit_ptr)));
  },
  pd_js_format_number__deps: ['$PD_I18N', '$stringToNewUTF8'],
  pd_js_format_number: function (n) {
    return stringToNewUTF8(PD_I18N.formatter('number').format(n));
  },
});
