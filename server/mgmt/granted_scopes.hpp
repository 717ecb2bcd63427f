// Which Management API scopes the M2M application holds, from the token
// endpoint's answer (`scope`: space-separated, RFC 6749 5.1; Auth0 always
// sends it for client credentials: docs/auth0.md). Asked once at start when
// a feature needs a scope beyond read:users update:users (account deletion:
// delete:users), so a missing grant stops the server with one clear line
// instead of failing a user's request later.
#pragma once

#include "mgmt/settings.hpp"

#include <boost/asio/ssl/context.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <variant>

namespace profiledesk::mgmt {

// The scopes a token answer names; nullopt when it names none (no `scope`
// string), which says nothing either way.
std::optional<std::set<std::string>> scopes_of_token_answer(const nlohmann::json& answer);

// One client-credentials request (a few attempts within `timeout` when the
// endpoint cannot be reached or answers 5xx), on an I/O context of its own:
// it blocks the caller, for start-up only. The scopes, or one line saying
// why they are unknown (never the secret or the token).
std::variant<std::set<std::string>, std::string> fetch_granted_scopes(
    std::shared_ptr<boost::asio::ssl::context> tls, const mgmt_settings& settings,
    std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace profiledesk::mgmt
