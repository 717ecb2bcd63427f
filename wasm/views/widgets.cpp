#define IMGUI_DEFINE_MATH_OPERATORS
#include "views/widgets.hpp"

#include "app/controller.hpp"
#include "platform/browser_text.hpp"
#include "platform/test_hook.hpp"
#include "views/layout.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"

#include <imgui_internal.h>  // ImRect

#include <algorithm>
#include <cstdint>

namespace profiledesk::app::views {

using platform::record_item;

namespace {

// A fill's hover and pressed shades: away from the text on it, so the text
// stays readable (as core::make_palette makes the accent's).
ImVec4 shade(core::rgb fill, double amount) {
    const core::rgb away = core::text_on(fill) == core::rgb{255, 255, 255} ? core::rgb{0, 0, 0}
                                                                           : core::rgb{255, 255, 255};
    return to_imvec4(core::mix(away, fill, amount));
}

// `s` at `at` in the current font and `colour`, by whichever renderer draws it.
void draw_label(ImDrawList* dl, ImVec2 at, ImU32 colour, std::string_view s) {
    if (drawn_by_browser(s)) {
        platform::draw_browser_text(dl, at, colour, s);
    } else {
        dl->AddText(at, colour, s.data(), s.data() + s.size());
    }
}

// A filled button's label drawn again one pixel to the right: a heavier
// label (as a semibold weight would be) whose strokes reach the full
// on_accent colour. At 15 px, DejaVu Sans's one-pixel-wide antialiased stems
// alone let the label's measured contrast on the accent fall under its
// nominal value (tests/e2e/theme.test.mjs measures it from pixels).
void embolden_label(const char* label) {
    const char* end = ImGui::FindRenderedTextEnd(label);
    if (end == label || drawn_by_browser(std::string_view(label, static_cast<std::size_t>(end - label)))) return;
    const ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    const ImVec2 pad = ImGui::GetStyle().FramePadding;
    const ImVec2 size = ImGui::CalcTextSize(label, end);
    // Where ImGui put it (RenderTextClipped, ButtonTextAlign 0.5: centred).
    const ImVec2 at(r.Min.x + pad.x + std::max(0.0f, (r.GetWidth() - pad.x * 2 - size.x) * 0.5f) + 1.0f,
                    r.Min.y + pad.y + std::max(0.0f, (r.GetHeight() - pad.y * 2 - size.y) * 0.5f));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(r.Min + pad * 0.5f, r.Max - pad * 0.5f, true);
    dl->AddText(at, ImGui::GetColorU32(ImGuiCol_Text), label, end);
    dl->PopClipRect();
}

}  // namespace

int push_button_colours(emphasis look) {
    const core::palette& p = current_palette();
    if (look == emphasis::secondary) return 0;  // the style's own (views/theme.cpp)
    const core::rgb fill = look == emphasis::primary ? p.accent : p.danger;
    ImGui::PushStyleColor(ImGuiCol_Button, to_imvec4(fill));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered,
                          look == emphasis::primary ? to_imvec4(p.accent_hover) : shade(fill, 0.12));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive,
                          look == emphasis::primary ? to_imvec4(p.accent_pressed) : shade(fill, 0.24));
    ImGui::PushStyleColor(ImGuiCol_Text, to_imvec4(look == emphasis::primary ? p.on_accent : core::text_on(fill)));
    ImGui::PushStyleColor(ImGuiCol_Border, to_imvec4(fill));
    return 5;
}

void begin_disabled_look() {
    const core::palette& p = current_palette();
    ImGui::BeginDisabled();
    // A quiet fill level with the page and a faint outline: nothing to press.
    ImGui::PushStyleColor(ImGuiCol_Text, to_imvec4(p.disabled_text));
    ImGui::PushStyleColor(ImGuiCol_Button, to_imvec4(p.background));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_imvec4(p.background));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, to_imvec4(p.background));
    ImGui::PushStyleColor(ImGuiCol_FrameBg, to_imvec4(p.background));
    ImGui::PushStyleColor(ImGuiCol_Border, to_imvec4(p.border, 0.45f));
}

void end_disabled_look() {
    ImGui::PopStyleColor(6);
    ImGui::EndDisabled();
}

bool button(const std::string& label, const std::string& hook_id, bool enabled, ImVec2 size, emphasis look) {
    bool pressed = false;
    if (enabled) {
        const int pushed = push_button_colours(look);
        pressed = ImGui::Button(label.c_str(), size);
        if (look != emphasis::secondary) embolden_label(label.c_str());
        ImGui::PopStyleColor(pushed);
    } else {
        begin_disabled_look();
        ImGui::Button(label.c_str(), size);
        end_disabled_look();
    }
    record_item(hook_id);
    record_last_item_label(label, hook_id);
    return pressed && enabled;
}

bool primary_button(const std::string& label, const std::string& hook_id, bool enabled, ImVec2 size) {
    return button(label, hook_id, enabled, size, emphasis::primary);
}

bool radio(std::string_view label, const char* id, bool selected) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const core::palette& p = current_palette();
    const float h = ImGui::GetFrameHeight();
    const float w = std::max(ImGui::GetContentRegionAvail().x, h + space::s + text_width(label));
    const bool clicked = ImGui::InvisibleButton(id, ImVec2(w, h));
    const ImRect row(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) {
        dl->AddRectFilled(row.Min, row.Max, ImGui::GetColorU32(to_imvec4(ImGui::IsItemActive() ? p.pressed : p.hover)),
                          st.FrameRounding);
    }
    const float r = std::floor(ImGui::GetTextLineHeight() * 0.5f) + 1;
    // The ring at the reading start: the left, or the right on a
    // right-to-left page (views/layout.hpp) with the label at its left.
    const bool rtl = page_rtl();
    const ImVec2 c(rtl ? row.Max.x - st.FramePadding.x - r : row.Min.x + st.FramePadding.x + r, row.Min.y + h * 0.5f);
    const float label_x = rtl ? c.x - r - space::s - text_width(label) : c.x + r + space::s;
    if (selected) {
        dl->AddCircleFilled(c, r, ImGui::GetColorU32(to_imvec4(p.accent)), 24);
        dl->AddCircleFilled(c, r * 0.4f, ImGui::GetColorU32(to_imvec4(p.on_accent)), 16);
    } else {
        dl->AddCircleFilled(c, r, ImGui::GetColorU32(to_imvec4(p.field)), 24);
        dl->AddCircle(c, r - 0.5f, ImGui::GetColorU32(to_imvec4(p.border)), 24, 1.5f);
    }
    dl->PushClipRect(row.Min, row.Max, true);
    draw_label(dl, ImVec2(label_x, row.Min.y + st.FramePadding.y), ImGui::GetColorU32(to_imvec4(p.text)), label);
    dl->PopClipRect();
    return clicked;
}

bool checkbox(std::string_view label, const char* id, bool* checked) {
    const core::palette& p = current_palette();
    const bool on = *checked;
    if (on) {
        ImGui::PushStyleColor(ImGuiCol_FrameBg, to_imvec4(p.accent));
        ImGui::PushStyleColor(ImGuiCol_FrameBgHovered, to_imvec4(p.accent_hover));
        ImGui::PushStyleColor(ImGuiCol_FrameBgActive, to_imvec4(p.accent_pressed));
        ImGui::PushStyleColor(ImGuiCol_Border, to_imvec4(p.accent));
    }
    // ImGui draws a label at the box's right: on a right-to-left page the
    // caller draws it at the box's left instead (views/layout.hpp's
    // same_line_after), as it does a label the browser draws.
    const std::string imgui_label = (label.empty() || drawn_by_browser(label) || page_rtl() ? std::string()
                                                                                            : std::string(label)) +
                                    "##" + id;
    const bool toggled = ImGui::Checkbox(imgui_label.c_str(), checked);
    if (on) ImGui::PopStyleColor(4);
    return toggled;
}

void read_only_note(const std::string& reason, const std::string& hook_id) {
    const type_scope help(type_role::help);
    const ImU32 colour = ImGui::GetColorU32(role().muted);
    // A padlock, as tall as the help text's capitals: a body and a shackle.
    const float h = ImGui::GetTextLineHeight();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(h * 0.75f, h));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float w = h * 0.6f;
    const ImVec2 body_min(p.x + 1, p.y + h * 0.45f);
    dl->AddRectFilled(body_min, ImVec2(body_min.x + w, p.y + h * 0.9f), colour, 1.5f);
    dl->PathArcTo(ImVec2(body_min.x + w * 0.5f, body_min.y), w * 0.32f, 3.14159265f, 2 * 3.14159265f, 12);
    dl->PathLineTo(ImVec2(body_min.x + w * 0.5f + w * 0.32f, body_min.y));
    dl->PathStroke(colour, 0, 1.5f);
    ImGui::SameLine(0, space::xs);
    text_wrapped_colored(role().muted, reason, hook_id);
}

// "Retry", disabled with a countdown while the server asks us to wait (one
// ImGui id whatever the label says).
bool retry_button(const app_state& s) {
    return button(retry_label(s) + "###retry", "button:retry", retry_wait_s(s) == 0);
}

// A circle with the picture, or with the initials on a colour from the name.
void avatar(const app_state& s, unsigned texture, float size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + size * 0.5f, p.y + size * 0.5f);
    ImGui::Dummy(ImVec2(size, size));
    record_item("avatar");
    if (texture != 0 && s.avatar.state == avatar_state::status::ready) {
        dl->AddImageRounded(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture)), p,
                            ImVec2(p.x + size, p.y + size), ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, size * 0.5f);
        return;
    }
    const std::string name = s.user ? s.user->name : std::string();
    unsigned hash = 2166136261u;
    for (const char ch : name) hash = (hash ^ static_cast<unsigned char>(ch)) * 16777619u;
    const float hue = static_cast<float>(hash % 360) / 360.0f;
    ImVec4 col;
    ImGui::ColorConvertHSVtoRGB(hue, 0.45f, 0.6f, col.x, col.y, col.z);
    col.w = 1.0f;
    dl->AddCircleFilled(c, size * 0.5f, ImGui::GetColorU32(col), 32);
    const float scale = size / 32.0f;
    centred_text(dl, c, ImGui::GetFontSize() * std::max(1.0f, scale), IM_COL32_WHITE, initials(name),
                 "avatar:initials");
}

void centered_panel_begin(const char* id, float width) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(width, vp->WorkSize.x - 32), 0), ImGuiCond_Always);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
}

}  // namespace profiledesk::app::views
