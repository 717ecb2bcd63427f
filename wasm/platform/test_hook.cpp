#include "platform/test_hook.hpp"

#include "platform/browser_text.hpp"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>  // the active text field's selection

#include <algorithm>
#include <map>
#include <string>

namespace {
struct rect {
    float x, y, w, h;
    bool visible;
    ImRect clip;  // the window's visible region: a scrolled-off part of the item lies outside it
};

struct drawn_text {
    float x, y, w, h;
    bool browser, rtl;
    std::string text;
    profiledesk::app::platform::item_box box;
    std::string layer;  // the root window's name
};

struct text_selection {
    std::string id;  // "" when no text field is active
    int start = 0, end = 0, cursor = 0;
};

// What the hook reports, in one instance reached through the_hook() (as the
// input layer keeps its state, platform/input.cpp): the app's state and what
// the views recorded of the last frame.
struct test_hook_data {
    const profiledesk::app::app_state* exposed = nullptr;
    std::map<std::string, rect> rects;        // by item id
    std::map<std::string, drawn_text> texts;  // by text id
    text_selection selection;
};

test_hook_data& the_hook() {
    static test_hook_data h;
    return h;
}
}  // namespace

namespace profiledesk::app {
void expose_state_to_test_hook(const app_state* s) { the_hook().exposed = s; }

namespace platform {
void begin_item_rects() {
    test_hook_data& hook = the_hook();
    hook.rects.clear();
    hook.texts.clear();
    hook.selection = {};
}

void record_text(const std::string& id, item_box at, bool browser, bool rtl, std::string_view s, item_box box) {
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    the_hook().texts[id] = drawn_text{
        at.x, at.y, at.w, at.h, browser, rtl, std::string(s), box, window != nullptr ? window->RootWindow->Name : ""};
}

void record_text_selection(const std::string& id) {
    const ImGuiInputTextState* st = ImGui::GetInputTextState(ImGui::GetItemID());
    if (st == nullptr) return;
    const auto& stb = st->Stb;
    the_hook().selection = {id, std::min(stb.select_start, stb.select_end), std::max(stb.select_start, stb.select_end),
                            stb.cursor};
}

std::optional<item_box> item_rect(const std::string& id) {
    const auto& rects = the_hook().rects;
    const auto it = rects.find(id);
    if (it == rects.end() || !it->second.visible) return std::nullopt;
    const rect& r = it->second;
    ImRect shown(r.x, r.y, r.x + r.w, r.y + r.h);
    shown.ClipWithFull(r.clip);
    if (shown.GetWidth() <= 0 || shown.GetHeight() <= 0) return std::nullopt;
    return item_box{shown.Min.x, shown.Min.y, shown.GetWidth(), shown.GetHeight()};
}

void record_item(const std::string& id) {
    const ImVec2 a = ImGui::GetItemRectMin();
    const ImVec2 b = ImGui::GetItemRectMax();
    the_hook().rects[id] = rect{
        a.x, a.y, b.x - a.x, b.y - a.y, ImGui::IsItemVisible(), ImGui::GetCurrentWindow()->ClipRect};
}
}  // namespace platform
}  // namespace profiledesk::app

// The returned text stays valid until the next call (JavaScript copies it at once).
extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_state_json() {
    static std::string text;
    const auto* exposed = the_hook().exposed;
    text = exposed ? profiledesk::app::state_to_json(*exposed).dump() : "null";
    return text.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_text_selection() {
    static std::string text;
    const text_selection& selection = the_hook().selection;
    text = selection.id.empty() ? "null"
                                : nlohmann::json{{"id", selection.id},
                                                 {"start", selection.start},
                                                 {"end", selection.end},
                                                 {"cursor", selection.cursor}}
                                      .dump();
    return text.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_item_rects() {
    static std::string text;
    nlohmann::json j = nlohmann::json::object();
    // The part of each item its window shows: a click on the reported box
    // lands on the item, not on what lies over its scrolled-off part.
    for (const auto& [id, r] : the_hook().rects) {
        ImRect shown(r.x, r.y, r.x + r.w, r.y + r.h);
        shown.ClipWithFull(r.clip);
        const bool any = shown.GetWidth() > 0 && shown.GetHeight() > 0;
        if (!any) shown = ImRect(r.x, r.y, r.x + r.w, r.y + r.h);
        j[id] = {{"x", shown.Min.x},
                 {"y", shown.Min.y},
                 {"w", shown.GetWidth()},
                 {"h", shown.GetHeight()},
                 {"visible", r.visible && any}};
    }
    text = j.dump();
    return text.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_text_rects() {
    static std::string text;
    nlohmann::json items = nlohmann::json::object();
    for (const auto& [id, t] : the_hook().texts) {
        items[id] = {{"x", t.x},
                     {"y", t.y},
                     {"w", t.w},
                     {"h", t.h},
                     {"renderer", t.browser ? "browser" : "atlas"},
                     {"rtl", t.rtl},
                     {"box", {{"x", t.box.x}, {"y", t.box.y}, {"w", t.box.w}, {"h", t.box.h}}},
                     {"layer", t.layer}};
    }
    const float em = profiledesk::app::platform::browser_text_em(ImGui::GetFontSize());
    text = nlohmann::json{{"font",
                           {{"stack", profiledesk::app::platform::browser_font_stack()},
                            {"em", em},
                            {"loading", profiledesk::app::platform::browser_fonts_loading()}}},
                          {"items", items}}
               .dump();
    return text.c_str();
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* pd_texts() {
    static std::string text;
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [id, t] : the_hook().texts) j[id] = t.text;
    text = j.dump();
    return text.c_str();
}
