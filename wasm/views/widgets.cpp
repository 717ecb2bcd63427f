#include "views/widgets.hpp"

#include "app/controller.hpp"
#include "platform/test_hook.hpp"
#include "views/text.hpp"

#include <algorithm>
#include <cstdint>

namespace profiledesk::app::views {

using platform::record_item;

bool button(const std::string& label, const std::string& hook_id, bool enabled, ImVec2 size) {
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(label.c_str(), size);
    if (!enabled) ImGui::EndDisabled();
    record_item(hook_id);
    record_last_item_label(label, hook_id);
    return pressed && enabled;
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
