// An RSA key pair or public key: generation, PEM and JWK (RFC 7517/7518) forms,
// RS256 signatures (RSASSA-PKCS1-v1_5 with SHA-256).
#pragma once

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <string_view>

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace profiledesk::crypto {

// Copies share one immutable OpenSSL key (reference counted), so a JWKS can be
// copied cheaply and read from several threads at once. A moved-from key is
// empty and every member then throws std::logic_error.
class rsa_key {
public:
    // A fresh key pair. Throws std::invalid_argument below 2048 bits.
    static rsa_key generate(int bits = 2048);

    // PKCS#8 ("BEGIN PRIVATE KEY") or PKCS#1 ("BEGIN RSA PRIVATE KEY"), unencrypted.
    // Throws std::runtime_error on anything else, non-RSA keys included.
    static rsa_key from_private_pem(std::string_view pem);

    // SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"). Throws std::runtime_error otherwise.
    static rsa_key from_public_pem(std::string_view pem);

    // {"kty":"RSA","n":...,"e":...} (other members ignored): a public key only.
    // Throws std::runtime_error when kty is not RSA, n or e is missing, not
    // base64url or absurd, or the modulus is outside 2048..16384 bits (smaller
    // keys are forgeable; bigger ones only cost us CPU).
    static rsa_key from_jwk(const nlohmann::json& jwk);

    bool has_private() const { return has_private_; }

    // PKCS#8 PEM. Throws std::logic_error for a public-only key.
    std::string private_pem() const;
    // SubjectPublicKeyInfo PEM.
    std::string public_pem() const;

    // {"kty":"RSA","use":"sig","alg":"RS256","kid":kid,"n":...,"e":...} with n and
    // e as unsigned big-endian base64url, without leading zero bytes.
    nlohmann::json public_jwk(const std::string& kid) const;

    // RSASSA-PKCS1-v1_5 over SHA-256(data). Throws std::logic_error for a
    // public-only key.
    std::string sign_rs256(std::string_view data) const;

    // True only for a valid RS256 signature of exactly the key's size.
    bool verify_rs256(std::string_view data, std::string_view signature) const;

    int bits() const;

private:
    rsa_key(std::shared_ptr<evp_pkey_st> pkey, bool has_private);
    evp_pkey_st* get() const;

    std::shared_ptr<evp_pkey_st> pkey_;
    bool has_private_ = false;
};

}  // namespace profiledesk::crypto
