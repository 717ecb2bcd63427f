// Draws the server health panel. Reads the state; changes nothing.
#pragma once

#include "state/app_state.hpp"

namespace profiledesk::app::views {

void draw_health(const app_state& s);

}  // namespace profiledesk::app::views
