#include "crypto/digest.hpp"

#include "crypto/openssl_error.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace profiledesk::crypto {

namespace {

std::string digest(std::string_view data, const EVP_MD* md, const char* name) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out, &len, md, nullptr) != 1) throw_openssl_error(name);
    return std::string(reinterpret_cast<const char*>(out), len);
}

}  // namespace

std::string sha256(std::string_view data) { return digest(data, EVP_sha256(), "SHA-256"); }

std::string hmac_sha256(std::string_view key, std::string_view data) {
    // OpenSSL 3's HMAC refuses a null key pointer even with length 0, and an
    // empty string_view may carry one: point at a real (unused) byte instead.
    static const unsigned char no_key = 0;
    const void* key_ptr = key.empty() ? &no_key : static_cast<const void*>(key.data());
    unsigned char out[EVP_MAX_MD_SIZE];
    std::size_t len = 0;
    if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key_ptr, key.size(),
                  reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, sizeof out, &len) == nullptr) {
        throw_openssl_error("HMAC-SHA256");
    }
    return std::string(reinterpret_cast<const char*>(out), len);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace profiledesk::crypto
