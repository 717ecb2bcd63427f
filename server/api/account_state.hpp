// A user the identity provider no longer lets in, as a users-API answer shows
// it: an admin blocked the account (`blocked: true` on the record) or deleted
// it (404, Auth0's "The user does not exist."). Sessions here would otherwise
// keep reading and saving through our M2M token until their 12 h lifetime, so
// every route that reads the user record checks its answer and, for such a
// user, ends ALL their sessions (every browser and device) at once.
#pragma once

#include "api/auth_routes.hpp"
#include "http/types.hpp"
#include "log/log.hpp"
#include "mgmt/mgmt_error.hpp"

#include <functional>
#include <string>

namespace profiledesk::api {

enum class account_state { active, blocked, deleted };

// Pure. Any other failure (a timeout, a 429...) says nothing about the account: active.
account_state account_state_of(const mgmt::mgmt_result& r);

// Ends every session of `sub`, then gives `then` the answer: 401
// `account_blocked` or `account_deleted`, clearing the session cookie; or
// 503 session_store_unavailable when the sessions could not be ended (the
// next request checks again). `account` must not be active.
void end_account(auth_context& ctx, const std::string& sub, account_state account, const log::request_id& request,
                 std::function<void(http::response)> then);

}  // namespace profiledesk::api
