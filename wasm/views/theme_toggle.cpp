#define IMGUI_DEFINE_MATH_OPERATORS
#include "views/theme_toggle.hpp"

#include "app/controller.hpp"
#include "platform/browser_text.hpp"
#include "platform/test_hook.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // ImVec2 arithmetic

#include <cmath>
#include <string>

namespace profiledesk::app::views {
namespace {

constexpr float icon_size = 14;

core::theme_kind other(core::theme_kind k) {
    return k == core::theme_kind::dark ? core::theme_kind::light : core::theme_kind::dark;
}

const std::string& label(const app_state& s) { return theme_toggle_label(s); }

// A moon for the dark theme, a sun for the light one, centred on `c`.
void draw_icon(ImDrawList* dl, ImVec2 c, core::theme_kind target, ImU32 colour, ImU32 fill_behind) {
    const float r = icon_size * 0.5f;
    if (target == core::theme_kind::dark) {
        dl->AddCircleFilled(c, r * 0.8f, colour, 24);
        dl->AddCircleFilled(c + ImVec2(r * 0.45f, -r * 0.35f), r * 0.65f, fill_behind, 24);
        return;
    }
    dl->AddCircleFilled(c, r * 0.42f, colour, 16);
    for (int i = 0; i < 8; ++i) {
        const float a = static_cast<float>(i) * 3.14159265f / 4.0f;
        const ImVec2 d(std::cos(a), std::sin(a));
        dl->AddLine(c + d * (r * 0.62f), c + d * r, colour, 1.5f);
    }
}

}  // namespace

float theme_toggle_width(const app_state& s) {
    return text_width(label(s)) + icon_size + space::xs * 2 + ImGui::GetStyle().FramePadding.x * 2;
}

void draw_theme_toggle(const app_state& s, std::vector<intent>& intents) {
    const core::theme_kind target = other(s.theme);
    const ImVec2 size(theme_toggle_width(s), ImGui::GetFrameHeight());
    const bool pressed = ImGui::Button("##theme", size);
    platform::record_item("button:theme");
    const ImVec2 min = ImGui::GetItemRectMin();
    const float pad = ImGui::GetStyle().FramePadding.x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 behind = ImGui::GetColorU32(ImGui::IsItemActive()    ? ImGuiCol_ButtonActive
                                            : ImGui::IsItemHovered() ? ImGuiCol_ButtonHovered
                                                                     : ImGuiCol_Button);
    draw_icon(dl, ImVec2(min.x + pad + icon_size * 0.5f, min.y + size.y * 0.5f), target,
              ImGui::GetColorU32(role().text), behind);
    // The label after the icon, on the frame's text line (drawn, not an
    // item: the header lines its buttons up after this one).
    const std::string& l = label(s);
    const ImVec2 at(min.x + pad + icon_size + space::xs * 2, min.y + ImGui::GetStyle().FramePadding.y);
    if (drawn_by_browser(l)) {
        platform::draw_browser_text(dl, at, ImGui::GetColorU32(role().text), l);
    } else {
        dl->AddText(at, ImGui::GetColorU32(role().text), l.c_str());
    }
    if (pressed) intents.push_back({intent::kind::toggle_theme, {}, {}, {}, {}});
}

}  // namespace profiledesk::app::views
