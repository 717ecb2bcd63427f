#include "platform/test_hook.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <map>
#include <string>

namespace {
const profiledesk::app::app_state* exposed = nullptr;

struct rect {
    float x, y, w, h;
    bool visible;
};
std::map<std::string, rect> rects;
}  // namespace

namespace profiledesk::app {
void expose_state_to_test_hook(const app_state* s) { exposed = s; }

namespace platform {
void begin_item_rects() { rects.clear(); }

void record_item(const std::string& id) {
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    rects[id] = rect{a.x, a.y, b.x - a.x, b.y - a.y, ImGui::IsItemVisible()};
}
}  // namespace platform
}  // namespace profiledesk::app

// The returned text stays valid until the next call (JavaScript copies it at once).
extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_state_json() {
    static std::string text;
    text = exposed ? profiledesk::app::state_to_json(*exposed).dump() : "null";
    return text.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_item_rects() {
    static std::string text;
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [id, r] : rects) j[id] = {{"x", r.x}, {"y", r.y}, {"w", r.w}, {"h", r.h}, {"visible", r.visible}};
    text = j.dump();
    return text.c_str();
}
