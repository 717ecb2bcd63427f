// OpenID Connect ID token verification (OIDC Core 3.1.3.7), RS256 only.
// Pure logic: keys come from a jwks the caller fetched, time is injected.
#pragma once

#include "auth/jwks_cache.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::auth {

// Why a token was refused: the first failed check, in verification order.
enum class id_token_error {
    malformed,        // not three base64url parts, header or claims not a JSON object, crit header
    unsupported_alg,  // alg is not exactly RS256 (none, HS256, RS512, ...)
    unknown_kid,      // no key with that kid, or no kid and not exactly one key: the caller may refetch the JWKS once
    bad_signature,
    wrong_issuer,
    wrong_audience,
    missing_azp,  // several audiences and no azp
    wrong_azp,
    expired,
    issued_in_future,
    not_yet_valid,  // nbf in the future
    missing_sub,    // absent, not a string, or empty
    wrong_nonce,
    missing_claim,  // iss, aud, exp, iat or nonce absent or of the wrong type
};

// Stable snake_case codes for logs and metrics, e.g. "unknown_kid".
const char* to_string(id_token_error error);

struct id_token_expectations {
    std::string issuer;     // exactly, e.g. "https://example.eu.auth0.com/" (trailing slash included)
    std::string client_id;  // our client_id: must be in aud
    std::string nonce;      // the nonce we sent to /authorize for this login
    std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
    std::chrono::seconds max_skew{60};  // allowed clock difference with the provider
};

struct id_token_result {
    bool ok() const { return !error.has_value(); }

    nlohmann::json claims;                // the verified claims when ok(), else null
    std::optional<id_token_error> error;  // the first check that failed
    std::string message;                  // one line for a log; never the token nor claim values
};

// Checks, in this order, and stops at the first failure: three base64url parts;
// header is a JSON object without crit; alg is exactly RS256 (decided before
// any key is touched, so "alg":"none" and "HS256 keyed with the public key"
// cannot work); the key for kid (without a kid: the JWKS's only key, OIDC
// Core 10.1); the RS256 signature; claims are a JSON object; iss; aud; azp;
// exp (now <= exp + skew); iat (iat <= now + skew); nbf if present; sub;
// nonce (constant-time). Empty expectations never match.
id_token_result verify_id_token(std::string_view token, const jwks& keys, const id_token_expectations& expected);

}  // namespace profiledesk::auth
