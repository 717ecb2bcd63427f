// Auth0's PATCH rules for `user_metadata` and `app_metadata`.
//
// From docs/auth0.md#metadata-merge (OAS-M `/users/{id}` patch description and
// the docs page manage-users/user-accounts/metadata/manage-metadata-api):
//   - root keys of the patch are merged into the stored object;
//   - a root key's value replaces the stored one whole (nested objects are
//     not merged: "the merge only occurs on the first level");
//   - a root key set to null deletes that key;
//   - the value {} wipes the whole metadata object;
//   - key names must not contain '.' or '$';
//   - app_metadata must not use a list of reserved key names.
//
// The server uses this to predict what Auth0 will store (and so which keys to
// send); localtenant uses it to store exactly what Auth0 would.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

// `current` with `patch` applied by Auth0's rules. Both must be JSON objects
// (a non-object `current`, e.g. a missing value, counts as {}); throws
// std::invalid_argument when `patch` is not an object: Auth0 refuses that
// request before merging (see metadata_type_problem).
//
// Nulls nested inside a replaced root value are stored as sent: whether Auth0
// strips them is UNCONFIRMED (docs/auth0.md#metadata-merge), and "replaced whole"
// is the closest confirmed rule.
nlohmann::json merge_metadata(const nlohmann::json& current, const nlohmann::json& patch);

// The first key name, at any depth (objects inside objects and arrays), that
// contains '.' or '$', or nullopt. Auth0 documents the rule for "field names"
// without limiting it to the first level; the store behind it (MongoDB) refuses
// such names at every level, so every level is checked.
std::optional<std::string> invalid_metadata_key(const nlohmann::json& metadata);

// Key names app_metadata must not contain, in the order the docs list them
// (docs/auth0.md#metadata-limits, docs manage-users/user-accounts/metadata/metadata-fields-data).
inline constexpr std::array<std::string_view, 18> reserved_app_metadata_keys = {
    "__tenant",       "_id",        "blocked",        "clientID",         "created_at",
    "email_verified", "email",      "globalClientID", "global_client_id", "identities",
    "lastIP",         "lastLogin",  "loginsCount",    "metadata",         "multifactor_last_modified",
    "multifactor",    "updated_at", "user_id"};

// The first root key of an app_metadata patch that is reserved, or nullopt.
// Only root keys: the reserved names collide with root profile attributes
// because Rules and Actions merge app_metadata onto the root profile.
std::optional<std::string> reserved_app_metadata_key(const nlohmann::json& app_metadata_patch);

}  // namespace profiledesk::core
