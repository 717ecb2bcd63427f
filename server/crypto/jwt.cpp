#include "crypto/jwt.hpp"

#include "profiledesk/core/base64.hpp"

namespace profiledesk::crypto {

std::string sign_jws_rs256(const nlohmann::json& header, std::string_view payload, const rsa_key& key) {
    std::string input = core::base64url_encode(header.dump()) + '.' + core::base64url_encode(payload);
    const std::string signature = key.sign_rs256(input);
    return input + '.' + core::base64url_encode(signature);
}

std::string sign_jwt_rs256(const nlohmann::json& claims, const rsa_key& key, const std::string& kid) {
    const nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}, {"kid", kid}};
    return sign_jws_rs256(header, claims.dump(), key);
}

}  // namespace profiledesk::crypto
