// The account part of the profile view (GET /api/profile's "account" member):
// what the editor needs for the sensitive actions, written by the server
// (server/api/profile_view.cpp) and read by the app:
//
//   "account": {"emailChange": bool, "passwordChange": bool, "deletion": bool,
//               "recentSignInFor": <seconds>,
//               "passwordPolicy": {"level": "good", "minLength": 8},   (minLength only when set)
//               "pendingEmail": {"address": "...", "expiresAt": <Unix s>}}   (only while one is pending)
//
// `recentSignInFor` is how long the current sign-in still counts as recent
// (core/reauthentication.hpp) when the answer was written: 0 means the next
// sensitive action will ask the user to sign in again. The app adds it to its
// own clock at receipt, so a skewed clock on either side does not matter.
#pragma once

#include "profiledesk/core/password_policy.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace profiledesk::core {

struct pending_email_view {
    std::string address;          // the new address the link was mailed to
    std::int64_t expires_at = 0;  // Unix seconds: the link stops working then

    bool operator==(const pending_email_view& o) const { return address == o.address && expires_at == o.expires_at; }
};

struct account_view {
    bool email_change = false;     // the identity is a database one: email can change here
    bool password_change = false;  // likewise for the password
    bool deletion = false;         // the operator allows deleting the account (ALLOW_ACCOUNT_DELETION)
    std::int64_t recent_sign_in_for = 0;
    password_policy policy;
    std::optional<pending_email_view> pending_email;

    bool operator==(const account_view& o) const {
        return email_change == o.email_change && password_change == o.password_change && deletion == o.deletion &&
               recent_sign_in_for == o.recent_sign_in_for && policy.level == o.policy.level &&
               policy.min_length == o.policy.min_length && pending_email == o.pending_email;
    }
};

nlohmann::json account_view_to_json(const account_view& v);

// Forgiving: a member of the wrong type reads as absent (false, 0, the
// default policy, no pending change); a `j` that is not an object reads as
// the default view (no sensitive action offered).
account_view account_view_from_json(const nlohmann::json& j);

}  // namespace profiledesk::core
