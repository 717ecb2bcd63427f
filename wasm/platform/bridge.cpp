#include "platform/bridge.hpp"

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>

#include <cstdlib>

namespace {

// The avatar being decoded and its texture, in one instance (as the input
// layer keeps its state, platform/input.cpp).
struct avatar_upload {
    void (*done)(bool, int, int) = nullptr;  // load_avatar's on_done
    GLuint texture = 0;                      // 0 until the first picture arrives
    int generation = 0;                      // of the latest load_avatar: older answers are dropped
};

avatar_upload& the_avatar() {
    static avatar_upload a;
    return a;
}

}  // namespace

// ---- JavaScript side: Emscripten JS libraries in wasm/js/ (linked with
// --js-library), where window.profileDesk is shell/loader.js's ----

extern "C" {
// page.js
void pd_js_navigate(const char* url);
void pd_js_set_unsaved(int on);
void pd_js_store_draft(const char* key, const char* text);
char* pd_js_load_draft(const char* key);  // malloc'd, or null when none
void pd_js_clear_draft(const char* key);
void pd_js_remove_old_local_draft(const char* key);
// avatar.js: answers through pd_avatar_pixels or pd_avatar_failed (below).
void pd_js_load_avatar(const char* url, int generation);
// text_input.js: the hidden text field, whose text goes to pd_text_input (input.cpp).
void pd_js_install_text_input();
void pd_js_focus_text_input(int on);
int pd_js_platform_is_mac();
// clipboard.js: pastes go to pd_paste_text, copy events ask pd_clipboard_selection (input.cpp).
void pd_js_install_clipboard();
void pd_js_write_clipboard(const char* text);
}

// ---- C++ side ----

extern "C" EMSCRIPTEN_KEEPALIVE void pd_avatar_pixels(int generation, const unsigned char* rgba, int w, int h) {
    avatar_upload& a = the_avatar();
    if (generation != a.generation) return;  // an older picture, replaced meanwhile
    if (a.texture == 0) glGenTextures(1, &a.texture);
    glBindTexture(GL_TEXTURE_2D, a.texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
    if (a.done) a.done(true, w, h);
}

extern "C" EMSCRIPTEN_KEEPALIVE void pd_avatar_failed(int generation) {
    const avatar_upload& a = the_avatar();
    if (generation != a.generation) return;
    if (a.done) a.done(false, 0, 0);
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
    avatar_upload& a = the_avatar();
    a.done = on_done;
    pd_js_load_avatar(url.c_str(), ++a.generation);
}

unsigned avatar_texture() { return the_avatar().texture; }

void install_text_input() { pd_js_install_text_input(); }
void install_clipboard() { pd_js_install_clipboard(); }
bool platform_is_mac() { return pd_js_platform_is_mac() != 0; }
void write_clipboard(const char* utf8) { pd_js_write_clipboard(utf8 != nullptr ? utf8 : ""); }
void focus_text_input(bool on) { pd_js_focus_text_input(on ? 1 : 0); }

}  // namespace profiledesk::app::platform
