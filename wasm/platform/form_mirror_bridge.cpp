#include "platform/form_mirror_bridge.hpp"

#include "platform/test_hook.hpp"

#include <emscripten/emscripten.h>

namespace {

// What the bridge keeps, in one instance (as the input layer keeps its
// state, platform/input.cpp).
struct mirror_link {
    profiledesk::app::platform::mirror_handlers handlers{};  // install_form_mirror's
    std::string last_sent;  // the description the mirror has: an unchanged one is not sent again
};

mirror_link& the_mirror() {
    static mirror_link m;
    return m;
}

}  // namespace

// ---- JavaScript side: wasm/js/form_mirror_bridge.js (an Emscripten JS
// library), talking to window.profileDeskMirror (shell/form_mirror.js) ----

extern "C" {
// Hands the mirror the handlers below (pd_mirror_*).
void pd_js_attach_form_mirror();
void pd_js_update_form_mirror(const char* json);
int pd_js_form_mirror_has_focus();
}

// ---- C++ side ----

extern "C" {
EMSCRIPTEN_KEEPALIVE void pd_mirror_focus(const char* id) {
    const auto& h = the_mirror().handlers;
    if (h.focus) h.focus(id);
}
EMSCRIPTEN_KEEPALIVE int pd_mirror_edit(const char* id, const char* value, double start, double end) {
    const auto& h = the_mirror().handlers;
    return h.edit && h.edit(id, value, static_cast<std::size_t>(start), static_cast<std::size_t>(end)) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void pd_mirror_select(const char* id, double start, double end) {
    const auto& h = the_mirror().handlers;
    if (h.select) h.select(id, static_cast<std::size_t>(start), static_cast<std::size_t>(end));
}
EMSCRIPTEN_KEEPALIVE void pd_mirror_action(const char* action) {
    const auto& h = the_mirror().handlers;
    if (h.action) h.action(action);
}
EMSCRIPTEN_KEEPALIVE void pd_mirror_key(const char* key) {
    const auto& h = the_mirror().handlers;
    if (h.key) h.key(key);
}
}

namespace profiledesk::app::platform {

void install_form_mirror(const mirror_handlers& h) {
    the_mirror().handlers = h;
    pd_js_attach_form_mirror();
}

void update_form_mirror(nlohmann::json d) {
    const auto add_rect = [](nlohmann::json& entry, const std::string& item) {
        if (const auto r = item_rect(item)) entry["rect"] = {r->x, r->y, r->w, r->h};
    };
    for (auto& f : d["fields"]) add_rect(f, "field:" + f["id"].get<std::string>());
    for (auto& a : d["actions"]) add_rect(a, a["item"].get<std::string>());
    if (d.contains("sectionActions")) {
        for (auto& [label, actions] : d["sectionActions"].items()) {
            for (auto& a : actions) add_rect(a, a["item"].get<std::string>());
        }
    }
    if (d["devices"].is_object()) {  // devices_mirror.hpp
        for (auto& a : d["devices"]["actions"]) add_rect(a, a["item"].get<std::string>());
        for (auto& row : d["devices"]["sessions"]) {
            if (row["action"].is_object()) add_rect(row["action"], row["action"]["item"].get<std::string>());
        }
        if (d["devices"]["delete"].is_object()) {
            for (auto& a : d["devices"]["delete"]["actions"]) add_rect(a, a["item"].get<std::string>());
        }
    }
    if (d["dialog"].is_object()) {
        for (auto& a : d["dialog"]["actions"]) add_rect(a, a["item"].get<std::string>());
    }
    std::string text = d.dump();
    mirror_link& m = the_mirror();
    if (text == m.last_sent) return;
    m.last_sent = std::move(text);
    pd_js_update_form_mirror(m.last_sent.c_str());
}

bool form_mirror_has_focus() { return pd_js_form_mirror_has_focus() != 0; }

}  // namespace profiledesk::app::platform
