#include "platform/form_mirror_bridge.hpp"

#include "platform/test_hook.hpp"

#include <emscripten/emscripten.h>

namespace {

profiledesk::app::platform::mirror_handlers handlers{};
std::string last_sent;

}  // namespace

// ---- JavaScript side ----

// Hands window.profileDeskMirror (shell/form_mirror.js) the app's handlers;
// strings cross as UTF-8 in the Wasm heap.
EM_JS(void, pd_js_attach_form_mirror, (), {
    var mirror = window.profileDeskMirror;
    if (!mirror) return;
    var withStrings = function (strings, call) {
        var ptrs = strings.map(function (s) {
            var n = lengthBytesUTF8(s) + 1;
            var p = _malloc(n);
            stringToUTF8(s, p, n);
            return p;
        });
        try { return call.apply(null, ptrs); } finally { ptrs.forEach(function (p) { _free(p); }); }
    };
    mirror.attach({
        focus: function (id) { withStrings([id], function (p) { _pd_mirror_focus(p); }); },
        edit: function (id, value, start, end) {
            return withStrings([id, value], function (p, v) { return _pd_mirror_edit(p, v, start, end) !== 0; });
        },
        select: function (id, start, end) { withStrings([id], function (p) { _pd_mirror_select(p, start, end); }); },
        action: function (name) { withStrings([name], function (p) { _pd_mirror_action(p); }); },
        key: function (name) { withStrings([name], function (p) { _pd_mirror_key(p); }); },
    });
});

EM_JS(void, pd_js_update_form_mirror, (const char* json), {
    if (window.profileDeskMirror) window.profileDeskMirror.update(JSON.parse(UTF8ToString(json)));
});

EM_JS(int, pd_js_form_mirror_has_focus, (), {
    return window.profileDeskMirror && window.profileDeskMirror.hasFocus() ? 1 : 0;
});

// ---- C++ side ----

extern "C" {
EMSCRIPTEN_KEEPALIVE void pd_mirror_focus(const char* id) {
    if (handlers.focus) handlers.focus(id);
}
EMSCRIPTEN_KEEPALIVE int pd_mirror_edit(const char* id, const char* value, double start, double end) {
    return handlers.edit && handlers.edit(id, value, static_cast<std::size_t>(start), static_cast<std::size_t>(end)) ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE void pd_mirror_select(const char* id, double start, double end) {
    if (handlers.select) handlers.select(id, static_cast<std::size_t>(start), static_cast<std::size_t>(end));
}
EMSCRIPTEN_KEEPALIVE void pd_mirror_action(const char* action) {
    if (handlers.action) handlers.action(action);
}
EMSCRIPTEN_KEEPALIVE void pd_mirror_key(const char* key) {
    if (handlers.key) handlers.key(key);
}
}

namespace profiledesk::app::platform {

void install_form_mirror(const mirror_handlers& h) {
    handlers = h;
    pd_js_attach_form_mirror();
}

void update_form_mirror(nlohmann::json d) {
    const auto add_rect = [](nlohmann::json& entry, const std::string& item) {
        if (const auto r = item_rect(item)) entry["rect"] = {r->x, r->y, r->w, r->h};
    };
    for (auto& f : d["fields"]) add_rect(f, "field:" + f["id"].get<std::string>());
    for (auto& a : d["actions"]) add_rect(a, a["item"].get<std::string>());
    if (d["dialog"].is_object()) {
        for (auto& a : d["dialog"]["actions"]) add_rect(a, a["item"].get<std::string>());
    }
    std::string text = d.dump();
    if (text == last_sent) return;
    last_sent = std::move(text);
    pd_js_update_form_mirror(last_sent.c_str());
}

bool form_mirror_has_focus() { return pd_js_form_mirror_has_focus() != 0; }

}  // namespace profiledesk::app::platform
