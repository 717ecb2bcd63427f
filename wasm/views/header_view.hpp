// The header above the form: who is signed in, and the page's own buttons.
// One place, so that the brand, the language switcher and the theme toggle
// each add their widget here.
#pragma once

#include "views/editor_view.hpp"

#include <vector>

namespace profiledesk::app::views {

// Draws the header across [left, left + width) at the cursor, then a rule.
void draw_header(const app_state& s, unsigned avatar_texture, float left, float width, std::vector<intent>& intents);

}  // namespace profiledesk::app::views
