#include "views/support_link.hpp"

#include "app/i18n.hpp"
#include "platform/site.hpp"
#include "platform/test_hook.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"

#include <imgui.h>

namespace profiledesk::app::views {

void support_link(const std::string& hook_id, float indent_x) {
    const auto& url = platform::site().support_url;
    if (url.empty()) return;
    if (indent_x >= 0) {
        ImGui::Dummy(ImVec2(0, 0));
        ImGui::SameLine(indent_x);
    }
    const auto& label = tr("support.get_help");
    text_colored(role().accent_text, label, hook_id);
    platform::record_item(hook_id);
    // A link looks like one: underlined (ImGui changes no pointer here: see main.cpp).
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddLine(ImVec2(min.x, max.y), ImVec2(max.x, max.y),
                                        ImGui::GetColorU32(role().accent_text), ImGui::IsItemHovered() ? 2.0f : 1.0f);
    if (ImGui::IsItemClicked(ImGuiMouseButton_Left)) platform::open_in_new_tab(url);
}

}  // namespace profiledesk::app::views
