// "Your devices and your account" (issue 18): where the user is signed in
// (GET /api/sessions, DELETE /api/sessions/{handle}, DELETE
// /api/sessions?others=true), the data export (GET /api/account/export) and
// the account's deletion (DELETE /api/account {"confirm"}). Like the rest of
// the controller (controller.hpp): changes app_state::devices, returns effects,
// never does I/O. The canvas (views/devices_view.cpp) and the form mirror
// (form_mirror.cpp) offer the same actions by the same names.
#pragma once

#include "app/controller.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace profiledesk::app {

// The mirror's id of the field where the user types their email address to
// confirm the deletion.
inline constexpr const char* delete_confirm_field = "delete-account.confirm";

// Actions, from a canvas button or a mirror button:
//   "sessions-toggle"         open (and list) or close "Where you're signed in"
//   "end-session:<handle>"    sign out one other session
//   "end-other-sessions"      sign out all other sessions
//   "export-data"             download my data
//   "delete-open", "delete-cancel", "delete-confirm"   the deletion step
// Actions not offered now (a request in flight, no match typed) do nothing.
bool is_devices_action(const std::string& action);
effects devices_action(app_state& s, const std::string& action);

// The text typed into the confirmation field.
void edit_delete_confirmation(app_state& s, const std::string& text);
// The operator allows deletion (GET /api/profile's account.deletion).
bool deletion_allowed(const app_state& s);
// The typed confirmation is the account's email address (core::confirms_email:
// spaces around it aside, the domain in any case) and nothing is in flight.
bool can_confirm_deletion(const app_state& s);

// Answers. `now_unix` and `utc_offset_min`: the browser's clock and time zone
// as the list arrives (the dates are shown against them).
effects on_sessions(app_state& s, const net::api_result& r, std::int64_t now_unix, int utc_offset_min);
effects on_sessions_ended(app_state& s, const net::api_result& r);
effects on_account_deleted(app_state& s, const net::api_result& r);
// The export's answer: the browser has saved the file when it is ok.
effects on_export(app_state& s, const net::api_result& r);

// Back from signing in again for the deletion (reauth.hpp: reopen_step):
// the step opens again with what was typed (`input`: {"confirm"}).
effects reopen_delete_step(app_state& s, const nlohmann::json& input);

// A moment for a person: "just now", "5 minutes ago", "3 hours ago", then
// the local date and time, in the app's language (formats.hpp: the browser's
// Intl, "3 déc. 2026, 14:05"). `t` 0 (unknown) is "unknown".
std::string when_text(std::int64_t t, std::int64_t now, int utc_offset_min);

}  // namespace profiledesk::app
