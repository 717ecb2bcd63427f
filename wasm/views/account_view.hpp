// "Sign-in and security" on the canvas (the state's part: controller_account.hpp):
// the email address with its change and pending change, the password change
// with its rules, or both read-only with the reason.
#pragma once

#include "app/app_state.hpp"
#include "views/editor_view.hpp"

#include <vector>

namespace profiledesk::app::views {

// Draws the part at the cursor, `label_w` wide labels as the form's fields;
// what the person did goes to `out`.
void draw_account_security(const app_state& s, float label_w, std::vector<intent>& out);

}  // namespace profiledesk::app::views
