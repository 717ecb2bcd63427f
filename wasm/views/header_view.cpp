#include "views/header_view.hpp"

#include "platform/test_hook.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"
#include "views/theme_toggle.hpp"
#include "views/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace profiledesk::app::views {

using platform::record_item;

void draw_header(const app_state& s, unsigned texture, float left, float width, std::vector<intent>& intents) {
    // Who is signed in, drawn once for the page: avatar, name, email; then
    // the page's buttons at the right.
    constexpr float avatar_size = 40;
    const std::string name = s.user ? s.user->name : std::string();
    const std::string email = s.profile ? s.profile->email : std::string();
    ImGui::SetCursorPosX(left);
    avatar(s, texture, avatar_size);
    ImGui::SameLine(0, space::m);
    ImGui::BeginGroup();
    float name_w = 0;
    {
        const type_scope section(type_role::section);
        text(name, "header:name");
        name_w = text_width(name);
    }
    record_item("text:user-name");
    text_colored(role().muted, email);
    ImGui::EndGroup();
    ImGui::SameLine(left + width - 90);
    if (button("Sign out", "button:sign-out", true, ImVec2(90, 0)))
        intents.push_back({intent::kind::sign_out, {}, {}, {}, {}});
    // The theme toggle and "Sign out everywhere" beside it where the name
    // and email leave room, else under it (a phone held upright, a long
    // address).
    const float toggle_w = theme_toggle_width(s);
    const float text_w = std::max(name_w, text_width(email));
    if (avatar_size + space::m + text_w + space::l <= width - 90 - space::s - 170 - space::s - toggle_w) {
        ImGui::SameLine(left + width - 90 - space::s - 170 - space::s - toggle_w);
    } else {
        ImGui::SetCursorPosX(left + width - 170 - space::s - toggle_w);
    }
    draw_theme_toggle(s, intents);
    ImGui::SameLine(0, space::s);
    if (button("Sign out everywhere", "button:sign-out-everywhere", true, ImVec2(170, 0))) {
        intents.push_back({intent::kind::sign_out_everywhere, {}, {}, {}, {}});
    }
    ImGui::SetCursorPosX(left);
    ImGui::Separator();
}

}  // namespace profiledesk::app::views
