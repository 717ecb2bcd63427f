// The language switcher (issue 16): a combo of the languages the app ships,
// each by its own name, in the header and on the welcome panel.
#pragma once

#include "views/editor_view.hpp"

#include <vector>

namespace profiledesk::app::views {

// The switcher's width, for the caller's layout.
inline constexpr float language_switcher_width = 140;

// Draws the combo at the cursor; a choice adds intent::kind::language with
// the tag as `id`. Recorded for the test hook as "combo:language", its
// entries as "language:<tag>".
void draw_language_switcher(const app_state& s, std::vector<intent>& intents);

}  // namespace profiledesk::app::views
