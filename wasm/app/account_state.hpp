// The "Sign-in and security" part of the editor: changing the email address
// and the password (issue 17). Plain data in app_state::account; only
// controller_account.cpp writes it.
#pragma once

#include "profiledesk/core/account_view.hpp"
#include "profiledesk/core/password_policy.hpp"

#include <string>
#include <vector>

namespace profiledesk::app {

// The ids of the part's inputs: focus, the Tab order, the form mirror and the
// test hook name them so.
inline constexpr const char* account_new_email_id = "account.newEmail";
inline constexpr const char* account_password_id = "account.password";
inline constexpr const char* account_confirm_id = "account.confirm";

struct account_state {
    enum class step { none, email, password };

    core::account_view view;  // GET /api/profile's "account" member
    double view_at_s = 0;     // app_state::now_s when it arrived: recentSignInFor counts from then

    step open = step::none;  // the step the person is in (one at a time)
    bool busy = false;       // its request is in flight
    std::string new_email;   // typed into "New email address"
    // Typed into the password step. Held in memory only: never stored, never
    // in the test hook's state, gone when the step closes.
    std::string password, confirm;
    std::vector<core::password_rule> refused;  // the rules the server said the last try failed
    std::string error;                         // why the open step's last request failed, for a person
    std::string notice;                        // what just happened ("Password changed."), until the next step opens
};

}  // namespace profiledesk::app
