#include "views/header_view.hpp"

#include "app/i18n.hpp"
#include "platform/test_hook.hpp"
#include "views/brand_view.hpp"
#include "views/language_switcher.hpp"
#include "views/layout.hpp"
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
    // the page's buttons at the row's end (mirrored right to left:
    // views/layout.hpp).
    constexpr float avatar_size = 40;
    const float window_x = ImGui::GetWindowPos().x;
    const row_span row{window_x + left, window_x + left + width};
    const std::string name = s.user ? s.user->name : std::string();
    const std::string email = s.profile ? s.profile->email : std::string();
    float name_w = 0;
    {
        const type_scope section(type_role::section);
        name_w = text_width(name);
    }
    const float text_w = std::max(name_w, text_width(email));
    ImGui::SetCursorPosX(left);
    row_start(row, 0, avatar_size);
    avatar(s, texture, avatar_size);
    same_line_at(row, avatar_size + space::m, text_w);
    const float texts_x = ImGui::GetCursorScreenPos().x;
    const row_span texts{texts_x, texts_x + text_w};
    ImGui::BeginGroup();
    {
        const type_scope section(type_role::section);
        row_start(texts, 0, name_w);
        text(name, "header:name");
    }
    record_item("text:user-name");
    row_start(texts, 0, text_width(email));
    text_colored(role().muted, email, "header:email");
    ImGui::EndGroup();
    // The page's buttons at the row's end (the right; the left right to
    // left): beside the name where it leaves room, the rest on rows under it
    // (a phone held upright, a long name or address), filled from that end.
    struct header_button {
        float width;
        void (*draw)(const app_state&, std::vector<intent>&);
    };
    const header_button buttons[] = {
        // From the row's end.
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
    std::vector<std::vector<std::size_t>> rows(1);                      // each row from its end
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
            // x is where the button starts read left to right; mirrored, the
            // row fills from the left.
            const float w = buttons[*it].width;
            const float at = page_rtl() ? 2 * left + width - x - w : x;
            if (r == 0 || it != rows[r].rbegin()) {
                ImGui::SameLine(at);
            } else {
                ImGui::SetCursorPosX(at);
            }
            buttons[*it].draw(s, intents);
            x += buttons[*it].width + space::s;
        }
    }
    ImGui::SetCursorPosX(left);
    ImGui::Separator();
}

}  // namespace profiledesk::app::views
