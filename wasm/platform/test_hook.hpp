// The read-only test hook: window.profileDesk.state() in shell/loader.js calls
// the exported pd_state_json(). For end-to-end tests; documented in README.md.
#pragma once

#include "state/app_state.hpp"

namespace profiledesk::app {

// The state the hook reports (the app registers its one state at start-up).
void expose_state_to_test_hook(const app_state* s);

}  // namespace profiledesk::app
