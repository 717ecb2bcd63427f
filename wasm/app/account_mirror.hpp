// "Sign-in and security" in the form mirror (form_mirror.hpp): its inputs as
// fields of the section, the password's rules as a list, its buttons as the
// section's actions, its status in a live region and its error as an alert.
#pragma once

#include "app/app_state.hpp"
#include "app/controller.hpp"
#include "app/i18n.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace profiledesk::app {

// The section's label, the group shell/form_mirror.js gives it (the canvas's heading too).
inline std::string account_section_label() { return tr("account.title"); }

// Adds the part to the mirror's editor description `j` (its "fields",
// "alerts", and "sectionActions" / "sectionStatus" under the section label).
void add_account_to_mirror(const app_state& s, nlohmann::json& j);

// The mirror's events for the part: false (or nothing) when not its own.
bool account_mirror_focus(app_state& s, const std::string& id);
bool account_mirror_edit(app_state& s, const std::string& id, const std::string& value);
// "account:<name>" (controller_account.hpp's names).
bool account_mirror_action(app_state& s, const std::string& action, effects& out);

}  // namespace profiledesk::app
