#include "views/header_view.hpp"

#include "app/i18n.hpp"
#include "platform/test_hook.hpp"
#include "views/language_switcher.hpp"
#include "views/palette.hpp"
#include "views/text.hpp"
#include "views/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace profiledesk::app::views {

using platform::record_item;

void draw_header(const app_state& s, unsigned texture, float left, float width, std::vector<intent>& intents) {
    // Header: avatar, name, sign out.
    ImGui::SetCursorPosX(left);
    avatar(s, texture, 36);
    ImGui::SameLine();
    ImGui::BeginGroup();
    text(s.user ? s.user->name : std::string(), "header:name");
    record_item("text:user-name");
    text_colored(muted, s.profile ? s.profile->email : std::string(), "header:email");
    ImGui::EndGroup();
    // Each button as wide as its label (translations run longer than English).
    const std::string out_label = tr("header.sign_out");
    const std::string everywhere_label = tr("header.sign_out_everywhere");
    const float out_w = std::min(width, button_width(out_label, 90));
    const float everywhere_w = std::min(width, button_width(everywhere_label, 170));
    ImGui::SameLine(left + width - out_w);
    if (button(out_label, "button:sign-out", true, ImVec2(out_w, 0)))
        intents.push_back({intent::kind::sign_out, {}, {}, {}, {}});
    // Beside it where the name and email leave room, else under it (a phone
    // held upright, a long address).
    const float text_w = std::max(text_width(s.user ? s.user->name : std::string()),
                                  text_width(s.profile ? s.profile->email : std::string()));
    if (36 + 8 + text_w + 16 <= width - out_w - 8 - everywhere_w) {
        ImGui::SameLine(left + width - out_w - 8 - everywhere_w);
    } else {
        ImGui::SetCursorPosX(left + width - everywhere_w);
    }
    if (button(everywhere_label, "button:sign-out-everywhere", true, ImVec2(everywhere_w, 0))) {
        intents.push_back({intent::kind::sign_out_everywhere, {}, {}, {}, {}});
    }
    ImGui::SetCursorPosX(left + width - language_switcher_width);
    draw_language_switcher(s, intents);
    ImGui::SetCursorPosX(left);
    ImGui::Separator();
}

}  // namespace profiledesk::app::views
