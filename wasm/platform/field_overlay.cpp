#include "platform/field_overlay.hpp"

#include "app/field_overlay_rules.hpp"

#include <emscripten/emscripten.h>

#include <utility>

namespace {

// What the overlay keeps, in one instance (as the input layer keeps its
// state, platform/input.cpp).
struct overlay_link {
    profiledesk::app::platform::field_overlay_handlers handlers;
    std::string field;    // "" while closed
    bool placed = false;  // opened or placed since begin_field_overlay_frame
};

overlay_link& the_overlay() {
    static overlay_link o;
    return o;
}

}  // namespace

// ---- JavaScript side: wasm/js/field_overlay.js (an Emscripten JS library) ----

extern "C" {
void pd_js_install_field_overlay();
void pd_js_field_overlay_open(const char* label, const char* text, int multi_line, int select_start, int select_end);
void pd_js_field_overlay_place(float x, float y, float w, float h, float clip_x0, float clip_y0, float clip_x1,
                               float clip_y1, const char* font_family, float font_size, float line_height, float pad_x,
                               float pad_y, unsigned rgba, const char* text);
void pd_js_field_overlay_close();
int pd_js_field_overlay_has_focus();
void pd_js_field_overlay_type(const char* text);
}

// ---- C++ side, called by field_overlay.js ----

extern "C" {
EMSCRIPTEN_KEEPALIVE void pd_overlay_input(const char* text) {
    const overlay_link& o = the_overlay();
    if (o.field.empty() || !o.handlers.edit) return;
    o.handlers.edit(o.field, text != nullptr ? text : "");
}

// 0: the browser's key; 1: the app took it; 2: the app took it and the
// overlay closes (the focus moves, or the field is reloaded).
EMSCRIPTEN_KEEPALIVE int pd_overlay_key(const char* dom_key, int shift, int command, int alt) {
    const overlay_link& o = the_overlay();
    const auto k = profiledesk::app::overlay_app_key(dom_key != nullptr ? dom_key : "", shift != 0, command != 0,
                                                     alt != 0);
    if (!k || !o.handlers.key || !o.handlers.key(*k)) return 0;
    return profiledesk::app::overlay_leaves_on(*k) ? 2 : 1;
}

// The overlay closed (it lost the keyboard: a click elsewhere, a key of the app's).
EMSCRIPTEN_KEEPALIVE void pd_overlay_closed() { the_overlay().field.clear(); }
}

namespace profiledesk::app::platform {

void install_field_overlay(field_overlay_handlers h) {
    the_overlay().handlers = std::move(h);
    pd_js_install_field_overlay();
}

const std::string& field_overlay_field() { return the_overlay().field; }

bool field_overlay_has_focus() { return !the_overlay().field.empty() && pd_js_field_overlay_has_focus() != 0; }

void open_field_overlay(const std::string& id, const std::string& label, const std::string& text, bool multi_line,
                        int select_start, int select_end, const field_overlay_look& look) {
    pd_js_field_overlay_open(label.c_str(), text.c_str(), multi_line ? 1 : 0, select_start, select_end);
    the_overlay().field = id;  // after: opening closes the one open before (pd_overlay_closed)
    place_field_overlay(look, text);
}

void place_field_overlay(const field_overlay_look& look, const std::string& text) {
    the_overlay().placed = true;
    pd_js_field_overlay_place(look.frame_min.x, look.frame_min.y, look.frame_max.x - look.frame_min.x,
                              look.frame_max.y - look.frame_min.y, look.clip_min.x, look.clip_min.y, look.clip_max.x,
                              look.clip_max.y, look.font_family.c_str(), look.font_size, look.line_height,
                              look.padding.x, look.padding.y, look.text_colour, text.c_str());
}

void close_field_overlay() {
    if (the_overlay().field.empty()) return;
    pd_js_field_overlay_close();
    the_overlay().field.clear();
}

void begin_field_overlay_frame() { the_overlay().placed = false; }

void end_field_overlay_frame() {
    if (!the_overlay().placed) close_field_overlay();
}

void type_into_field_overlay(const std::string& utf8) { pd_js_field_overlay_type(utf8.c_str()); }

}  // namespace profiledesk::app::platform
