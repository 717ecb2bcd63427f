// POST /api/account/password (issue 17): a database user sets a new password.
//
// In order: a session, the CSRF check and JSON as for every write; the
// record (403 account_change_not_allowed unless the identity is a database
// one); a sign-in within the last 5 minutes (401 reauthentication_required,
// api/reauthentication.hpp); the connection's policy checked in core (400
// password_too_weak with the rules unmet); then the Management API PATCH
// {"password", "connection"} (the tenant's own PasswordStrengthError is 400
// password_too_weak too). Once the tenant took it, every session of the user
// ends (a stolen session dies with the old password) and this browser gets a
// NEW one (new id and CSRF token, the same sign-in time), and the user's
// address is told, best effort: a notice that cannot be sent is logged, never
// undoes the change. The password is in no log line.
#pragma once

#include "api/profile_routes.hpp"
#include "http/router.hpp"
#include "mail/mailer.hpp"

#include <memory>

namespace profiledesk::api {

struct password_context {
    std::shared_ptr<profile_context> profile;  // sessions, the users client, the origin, the deadline
    std::shared_ptr<mail::mailer> mailer;      // null: no notice is sent (logged)
    // How long a notice may take to go out; the answer never waits for it.
    std::chrono::milliseconds notice_deadline{std::chrono::minutes(2)};
};

void add_password_routes(http::router& routes, std::shared_ptr<password_context> ctx);

// The JSON member of a 400 password_too_weak that lists the rule ids unmet.
inline constexpr std::string_view unmet_rules_key = "rules";

}  // namespace profiledesk::api
