// The read-only test hook, for end-to-end tests (documented in README.md):
//   window.profileDesk.state()      the app state as JSON (state_to_json)
//   window.profileDesk.itemRect(id) {x, y, w, h, visible} in CSS pixels of the
//                                   widget with that stable id, or null
// shell/loader.js defines both over the exported pd_state_json() and
// pd_item_rects(). Views record each widget's rectangle every frame.
#pragma once

#include "state/app_state.hpp"

#include <string>

namespace profiledesk::app {

// The state the hook reports (the app registers its one state at start-up).
void expose_state_to_test_hook(const app_state* s);

namespace platform {
// Forget last frame's rectangles (call before drawing a frame).
void begin_item_rects();
// The last ImGui item's rectangle under `id` ("field:name", "button:save", ...).
void record_item(const std::string& id);
}  // namespace platform

}  // namespace profiledesk::app
