// Emscripten JS library (linked with --js-library, wasm/CMakeLists.txt): the
// theme, for platform/theme_bridge.cpp. The person's choice lives in
// localStorage["profiledesk.theme"] ("light" or "dark"; absent: follow the
// system's prefers-color-scheme) and in <html data-theme>, which the page's
// CSS (/brand/theme.css, web/style.css) reads; shell/loader.js sets the
// attribute from storage before the app starts.
//
// Written `name: function (...) {...}`, no __sig: see page.js.
mergeInto(LibraryManager.library, {
  // Where the choice is kept (shell/loader.js reads it too, before first paint).
  $pdThemeKey: function () {
    return 'profiledesk.theme';
  },

  // The choice remembered in this browser: 'light', 'dark' or null.
  $pdThemeStored__deps: ['$pdThemeKey'],
  $pdThemeStored: function () {
    try {
      var v = window.localStorage.getItem(pdThemeKey());
      return v === 'light' || v === 'dark' ? v : null;
    } catch (e) {
      return null;  // storage unavailable: follow the system
    }
  },

  // Watches what decides the theme: the system's setting (live, as when the
  // OS switches to dark at dusk) and a choice made in another tab.
  pd_js_theme_watch__deps: ['$pdThemeStored', '$pdThemeKey'],
  pd_js_theme_watch: function () {
    var query = window.matchMedia('(prefers-color-scheme: dark)');
    var mark = function () { Module.pdThemeChanged = true; };
    if (query.addEventListener) query.addEventListener('change', mark);
    else query.addListener(mark);
    window.addEventListener('storage', function (event) {
      if (event.key !== pdThemeKey() && event.key !== null) return;
      var chosen = pdThemeStored();
      if (chosen) document.documentElement.setAttribute('data-theme', chosen);
      else document.documentElement.removeAttribute('data-theme');
      Module.pdThemeChanged = true;
    });
  },

  // 1 once after the effective theme may have changed, else 0.
  pd_js_theme_take_change: function () {
    var was = !!Module.pdThemeChanged;
    Module.pdThemeChanged = false;
    return was ? 1 : 0;
  },

  // The effective theme: 1 dark, 0 light.
  pd_js_theme_effective__deps: ['$pdThemeStored'],
  pd_js_theme_effective: function () {
    var chosen = pdThemeStored();
    if (chosen) return chosen === 'dark' ? 1 : 0;
    return window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
  },

  // The person chose `dark` (1) or light (0): remembered, and the page follows.
  pd_js_theme_choose__deps: ['$pdThemeKey'],
  pd_js_theme_choose: function (dark) {
    var name = dark ? 'dark' : 'light';
    try {
      window.localStorage.setItem(pdThemeKey(), name);
    } catch (e) {
      console.warn('theme choice not kept', e);  // still applies to this page
    }
    document.documentElement.setAttribute('data-theme', name);
  },
});
