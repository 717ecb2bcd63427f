#include "views/header_view.hpp"

#include "platform/test_hook.hpp"
#include "views/brand_view.hpp"
#include "views/palette.hpp"
#include "views/text.hpp"
#include "views/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace profiledesk::app::views {

using platform::record_item;

void draw_header(const app_state& s, unsigned texture, float left, float width, std::vector<intent>& intents) {
    ImGui::SetCursorPosX(left);
    draw_brand("header");
    // Header: avatar, name, sign out.
    ImGui::SetCursorPosX(left);
    avatar(s, texture, 36);
    ImGui::SameLine();
    ImGui::BeginGroup();
    text(s.user ? s.user->name : std::string(), "header:name");
    record_item("text:user-name");
    text_colored(muted, s.profile ? s.profile->email : std::string());
    ImGui::EndGroup();
    ImGui::SameLine(left + width - 90);
    if (button("Sign out", "button:sign-out", true, ImVec2(90, 0)))
        intents.push_back({intent::kind::sign_out, {}, {}, {}, {}});
    // Beside it where the name and email leave room, else under it (a phone
    // held upright, a long address).
    const float text_w = std::max(text_width(s.user ? s.user->name : std::string()),
                                  text_width(s.profile ? s.profile->email : std::string()));
    if (36 + 8 + text_w + 16 <= width - 90 - 8 - 170) {
        ImGui::SameLine(left + width - 90 - 8 - 170);
    } else {
        ImGui::SetCursorPosX(left + width - 170);
    }
    if (button("Sign out everywhere", "button:sign-out-everywhere", true, ImVec2(170, 0))) {
        intents.push_back({intent::kind::sign_out_everywhere, {}, {}, {}, {}});
    }
    ImGui::SetCursorPosX(left);
    ImGui::Separator();
}

}  // namespace profiledesk::app::views
