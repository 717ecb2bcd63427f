#include "views/brand_view.hpp"

#include "platform/site.hpp"
#include "platform/test_hook.hpp"
#include "views/text.hpp"

#include <imgui.h>

#include <cstdint>

namespace profiledesk::app::views {

void draw_brand(const std::string& where) {
    const auto& logo = platform::logo();
    if (logo.texture != 0 && logo.height > 0) {
        const float w = logo_height * static_cast<float>(logo.width) / static_cast<float>(logo.height);
        ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(logo.texture)), ImVec2(w, logo_height));
        platform::record_item(where + ":logo");
        ImGui::SameLine();
        // The name on the logo's middle line.
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (logo_height - ImGui::GetTextLineHeight()) * 0.5f);
    }
    text(platform::site().brand_name, where + ":brand-name");
    platform::record_item(where + ":brand-name");
}

}  // namespace profiledesk::app::views
