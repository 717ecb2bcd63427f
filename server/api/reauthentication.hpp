// The server's side of core/reauthentication.hpp: a sensitive action (email
// or password change, account deletion) first asks whether the session's
// sign-in is recent enough, and answers the 401 every such route shares
// when it is not.
#pragma once

#include "auth/session_store.hpp"
#include "http/types.hpp"

#include "profiledesk/core/reauthentication.hpp"

#include <cstdint>
#include <optional>

namespace profiledesk::api {

// nullopt when `s` signed in within core::reauth::max_age_seconds of `now`
// (Unix seconds); else 401 reauthentication_required with
// {"reauthenticateUrl": "/login?reauth=<action>"}, which the app follows with
// the user's input kept.
std::optional<http::response> require_recent_sign_in(const auth::session& s, core::reauth::action action,
                                                     std::int64_t now, unsigned version = 11);

}  // namespace profiledesk::api
