// "Get help": a link to the operator's SUPPORT_URL, beside what a person
// cannot fix alone (a read-only field's reason, an error banner). Opens in a
// new tab; nothing is drawn when SUPPORT_URL is unset. The accessibility
// mirror has the same link (app/form_mirror.cpp, shell/form_mirror.js).
#pragma once

#include <string>

namespace profiledesk::app::views {

// At the cursor, as one item, or on a new line at `indent_x` (window
// coordinates) when it is given; `hook_id` e.g. "support:reason:city", "support:error".
void support_link(const std::string& hook_id, float indent_x = -1.0f);

}  // namespace profiledesk::app::views
