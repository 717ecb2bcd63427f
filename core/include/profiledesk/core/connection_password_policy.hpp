// A database connection's password policy as Auth0's Management API holds it
// in the connection's `options` (GET /api/v2/connections): `passwordPolicy`
// ("none", "low", "fair", "good", "excellent"; absent or null means "none",
// Auth0's default) and `password_complexity_options.min_length` (1 to 128)
// (auth0.com/docs/authenticate/database-connections/password-strength).
// profiledesk reads it; localtenant keeps and applies it.
#pragma once

#include "profiledesk/core/password_policy.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace profiledesk::core {

// The policy in `options`; members of the wrong type or out of range read as
// absent (a `options` that is not an object: "none").
password_policy password_policy_from_options(const nlohmann::json& options);

// Why `options` holds no valid policy (an unknown level, a min_length outside
// 1..128, a wrong type); nullopt when it is fine or says nothing.
std::optional<std::string> password_policy_options_problem(const nlohmann::json& options);

}  // namespace profiledesk::core
