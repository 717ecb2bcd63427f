// PATCH /api/v2/users/{id}, the logic without I/O: which bodies Auth0 refuses
// and with which message, and what it stores for the others.
//
// Sources (docs/auth0.md#users-endpoints, #root-attributes, #metadata-merge): the writable root attributes
// and their types and lengths come from the OAS request schema; read-only (and,
// closest to the 2023 report, any other unknown) properties are refused with
// "Payload validation error: 'Additional properties not allowed: ...'";
// metadata merges one level deep (core/metadata_merge.hpp); root attributes of
// upstream-synced connections and email of non-database users are refused with
// Auth0's messages (core/edit_policy.hpp); updated_at advances on every write.
//
// Messages for schema violations follow the z-schema wording Auth0's API
// returns ("Payload validation error: 'Expected type boolean but found type
// string' on property blocked."): quoted from real responses seen in issue
// threads, but not in the fact sheet, so UNCONFIRMED word for word.
#pragma once

#include "localtenant/api_error.hpp"
#include "localtenant/model.hpp"
#include "localtenant/timestamps.hpp"
#include "profiledesk/core/password_policy.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::localtenant {

// The whole user profile is limited to 10 KB (metadata-fields-data). Auth0
// says bigger writes "succeed for now, but may start to fail"; the emulator
// refuses them, so clients meet the documented limit in tests, not later.
inline constexpr std::size_t profile_size_limit = 10 * 1024;

// The root keys a PATCH body may carry (OAS-M: the updatable attributes plus
// the control fields connection, client_id, verify_phone_number).
bool is_writable_user_field(const std::string& key);

// Checks a PATCH body for `user` (the stored Auth0 user object) of connection
// `conn`. `key_order` is the body's root keys in the order they were sent
// (Auth0 names refused properties in reverse order of appearance); empty
// means the body's own (sorted) order. `connection_exists` answers whether a
// connection name is known to the tenant. nullopt: the body may be applied.
std::optional<api_error> check_user_patch(const nlohmann::json& body, const std::vector<std::string>& key_order,
                                          const connection& conn, const nlohmann::json& user,
                                          const std::function<bool(const std::string&)>& connection_exists);

struct patch_effects {
    bool password_changed = false;  // the caller stores the new hash
    bool email_changed = false;
};

// A database connection's password policy from its `options`: passwordPolicy
// ("none" when absent or null, Auth0's default) and
// password_complexity_options.min_length (docs: auth0.com/docs/authenticate/
// database-connections/password-strength).
core::password_policy password_policy_of(const nlohmann::json& options);
// Why `options` holds no usable policy (an unknown level, a min_length
// outside 1..128); nullopt when it is fine or absent.
std::optional<std::string> password_policy_problem(const nlohmann::json& options);

// Auth0's answer to a PATCH whose password its connection's policy refuses.
inline constexpr std::string_view password_too_weak_message = "PasswordStrengthError: Password is too weak";

// Applies a body check_user_patch accepted: metadata merged, other attributes
// replaced, null removing an attribute, updated_at advanced past its old value.
patch_effects apply_user_patch(nlohmann::json& user, const nlohmann::json& body, const connection& conn,
                               system_time now);

// 400 when the serialised user object is larger than profile_size_limit.
std::optional<api_error> check_profile_size(const nlohmann::json& user);

}  // namespace profiledesk::localtenant
