// The steps the controller's files share (controller_*.cpp implement
// controller.hpp by job: session, editing, saving, retry, draft, keyboard).
// Internal to the controller: views and the platform layer use controller.hpp.
#pragma once

#include "app/app_state.hpp"
#include "app/controller.hpp"
#include "app/i18n.hpp"
#include "net/api_result.hpp"

#include "profiledesk/core/json_members.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace profiledesk::app::controller_steps {

// values[id], or null when there is none.
inline const nlohmann::json& value_of(const core::field_values& values, const std::string& id) {
    static const nlohmann::json null_value;
    const auto it = values.find(id);
    return it == values.end() ? null_value : it->second;
}

// j[key] when it is a string, else "".
inline std::string str(const nlohmann::json& j, const char* key) { return core::string_member(j, key); }

// ---- controller_editing.cpp ----
// The live validation of field `id`'s draft value.
void refresh_errors(app_state& s, const std::string& id);
// The draft of `id` becomes `value`, validated at once; the server's message for it goes.
void set_draft(app_state& s, const std::string& id, nlohmann::json value);
// A value as text for a person ("(empty)", "Yes", an option's label).
std::string display(const app_state& s, const std::string& id, const nlohmann::json& v);

// ---- controller_retry.cpp ----
// Shows the failure `r` with Retry repeating `again`.
void fail(app_state& s, const net::api_result& r, retry_action again);

// ---- controller_session.cpp ----
bool adopt_profile(app_state& s, const net::api_result& r);
effects go_to_sign_in(app_state& s);
effects account_closed(app_state& s, const net::api_result& r);
bool is_account_closed(const net::api_result& r);

// ---- controller_draft.cpp ----
void restore_draft(app_state& s, const std::string& text);

}  // namespace profiledesk::app::controller_steps
