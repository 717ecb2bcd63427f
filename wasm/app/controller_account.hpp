// The "Sign-in and security" part of the editor (issue 17): the email
// address, changed through a link mailed to the new address, and the
// password, checked live against the connection's policy (core's
// password_policy, the server's own rules). Both need a recent sign-in
// (reauth.hpp keeps the step's input across it). Social users see them
// read-only with the reason.
//
// Like controller.hpp: no I/O here, effects out, on_* in.
#pragma once

#include "app/account_state.hpp"
#include "app/app_state.hpp"
#include "app/controller.hpp"
#include "app/reauth.hpp"
#include "net/api_result.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace profiledesk::app {

// The profile's "account" member becomes the part's view (after each profile
// answer); an open step and its input stay.
void adopt_account_view(app_state& s);

// A step the re-authentication interrupted, open again with its input (the
// email step's address; the password step only opens: its input was never kept).
effects reopen_account_step(app_state& s, const resumed_step& step);

// Whole seconds the sign-in still counts as recent (0: the next change of
// email or password asks the person to sign in again).
std::int64_t recent_sign_in_left(const app_state& s);
// Said before the person starts: "You'll be asked to sign in again to change
// your email or password." (only the changes offered), or "".
std::string reauth_notice(const app_state& s);

// Why the email (or password) cannot change here, "" when it can.
std::string email_read_only_reason(const app_state& s);
std::string password_read_only_reason(const app_state& s);

// One line of the password rules, met or not by what is typed now.
struct password_rule_line {
    std::string id, text;
    bool met = false;
};
std::vector<password_rule_line> password_rule_lines(const app_state& s);
// A rule as a person reads it ("account.rule.<id>"); an id no catalog knows shows as itself.
std::string rule_text(const core::password_rule& rule);
// The message under "Repeat new password" ("" when none).
std::string confirm_error(const app_state& s);

bool can_send_email_link(const app_state& s);
bool can_save_password(const app_state& s);

// The text of one of the part's inputs (account_*_id).
std::string account_field_text(const app_state& s, const std::string& id);
bool is_account_field(const std::string& id);
// The part's inputs shown now, in Tab order.
std::vector<std::string> account_focus_order(const app_state& s);
// Typing into one of them. False when it is not shown now.
bool edit_account_text(app_state& s, const std::string& id, const std::string& text);

// What the person can do, by name (the canvas's buttons and the mirror's):
//   "email-open", "email-send", "email-resend", "email-cancel" (the pending change),
//   "password-open", "password-save", "close" (leave the open step; Escape).
// Names the state does not offer now are ignored.
effects account_action(app_state& s, const std::string& name);
// Enter submits the open step, Escape closes it (one of its inputs focused).
effects on_account_key(app_state& s, key k);

// The answers.
effects on_email_change_result(app_state& s, const net::api_result& r);     // POST /api/account/email
effects on_email_cancel_result(app_state& s, const net::api_result& r);     // DELETE /api/account/email
effects on_password_change_result(app_state& s, const net::api_result& r);  // POST /api/account/password
void on_session_refreshed(app_state& s, const net::api_result& r);          // GET /api/session after it

// For the test hook (never the password's text).
nlohmann::json account_to_json(const app_state& s);

}  // namespace profiledesk::app
