// The profile model: one Auth0 user record as Profile Desk sees it.
//
// Field names and JSON shapes are Auth0's (Management API v2 `GET /users/{id}`),
// so a record read from Auth0 or from localtenant converts without renaming.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace profiledesk::core {

// One linked identity (`identities[]`); the first one is the primary.
struct identity {
    std::string provider;    // "auth0", "google-oauth2", ...
    std::string connection;  // "Username-Password-Authentication", ...
    std::string user_id;     // the id inside that provider (no "provider|" prefix)
    bool is_social = false;  // Auth0's `isSocial`
};

// The user record. Root attributes Auth0 may omit are optional: "absent" and
// "empty string" are different things to Auth0 (null unsets an attribute).
struct profile {
    std::string user_id;  // "auth0|abc": the ID token's `sub`
    std::optional<std::string> email;
    bool email_verified = false;
    std::optional<std::string> name;
    std::optional<std::string> nickname;
    std::optional<std::string> given_name;
    std::optional<std::string> family_name;
    std::optional<std::string> picture;
    std::string updated_at;  // ISO 8601, Auth0's only version marker for a record
    nlohmann::json user_metadata = nlohmann::json::object();
    std::vector<identity> identities;
};

// Thrown when JSON does not describe a user record. The message starts with a
// stable id, as nlohmann/json's own errors do, so callers and tests can match it.
class invalid_profile : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Auth0 JSON -> profile. Unknown keys (app_metadata, logins_count, ...) are
// ignored on purpose: they are never the editor's business.
profile profile_from_json(const nlohmann::json& j);

// profile -> Auth0 JSON (absent optionals are left out, not written as null).
nlohmann::json profile_to_json(const profile& p);

inline void from_json(const nlohmann::json& j, profile& p) { p = profile_from_json(j); }
inline void to_json(nlohmann::json& j, const profile& p) { j = profile_to_json(p); }

}  // namespace profiledesk::core
