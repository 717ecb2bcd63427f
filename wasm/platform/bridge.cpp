#include "platform/bridge.hpp"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include <cstdlib>

namespace {

void (*avatar_done)(bool, int, int) = nullptr;
GLuint avatar_tex = 0;
int avatar_generation = 0;

}  // namespace

// ---- JavaScript side (runs inside app.js; window.profileDesk is loader.js's) ----

EM_JS(void, pd_js_navigate, (const char* url), {
    if (window.profileDesk) window.profileDesk._unsaved = false;
    window.location.assign(UTF8ToString(url));
});

EM_JS(void, pd_js_set_unsaved, (int on), {
    if (window.profileDesk) window.profileDesk._unsaved = !!on;
});

EM_JS(void, pd_js_store_draft, (const char* key, const char* text), {
    try { window.sessionStorage.setItem(UTF8ToString(key), UTF8ToString(text)); } catch (e) { console.warn('draft not kept', e); }
});

EM_JS(char*, pd_js_load_draft, (const char* key), {
    var v = null;
    try { v = window.sessionStorage.getItem(UTF8ToString(key)); } catch (e) { v = null; }
    if (v === null) return 0;
    var n = lengthBytesUTF8(v) + 1;
    var p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
});

EM_JS(void, pd_js_clear_draft, (const char* key), {
    try { window.sessionStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});

// A draft earlier versions left in localStorage (main.cpp says why it goes).
EM_JS(void, pd_js_remove_old_local_draft, (const char* key), {
    try { window.localStorage.removeItem(UTF8ToString(key)); } catch (e) {}
});

// Decodes with an <img> (CSP img-src applies), scales to at most 128 px,
// and hands RGBA pixels to pd_avatar_pixels; pd_avatar_failed otherwise.
// A picture on another origin comes through our server (GET
// /api/profile/picture): the CSP allows only our origin, and its pixels
// could not be read without CORS anyway.
EM_JS(void, pd_js_load_avatar, (const char* url_ptr, int generation), {
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
});

// Text that arrives without key events: IME and dead-key compositions, mobile
// keyboards, and characters a keyboard layout lacks (what Playwright's
// keyboard.type sends for "Î"). A hidden <textarea> (shell/index.html) holds
// the focus while ImGui wants text; plain keys still reach GLFW's listeners,
// so their keypress is stopped here to avoid typing each character twice.
EM_JS(void, pd_js_install_text_input, (), {
    var area = document.getElementById('text-input');
    if (!area) return;
    var send = function (text) {
        if (!text) return;
        var n = lengthBytesUTF8(text) + 1;
        var p = _malloc(n);
        stringToUTF8(text, p, n);
        _pd_text_input(p);
        _free(p);
    };
    area.addEventListener('keypress', function (e) { e.preventDefault(); });
    area.addEventListener('input', function (e) {
        if (!e.isComposing && e.data && (e.inputType === 'insertText' || e.inputType === 'insertReplacementText')) send(e.data);
        if (!e.isComposing) area.value = "";
    });
    // Emscripten's GLFW listens for "blur" on window in the capture phase, so
    // any element losing focus releases every held key (a Ctrl of Ctrl+A, say).
    // So focus never bounces between the canvas and this field: a click on
    // the canvas leaves the focus where it is.
    var canvas = document.getElementById('canvas');
    if (canvas) canvas.addEventListener('mousedown', function (e) { e.preventDefault(); });
    area.addEventListener('compositionend', function (e) { send(e.data); area.value = ""; });

    // ---- Clipboard ----
    // Paste: the app queues a paste shortcut (Ctrl+V or Ctrl+Shift+V, Cmd on
    // macOS, Shift+Insert) until its text arrives through pd_paste_text: from the
    // paste event the browser fires right after the keydown, or, where none
    // comes (no native shortcut), from navigator.clipboard.readText.
    var sendPaste = function (text) {
        text = text || "";
        var n = lengthBytesUTF8(text) + 1;
        var p = _malloc(n);
        stringToUTF8(text, p, n);
        _pd_paste_text(p);
        _free(p);
    };
    var platformName = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
    var isMac = /mac|iphone|ipad|ipod/i.test(platformName);
    var shortcuts = [];  // paste shortcuts whose paste event has not come yet
    window.addEventListener('keydown', function (e) {
        if (e.repeat || e.altKey) return;
        // Ctrl+Shift+V (paste as plain text) too: only plain text is ever pasted.
        var v = (e.code === 'KeyV' || (e.key && e.key.toLowerCase() === 'v')) && (isMac ? e.metaKey : e.ctrlKey) &&
                !(isMac ? e.ctrlKey : e.metaKey);
        var ins = e.key === 'Insert' && e.shiftKey && !e.ctrlKey && !e.metaKey;
        if (!v && !ins) return;
        var shortcut = { done: false };
        shortcuts.push(shortcut);
        setTimeout(function () {
            var i = shortcuts.indexOf(shortcut);
            if (i >= 0) shortcuts.splice(i, 1);
            if (shortcut.done) return;
            shortcut.done = true;
            // Only for a field (the focused text input): reading asks for permission.
            if (document.activeElement === area && navigator.clipboard && navigator.clipboard.readText) {
                navigator.clipboard.readText().then(sendPaste, function (err) {
                    console.warn('clipboard not readable', err);
                    sendPaste("");
                });
            } else {
                sendPaste("");
            }
        }, 0);
    }, true);
    document.addEventListener('paste', function (e) {
        var data = e.clipboardData || window.clipboardData;
        if (!data) return;
        e.preventDefault();
        var shortcut = shortcuts.shift();
        if (shortcut) shortcut.done = true;
        sendPaste(data.getData('text/plain') || data.getData('text') || "");
    });
    // Copy and cut: the event's clipboardData gets the field's selection when
    // the app can tell it now; ImGui's own copy, a frame later, goes through
    // pd_js_write_clipboard (navigator.clipboard) unless that already did.
    var onCopy = function (cut) {
        return function (e) {
            if (!e.clipboardData) return;
            var p = _pd_clipboard_selection(cut ? 1 : 0);
            if (!p) return;
            var text = UTF8ToString(p);
            _free(p);
            e.clipboardData.setData('text/plain', text);
            e.preventDefault();
            Module.pdLastCopy = { text: text, at: Date.now() };
        };
    };
    document.addEventListener('copy', onCopy(false));
    document.addEventListener('cut', onCopy(true));
});

EM_JS(int, pd_js_platform_is_mac, (), {
    var name = (navigator.userAgentData && navigator.userAgentData.platform) || navigator.platform || "";
    return /mac|iphone|ipad|ipod/i.test(name) ? 1 : 0;
});

// ImGui's SetClipboardTextFn: what a copy or cut event wrote just before is
// not written again; otherwise navigator.clipboard.writeText (allowed while
// the page has the focus, right after the key).
EM_JS(void, pd_js_write_clipboard, (const char* text_ptr), {
    var text = UTF8ToString(text_ptr);
    var last = Module.pdLastCopy;
    Module.pdLastCopy = null;
    if (last && last.text === text && Date.now() - last.at < 2000) return;
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(function (err) { console.warn('clipboard not written', err); });
    }
});

EM_JS(void, pd_js_focus_text_input, (int on), {
    var area = document.getElementById('text-input');
    if (!area) return;
    // Focus only, never blur (see pd_js_install_text_input).
    if (on && document.activeElement !== area) area.focus({ preventScroll: true });
});

// ---- C++ side ----

extern "C" EMSCRIPTEN_KEEPALIVE void pd_avatar_pixels(int generation, const unsigned char* rgba, int w, int h) {
    if (generation != avatar_generation) return;  // an older picture, replaced meanwhile
    if (avatar_tex == 0) glGenTextures(1, &avatar_tex);
    glBindTexture(GL_TEXTURE_2D, avatar_tex);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    if (avatar_done) avatar_done(true, w, h);
}

extern "C" EMSCRIPTEN_KEEPALIVE void pd_avatar_failed(int generation) {
    if (generation != avatar_generation) return;
    if (avatar_done) avatar_done(false, 0, 0);
}

namespace profiledesk::app::platform {

void navigate(const std::string& url) { pd_js_navigate(url.c_str()); }
void set_unsaved_guard(bool on) { pd_js_set_unsaved(on ? 1 : 0); }
void store_draft(const std::string& key, const std::string& text) { pd_js_store_draft(key.c_str(), text.c_str()); }

std::string load_draft(const std::string& key) {
    char* p = pd_js_load_draft(key.c_str());
    if (p == nullptr) return {};
    std::string text(p);
    std::free(p);
    return text;
}

void clear_draft(const std::string& key) { pd_js_clear_draft(key.c_str()); }
void remove_old_local_draft(const std::string& key) { pd_js_remove_old_local_draft(key.c_str()); }

void load_avatar(const std::string& url, void (*on_done)(bool, int, int)) {
    avatar_done = on_done;
    pd_js_load_avatar(url.c_str(), ++avatar_generation);
}

unsigned avatar_texture() { return avatar_tex; }

void install_text_input() { pd_js_install_text_input(); }
bool platform_is_mac() { return pd_js_platform_is_mac() != 0; }
void write_clipboard(const char* utf8) { pd_js_write_clipboard(utf8 != nullptr ? utf8 : ""); }
void focus_text_input(bool on) { pd_js_focus_text_input(on ? 1 : 0); }

}  // namespace profiledesk::app::platform
