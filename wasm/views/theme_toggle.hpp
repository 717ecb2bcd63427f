// The header's theme toggle: switches between the light and dark themes and
// remembers the choice in this browser (platform/theme_bridge.hpp). Until
// the person chooses, the page follows the system's prefers-color-scheme.
#pragma once

#include "views/editor_view.hpp"

#include <vector>

namespace profiledesk::app::views {

// How wide the toggle is drawn (the header places it by this).
float theme_toggle_width(const app_state& s);

// The toggle at the cursor, recorded as "button:theme"; pressed, it asks for
// the other theme (intent::kind::toggle_theme: app/controller.hpp's toggle_theme).
void draw_theme_toggle(const app_state& s, std::vector<intent>& intents);

}  // namespace profiledesk::app::views
