#include "views/header_view.hpp"

#include "app/i18n.hpp"
#include "platform/test_hook.hpp"
#include "views/brand_view.hpp"
#include "views/language_switcher.hpp"
#include "views/text.hpp"
#include "views/theme.hpp"
#include "views/theme_toggle.hpp"
#include "views/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace profiledesk::app::views {

using platform::record_item;

void draw_header(const app_state& s, unsigned texture, float left, float width, std::vector<intent>& intents) {
    ImGui::SetCursorPosX(left);
    draw_brand("header");
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
    text_colored(role().muted, email, "header:email");
    ImGui::EndGroup();
    // The page's buttons, right-aligned: beside the name where it leaves
    // room, the rest on rows under it (a phone held upright, a long name or
    // address), filled from the right.
    const float text_w = std::max(name_w, text_width(email));
    struct header_button {
        float width;
        void (*draw)(const app_state&, std::vector<intent>&);
    };
    const header_button buttons[] = {
        // Right to left.
        // Each as wide as its label: translations run longer than English.
        {button_width(tr("header.sign_out"), 90),
         [](const app_state&, std::vector<intent>& out) {
             const std::string& label = tr("header.sign_out");
             if (button(label, "button:sign-out", true, ImVec2(button_width(label, 90), 0)))
                 out.push_back({intent::kind::sign_out, {}, {}, {}, {}});
         }},
        {button_width(tr("header.sign_out_everywhere"), 170),
         [](const app_state&, std::vector<intent>& out) {
             const std::string& label = tr("header.sign_out_everywhere");
             if (button(label, "button:sign-out-everywhere", true, ImVec2(button_width(label, 170), 0)))
                 out.push_back({intent::kind::sign_out_everywhere, {}, {}, {}, {}});
         }},
        {theme_toggle_width(s), draw_theme_toggle},
        {language_switcher_width, draw_language_switcher},
    };
    const std::size_t count = sizeof buttons / sizeof buttons[0];
    float room = width - (avatar_size + space::m + text_w + space::l);  // on the first row
    std::vector<std::vector<std::size_t>> rows(1);                      // each row right to left
    for (std::size_t i = 0; i < count; ++i) {
        const float need = buttons[i].width + (rows.back().empty() ? 0 : space::s);
        if (need > room && !(rows.size() > 1 && rows.back().empty())) {
            rows.emplace_back();
            room = width;
        }
        room -= buttons[i].width + (rows.back().empty() ? 0 : space::s);
        rows.back().push_back(i);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        float x = left + width;
        for (const std::size_t i : rows[r]) x -= buttons[i].width + space::s;
        x += space::s;
        for (auto it = rows[r].rbegin(); it != rows[r].rend(); ++it) {
            if (r == 0 || it != rows[r].rbegin()) {
                ImGui::SameLine(x);
            } else {
                ImGui::SetCursorPosX(x);
            }
            buttons[*it].draw(s, intents);
            x += buttons[*it].width + space::s;
        }
    }
    ImGui::SetCursorPosX(left);
    ImGui::Separator();
}

}  // namespace profiledesk::app::views
