// Loads the Wasm app: checks WebGL2, downloads app.wasm with progress, then
// starts app.js with the downloaded bytes. Also defines the test hook.
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

  function fatal(message) {
    loading.hidden = true;
    document.getElementById('fatal-text').textContent = message;
    document.getElementById('fatal').hidden = false;
    window.profileDesk.failure = message;
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
  //                in the last frame, by "atlas" or "browser";
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
    // Set by the app (wasm/js/page.js) while the form holds unsaved changes.
    _unsaved: false,
  };

  // Leaving with unsaved changes asks first. The app turns the guard off
  // before it navigates on purpose (its draft is then in local storage).
  window.addEventListener('beforeunload', (event) => {
    if (!window.profileDesk._unsaved) return;
    event.preventDefault();
    event.returnValue = '';
  });

  if (!document.createElement('canvas').getContext('webgl2')) {
    fatal('Your browser cannot run this page: it needs WebGL2, which is turned off or unsupported. ' +
          'Try an up-to-date Chrome, Edge, Firefox or Safari, or turn on hardware acceleration.');
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
    loadingText.textContent = 'Starting…';
    window.Module = {
      canvas: document.getElementById('canvas'),
      wasmBinary: wasmBinary,
      onRuntimeInitialized() { loading.hidden = true; },
      onAbort(what) { fatal('The app stopped unexpectedly (' + what + '). Reload the page to try again.'); },
      print(text) { console.log(text); },
      printErr(text) { console.error(text); },
    };
    const script = document.createElement('script');
    script.src = '/app.js';
    script.onerror = () => fatal('Could not load app.js. Check your connection and reload the page.');
    document.body.appendChild(script);
  }).catch((err) => {
    fatal('Could not download the app (' + err.message + '). Check your connection and reload the page.');
  });
})();
