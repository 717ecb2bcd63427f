#include "views/header_view.hpp"

#include "platform/test_hook.hpp"
#include "views/layout.hpp"
#include "views/palette.hpp"
#include "views/text.hpp"
#include "views/widgets.hpp"

#include <imgui.h>

#include <algorithm>

namespace profiledesk::app::views {

using platform::record_item;

void draw_header(const app_state& s, unsigned texture, float left, float width, std::vector<intent>& intents) {
    // Header: avatar, name, sign out (mirrored right to left: views/layout.hpp).
    const float window_x = ImGui::GetWindowPos().x;
    const row_span row{window_x + left, window_x + left + width};
    const std::string name = s.user ? s.user->name : std::string();
    const std::string email = s.profile ? s.profile->email : std::string();
    const float text_w = std::max(text_width(name), text_width(email));
    row_start(row, 0, 36);
    avatar(s, texture, 36);
    same_line_at(row, 36 + ImGui::GetStyle().ItemSpacing.x, text_w);
    const float texts_x = ImGui::GetCursorScreenPos().x;
    const row_span texts{texts_x, texts_x + text_w};
    ImGui::BeginGroup();
    row_start(texts, 0, text_width(name));
    text(name, "header:name");
    record_item("text:user-name");
    row_start(texts, 0, text_width(email));
    text_colored(muted, email);
    ImGui::EndGroup();
    same_line_at(row, width - 90, 90);
    if (button("Sign out", "button:sign-out", true, ImVec2(90, 0)))
        intents.push_back({intent::kind::sign_out, {}, {}, {}, {}});
    // Beside it where the name and email leave room, else under it (a phone
    // held upright, a long address).
    if (36 + 8 + text_w + 16 <= width - 90 - 8 - 170) {
        same_line_at(row, width - 90 - 8 - 170, 170);
    } else {
        row_start(row, width - 170, 170);
    }
    if (button("Sign out everywhere", "button:sign-out-everywhere", true, ImVec2(170, 0))) {
        intents.push_back({intent::kind::sign_out_everywhere, {}, {}, {}, {}});
    }
    ImGui::SetCursorPosX(left);
    ImGui::Separator();
}

}  // namespace profiledesk::app::views
