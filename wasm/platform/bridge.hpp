// The browser services the app uses, through small JavaScript functions
// linked into app.js from the Emscripten JS libraries in wasm/js/ (the
// page's CSP forbids eval, so no emscripten_run_script): navigation, the
// draft in the tab's sessionStorage, the beforeunload guard (page.js), avatar
// decoding into a GL texture (avatar.js), the hidden text field
// (text_input.js) and the system clipboard (clipboard.js).
#pragma once

#include <string>

namespace profiledesk::app::platform {

// Leaves the page for a same-origin `url` (the unsaved-changes guard is off:
// the app only navigates after keeping the draft, or on request).
void navigate(const std::string& url);
// While true, leaving the page asks for confirmation (beforeunload).
void set_unsaved_guard(bool on);

// The draft, in the tab's sessionStorage (controller.hpp says why).
void store_draft(const std::string& key, const std::string& text);
std::string load_draft(const std::string& key);  // "" when none
void clear_draft(const std::string& key);
// Removes a draft earlier versions left in localStorage.
void remove_old_local_draft(const std::string& key);

// Decodes the image at `url` with the browser (an <img>, then a 2D canvas to
// RGBA); calls on_done(ok, width, height) later. Same-origin (or otherwise
// CSP-allowed) images only: the page's img-src is 'self'.
void load_avatar(const std::string& url, void (*on_done)(bool ok, int width, int height));
// The avatar's GL texture (0 when none), usable as an ImTextureID.
unsigned avatar_texture();

// The hidden text field for composed and inserted text (see wasm/js/text_input.js);
// its text reaches the input queue through pd_text_input (input.cpp).
void install_text_input();
// Focus it when ImGui wants text input (also brings up mobile keyboards);
// it keeps the focus afterwards (a blur would release held keys).
void focus_text_input(bool on);

// Whether the browser runs on macOS or iOS (Cmd is the shortcut key there).
bool platform_is_mac();

// The page's paste, copy and cut events, for the hidden text field (see
// wasm/js/clipboard.js): after install_text_input.
void install_clipboard();
// ImGui's copy and cut: to the system clipboard.
void write_clipboard(const char* utf8);

}  // namespace profiledesk::app::platform
