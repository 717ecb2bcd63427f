// "Where you're signed in": the signed-in user's own sessions.
//   GET    /api/sessions                {"sessions": [...]} (core/sessions_view.hpp), newest sign-in first
//   DELETE /api/sessions/{handle}       ends that session of the user: 204; 404 session_not_found for
//                                       any handle that is not one of theirs (unknown, expired, another
//                                       user's: the same answer, so a handle tells nothing)
//   DELETE /api/sessions?others=true    ends every session of the user but this one: 200 {"ended": n}
// The DELETEs are checked against CSRF as every write (JSON with X-CSRF-Token).
// Ending the current session is allowed: the cookie is cleared, as for a sign-out.
#pragma once

#include "api/auth_routes.hpp"
#include "auth/session_store.hpp"
#include "http/router.hpp"

#include "profiledesk/core/sessions_view.hpp"

#include <memory>
#include <string>
#include <vector>

namespace profiledesk::api {

void add_session_routes(http::router& routes, std::shared_ptr<auth_context> ctx);

// The list as the API shows it (pure): newest sign-in first, `current` for
// the session whose handle is `current_handle`, "Unknown device" where no
// label was recorded, times in Unix seconds.
std::vector<core::session_entry_view> sessions_view_of(std::vector<auth::session_listing> listings,
                                                       const std::string& current_handle);

// Whether `handle` can be one the store made (base64url, at most 64
// characters): anything else is refused before the store is asked.
bool plausible_handle(std::string_view handle);

}  // namespace profiledesk::api
