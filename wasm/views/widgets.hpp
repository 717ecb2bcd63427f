// Small widgets the views share: a button recorded for the test hook, the
// Retry button with its countdown, the avatar, a centred panel.
#pragma once

#include "app/app_state.hpp"

#include <imgui.h>

#include <string>

namespace profiledesk::app::views {

// ImGui::Button, greyed out when not `enabled`, recorded as `hook_id` (the
// item and its label's text); true when pressed while enabled.
bool button(const std::string& label, const std::string& hook_id, bool enabled = true, ImVec2 size = ImVec2(0, 0));

// "Retry", disabled with a countdown while the server asks us to wait.
bool retry_button(const app_state& s);

// A circle `size` across with the picture (`texture`), or with the initials
// on a colour from the name.
void avatar(const app_state& s, unsigned texture, float size);

// A window centred in the viewport, `width` wide at most (the welcome and
// error panels); the caller ends it with ImGui::End().
void centered_panel_begin(const char* id, float width);

}  // namespace profiledesk::app::views
