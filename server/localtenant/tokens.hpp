// The tokens the tenant issues, all RS256 JWTs signed with the current key:
//
//  - M2M access token (client_credentials), the claims of a real one
//    (docs/auth0.md#m2m-token): iss, sub "<client_id>@clients",
//    aud "<issuer>api/v2/", iat, exp, azp, scope (space-separated), and
//    gty "client-credentials" (UNCONFIRMED by Auth0's docs, as seen on tenants).
//  - user access token (authorization_code): a JWT too (Auth0 issues an
//    opaque or JWE token when no audience is asked; a JWT is simpler to
//    check and no client should look inside it): aud ["<issuer>userinfo"],
//    plus "<issuer>api/v2/" when that audience was asked, sub, azp, scope.
//  - ID token: iss, sub, aud (client_id), iat, exp (36000 s, Auth0's
//    default), nonce, auth_time, sid, at_hash, and the profile/email claims
//    the scope asks for (openid-connect-scopes page).
#pragma once

#include "localtenant/signing_keys.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <variant>

namespace profiledesk::localtenant {

inline constexpr std::int64_t id_token_ttl = 36000;
inline constexpr std::int64_t user_access_token_ttl = 86400;

std::string sign_token(const signing_keys& keys, const nlohmann::json& claims);

nlohmann::json m2m_token_claims(const std::string& issuer, const std::string& client_id, const std::string& scope,
                                std::int64_t ttl, std::int64_t now);

nlohmann::json user_access_token_claims(const std::string& issuer, const std::string& client_id,
                                        const std::string& user_id, const std::string& scope, bool management_audience,
                                        std::int64_t now);

struct id_token_input {
    std::string issuer, client_id, nonce, sid, scope, access_token;
    std::int64_t auth_time = 0;
    std::int64_t now = 0;
};

// `user` is the Auth0 user object.
nlohmann::json id_token_claims(const id_token_input& in, const nlohmann::json& user);

// The claims /userinfo answers with for a scope (the same selection as the ID
// token's, without the token's own claims), updated_at an ISO string.
nlohmann::json userinfo_claims(const nlohmann::json& user, const std::string& scope);

// Checks a JWT the tenant issued: three base64url parts, alg RS256, a known
// kid, a valid signature, a JSON object payload, iss == issuer, exp > now.
// The claims, or why not ("expired", "bad signature", ...; clients get
// Auth0's messages, see users_api.cpp). `check_expiry` false accepts expired
// tokens (an id_token_hint may be old, OIDC RP-Initiated Logout 1.0 section 2).
std::variant<nlohmann::json, std::string> verify_token(std::string_view token, const signing_keys& keys,
                                                       const std::string& issuer, std::int64_t now,
                                                       bool check_expiry = true);

bool has_audience(const nlohmann::json& claims, const std::string& audience);

// The space-separated "scope" claim as a set.
std::set<std::string> scopes_of(const nlohmann::json& claims);

std::set<std::string> split_scope(std::string_view scope);

}  // namespace profiledesk::localtenant
