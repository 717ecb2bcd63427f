// Loads the Wasm app: picks the first language and fetches its catalog,
// checks WebGL2, downloads app.wasm with progress, then starts app.js with
// the downloaded bytes. Also defines the test hook.
'use strict';
(function () {
  // The theme chosen in this browser (wasm/js/theme.js keeps it), set before the page is painted:
  // /brand/theme.css reads <html data-theme>; without it prefers-color-scheme decides.
  try {
    const theme = window.localStorage.getItem('profiledesk.theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
  } catch (e) { /* storage unavailable: the system's setting decides */ }

  const loading = document.getElementById('loading');
  const loadingText = document.getElementById('loading-text');
  const progress = document.getElementById('loading-progress');

  // ---- The first language (issue 16) ----
  // The site island (shell/index.html, written by the server) lists the
  // languages we ship (core/languages.hpp); members may be missing.
  function readSite() {
    try {
      const site = JSON.parse(document.getElementById('pd-site').textContent);
      return site && typeof site === 'object' ? site : {};
    } catch (e) {
      return {};
    }
  }
  const site = readSite();
  const brandName = typeof site.brandName === 'string' && site.brandName ? site.brandName : 'Profile Desk';
  const LANGUAGE_KEY = 'profiledesk.language';  // app/language.hpp's language_storage_key

  // As core::choose_language does (the app chooses again with it, and the
  // same rule gives the same tag): the language last chosen in this browser,
  // else the first of navigator.languages we ship, by its exact tag or its
  // primary subtag, else English; the pseudo-locale only when asked for by name.
  function pickLanguage() {
    const shipped = (Array.isArray(site.languages) ? site.languages : [])
      .filter((l) => l && typeof l.tag === 'string');
    const pseudo = typeof site.pseudoLanguage === 'string' ? site.pseudoLanguage : null;
    const match = (wanted) => {
      if (typeof wanted !== 'string' || !wanted) return null;
      const w = wanted.toLowerCase();
      if (pseudo && w === pseudo.toLowerCase()) return { tag: pseudo, rtl: false };
      const primary = w.split(/[-_]/)[0];
      return shipped.find((l) => l.tag.toLowerCase() === w) ||
             shipped.find((l) => l.tag.toLowerCase() === primary) || null;
    };
    let stored = null;
    try {
      stored = window.localStorage.getItem(LANGUAGE_KEY);
    } catch (e) {
      // storage refused (privacy settings): the browser's languages decide
    }
    const wanted = [stored].concat(Array.from(navigator.languages || [navigator.language]));
    for (const w of wanted) {
      const l = match(w);
      if (l) return { tag: l.tag, rtl: !!l.rtl, pseudo: l.tag === pseudo };
    }
    return { tag: 'en', rtl: false, pseudo: false };
  }
  const language = pickLanguage();
  document.documentElement.lang = language.tag;
  document.documentElement.dir = language.rtl ? 'rtl' : 'ltr';

  // Catalogs, once per page: tag -> Promise of the text, or null when it
  // could not be fetched. Started now, in parallel with app.wasm; the app
  // reuses them (wasm/js/i18n.js) rather than fetching again.
  const catalogs = {};
  function fetchCatalog(tag) {
    catalogs[tag] = fetch('/web/i18n/' + encodeURIComponent(tag) + '.json', { credentials: 'same-origin' })
      .then((res) => {
        if (!res.ok) throw new Error('answered ' + res.status);
        return res.text();
      })
      .catch((err) => {
        console.error('catalog ' + tag + ' not loaded:', err.message);
        delete catalogs[tag];  // the app may try again
        return null;
      });
    return catalogs[tag];
  }
  // English texts are written here too: the page says something whatever fails.
  const ENGLISH = {
    'fatal.app_js': 'Could not load app.js. Check your connection and reload the page.',
    'fatal.download': 'Could not download the app ({error}). Check your connection and reload the page.',
    'fatal.stopped': 'The app stopped unexpectedly ({error}). Reload the page to try again.',
    'fatal.title': '{brand} cannot start',
    'fatal.webgl': 'Your browser cannot run this page: it needs WebGL2, which is turned off or unsupported. ' +
                   'Try an up-to-date Chrome, Edge, Firefox or Safari, or turn on hardware acceleration.',
    'loading.starting': 'Starting…',
    'loading.title': 'Loading {brand}…',
  };
  let texts = {};  // the catalogs' texts once in: the language's over English's
  function parseCatalog(text) {
    if (!text) return {};
    try {
      const c = JSON.parse(text);
      return c && typeof c === 'object' && !Array.isArray(c) ? c : {};
    } catch (e) {
      console.error('catalog not valid JSON:', e.message);
      return {};
    }
  }
  // The text for `key` with {name} placeholders filled ("{{" and "}}" are braces).
  function t(key, args) {
    const own = typeof texts[key] === 'string' ? texts[key] : ENGLISH[key];
    const values = Object.assign({ brand: brandName }, args || {});
    return own.replace(/\{\{|\}\}|\{([a-z0-9_]+)\}/g, (m, name) => {
      if (m === '{{') return '{';
      if (m === '}}') return '}';
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m;
    });
  }
  // What the page shows now, redrawn when the catalogs arrive.
  let loadingKey = 'loading.title';
  let failure = null;  // {key, args}
  function render() {
    loadingText.textContent = t(loadingKey);
    if (!failure) return;
    document.getElementById('fatal-title').textContent = t('fatal.title');
    const message = t(failure.key, failure.args);
    document.getElementById('fatal-text').textContent = message;
    window.profileDesk.failure = message;
  }
  const ownTag = language.pseudo ? 'en' : language.tag;  // the pseudo-locale is English, made by the app
  Promise.all([fetchCatalog('en'), ownTag === 'en' ? null : fetchCatalog(ownTag)])
    .then(([en, own]) => {
      texts = Object.assign({}, parseCatalog(en), parseCatalog(own));
      render();
    });

  function fatal(key, args) {
    loading.hidden = true;
    failure = { key: key, args: args };
    render();
    document.getElementById('fatal').hidden = false;
  }

  // Test hook (read-only, for end-to-end tests; documented in README.md):
  //   state()      the app state as JSON, or null before the app runs;
  //   itemRect(id) {x, y, w, h, visible} of a widget in CSS pixels (page
  //                coordinates: the canvas fills the page), or null when that
  //                widget was not drawn in the last frame;
  //   textSelection()  the active canvas text field's {id, start, end,
  //                cursor} in characters (code points), or null;
  //   textRects()  {font: {stack, em, loading}, items: {id: {x, y, w, h, renderer,
  //                rtl}}}: the font stack and em size (CSS pixels) the page
  //                lays complex text out with (loading: fonts not ready yet),
  //                and where each recorded text
  //                (label:<field>, value:<field>, header:name, ...) was drawn
  //                in the last frame, by "atlas" or "browser", with the box it
  //                must fit in ({x, y, w, h}: its window's visible part, a
  //                button's frame) and its layer (the window it is drawn on);
  //   texts()      {id: text}: the words of each text textRects() lists;
  //   failure      why the page could not start, or null.
  function appRunning() {
    return window.Module && typeof Module._pd_state_json === 'function' && Module.calledRun;
  }
  window.profileDesk = {
    failure: null,
    state() {
      if (!appRunning()) return null;
      return JSON.parse(Module.UTF8ToString(Module._pd_state_json()));
    },
    itemRect(id) {
      if (!appRunning()) return null;
      const rects = JSON.parse(Module.UTF8ToString(Module._pd_item_rects()));
      return Object.prototype.hasOwnProperty.call(rects, id) ? rects[id] : null;
    },
    textSelection() {
      if (!appRunning()) return null;
      return JSON.parse(Module.UTF8ToString(Module._pd_text_selection()));
    },
    textRects() {
      if (!appRunning()) return null;
      return JSON.parse(Module.UTF8ToString(Module._pd_text_rects()));
    },
    texts() {
      if (!appRunning()) return null;
      return JSON.parse(Module.UTF8ToString(Module._pd_texts()));
    },
    // Set by the app (wasm/js/page.js) while the form holds unsaved changes.
    _unsaved: false,
    // The catalogs started above, for the app (wasm/js/i18n.js), and the
    // language chosen; both only for the app.
    _catalogs: catalogs,
    _language: language.tag,
  };
  render();

  // Leaving with unsaved changes asks first. The app turns the guard off
  // before it navigates on purpose (its draft is then in local storage).
  window.addEventListener('beforeunload', (event) => {
    if (!window.profileDesk._unsaved) return;
    event.preventDefault();
    event.returnValue = '';
  });

  if (!document.createElement('canvas').getContext('webgl2')) {
    fatal('fatal.webgl');
    return;
  }

  // The app's size, written in by the build (cmake/assemble_site.cmake): with
  // a compressed transfer, Content-Length counts compressed bytes while the
  // stream yields decompressed ones, so it cannot drive the progress bar.
  const APP_WASM_BYTES = 0;

  // Streams the body so the progress bar moves; falls back to one read.
  async function download(url, expectedBytes) {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    const encoded = response.headers.get('Content-Encoding');
    const total = expectedBytes || (!encoded && Number(response.headers.get('Content-Length'))) || 0;
    if (!response.body || !total) return response.arrayBuffer();
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      progress.value = Math.min(100, Math.round((received / total) * 100));
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) { bytes.set(c, at); at += c.length; }
    return bytes.buffer;
  }

  download('/app.wasm', APP_WASM_BYTES).then((wasmBinary) => {
    loadingKey = 'loading.starting';
    render();
    window.Module = {
      canvas: document.getElementById('canvas'),
      wasmBinary: wasmBinary,
      onRuntimeInitialized() { loading.hidden = true; },
      onAbort(what) { fatal('fatal.stopped', { error: String(what) }); },
      print(text) { console.log(text); },
      printErr(text) { console.error(text); },
    };
    const script = document.createElement('script');
    script.src = '/app.js';
    script.onerror = () => fatal('fatal.app_js');
    document.body.appendChild(script);
  }).catch((err) => {
    fatal('fatal.download', { error: err.message });
  });
})();
