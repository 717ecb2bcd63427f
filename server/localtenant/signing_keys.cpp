#include "localtenant/signing_keys.hpp"

#include "crypto/digest.hpp"
#include "localtenant/timestamps.hpp"
#include "profiledesk/core/base64.hpp"

#include <stdexcept>

namespace profiledesk::localtenant {

std::string key_id_for(const crypto::rsa_key& k) {
    return core::base64url_encode(crypto::sha256(k.public_pem()).substr(0, 16));
}

signing_keys::signing_keys(std::vector<key> keys) : keys_(std::move(keys)) {
    if (keys_.empty()) throw std::invalid_argument("signing_keys needs at least one key");
}

signing_keys signing_keys::load_or_create(store& db) {
    auto stored = db.signing_keys();
    if (stored.empty()) {
        const auto k = crypto::rsa_key::generate(2048);
        db.add_signing_key({key_id_for(k), k.private_pem(), iso8601_ms(std::chrono::system_clock::now())});
        stored = db.signing_keys();
    }
    std::vector<key> keys;
    for (const auto& s : stored) keys.push_back({s.kid, crypto::rsa_key::from_private_pem(s.private_pem)});
    return signing_keys(std::move(keys));
}

const signing_keys::key* signing_keys::find(const std::string& kid) const {
    for (const auto& k : keys_) {
        if (k.kid == kid) return &k;
    }
    return nullptr;
}

nlohmann::json signing_keys::jwks() const {
    nlohmann::json keys = nlohmann::json::array();
    for (const auto& k : keys_) keys.push_back(k.rsa.public_jwk(k.kid));
    return {{"keys", keys}};
}

}  // namespace profiledesk::localtenant
