// "Your devices and your account" on the canvas (issue 18): where the user
// is signed in, Download my data, Delete my account, and the farewell once
// the account is gone. Reads the state; what the person does comes back as
// intent::kind::devices (views/editor_view.hpp), whose id is a devices.hpp action.
#pragma once

#include "views/editor_view.hpp"

#include <vector>

namespace profiledesk::app::views {

// Under the profile form, `width` wide: a table when the width allows one,
// one block per session on a phone held upright.
void draw_devices(const app_state& s, float width, std::vector<intent>& out);

// Replaces the app once the account is deleted.
void draw_farewell(const app_state& s, std::vector<intent>& out);

}  // namespace profiledesk::app::views
