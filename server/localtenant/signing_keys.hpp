// The tenant's RS256 signing keys: generated once, kept in the store, so
// tokens and the JWKS survive restarts (clients cache the JWKS). The newest
// key signs; every stored key is published.
#pragma once

#include "crypto/rsa_key.hpp"
#include "localtenant/store.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace profiledesk::localtenant {

class signing_keys {
public:
    struct key {
        std::string kid;
        crypto::rsa_key rsa;
    };

    // Loads the stored keys, generating (and storing) one when there is none.
    // Throws store_error / std::runtime_error.
    static signing_keys load_or_create(store& db);

    // For tests: exactly these keys, the last one signing.
    explicit signing_keys(std::vector<key> keys);

    const key& current() const { return keys_.back(); }
    const key* find(const std::string& kid) const;

    // {"keys": [public JWKs]} for /.well-known/jwks.json.
    nlohmann::json jwks() const;

private:
    std::vector<key> keys_;
};

// A key id: base64url of the first 16 bytes of SHA-256 of the public key PEM.
std::string key_id_for(const crypto::rsa_key& k);

}  // namespace profiledesk::localtenant
