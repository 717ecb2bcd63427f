// Compact JWS signing with RS256: ID tokens of the local tenant, and tests.
// Verification lives in auth/id_token.hpp, where the claims are checked too.
#pragma once

#include "crypto/rsa_key.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace profiledesk::crypto {

// header {"alg":"RS256","typ":"JWT","kid":kid}, payload claims.dump(), signed
// with `key` (which must hold the private key).
std::string sign_jwt_rs256(const nlohmann::json& claims, const rsa_key& key, const std::string& kid);

// The same for any header and any payload bytes, so tests can build hostile
// tokens (odd headers, non-JSON payloads) that are still correctly signed.
std::string sign_jws_rs256(const nlohmann::json& header, std::string_view payload, const rsa_key& key);

}  // namespace profiledesk::crypto
