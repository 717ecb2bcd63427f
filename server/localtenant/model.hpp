// What a tenant holds: clients (applications), connections and users, in the
// shapes and with the names Auth0 uses for them.
#pragma once

#include "profiledesk/core/edit_policy.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace profiledesk::localtenant {

// An application (Auth0 "client"); field names follow the Management API's
// client object (callbacks, allowed_logout_urls, grant_types, app_type).
struct client {
    std::string client_id;
    std::string name;
    std::string client_secret;  // empty: a public client (no secret accepted or needed)
    std::string app_type = "regular_web";
    std::vector<std::string> callbacks;            // allowed redirect_uri values, matched exactly
    std::vector<std::string> allowed_logout_urls;  // returnTo / post_logout_redirect_uri values
    std::vector<std::string> grant_types;          // "authorization_code", "client_credentials"
    // Scopes of the client grant for the Management API audience (Auth0: a
    // client grant per client and API); empty: the client may not get M2M tokens.
    std::vector<std::string> management_api_scopes;

    bool allows_grant(const std::string& grant) const;
};

// A connection: Auth0's name, strategy and the one option the edit rules read.
using connection = core::connection_info;

// A user as stored: the Auth0 user object (exactly what GET /api/v2/users/{id}
// returns) plus the login secrets, which are never part of that object.
struct user_record {
    std::string user_id;
    std::string connection;
    std::string email;          // lowercased for database connections; login lookup
    std::string password_hash;  // see password_hash.hpp; empty: cannot sign in
    nlohmann::json profile;     // the Auth0 user object
};

// Tenant-wide settings.
struct tenant_settings {
    std::string friendly_name = "Local tenant";
    // Used by /v2/logout when no client_id is sent (docs/auth0.md#logout).
    std::vector<std::string> allowed_logout_urls;
};

}  // namespace profiledesk::localtenant
