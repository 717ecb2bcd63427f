#include "auth/sealer.hpp"

#include "crypto/openssl_error.hpp"

#include "crypto/random.hpp"
#include "profiledesk/core/base64.hpp"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

namespace profiledesk::auth {
namespace {

constexpr unsigned char version = 0x01;
constexpr std::size_t nonce_size = 12;  // 96 bits: GCM's native IV size (NIST SP 800-38D)
constexpr std::size_t tag_size = 16;
// A transaction cookie is ~3 KB at most; refusing more bounds decode and
// decrypt work for whatever a client sends.
constexpr std::size_t max_sealed_text = 16 * 1024;

// Domain separation: this salt and label make our keys unrelated to any other
// HKDF use of the same SECRET.
constexpr std::string_view hkdf_salt = "profiledesk/sealer/v1";
constexpr std::string_view hkdf_label = "profiledesk sealer v1 purpose=";

[[noreturn]] void openssl_failure(const char* what) {
    // OpenSSL's reason string names the failing step, never key material.
    crypto::throw_openssl_error(what);
}

const unsigned char* bytes(std::string_view s) {
    // OpenSSL may reject a null pointer even with length 0.
    static const unsigned char none = 0;
    return s.empty() ? &none : reinterpret_cast<const unsigned char*>(s.data());
}

using cipher_ctx = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

cipher_ctx new_cipher_ctx() {
    cipher_ctx ctx(EVP_CIPHER_CTX_new(), &EVP_CIPHER_CTX_free);
    if (!ctx) openssl_failure("EVP_CIPHER_CTX_new");
    return ctx;
}

std::string additional_data(std::string_view purpose) {
    std::string aad(1, static_cast<char>(version));
    aad += purpose;
    return aad;
}

}  // namespace

std::string hkdf_sha256(std::string_view key, std::string_view salt, std::string_view info, std::size_t length) {
    std::unique_ptr<EVP_KDF, decltype(&EVP_KDF_free)> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr), &EVP_KDF_free);
    if (!kdf) openssl_failure("HKDF fetch");
    std::unique_ptr<EVP_KDF_CTX, decltype(&EVP_KDF_CTX_free)> ctx(EVP_KDF_CTX_new(kdf.get()), &EVP_KDF_CTX_free);
    if (!ctx) openssl_failure("HKDF context");

    char digest[] = "SHA256";
    OSSL_PARAM params[5];
    params[0] = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0);
    params[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, const_cast<unsigned char*>(bytes(key)),
                                                  key.size());
    params[2] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, const_cast<unsigned char*>(bytes(salt)),
                                                  salt.size());
    params[3] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, const_cast<unsigned char*>(bytes(info)),
                                                  info.size());
    params[4] = OSSL_PARAM_construct_end();

    std::string out(length, '\0');
    if (length == 0 ||
        EVP_KDF_derive(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), out.size(), params) != 1) {
        openssl_failure("HKDF-SHA256");
    }
    return out;
}

sealer::sealer(std::string_view secret, std::string_view purpose) : purpose_(purpose) {
    if (secret.size() < min_secret_size) {
        throw std::invalid_argument("sealer: the secret must be at least 32 bytes");
    }
    if (purpose.empty()) throw std::invalid_argument("sealer: the purpose must not be empty");
    std::string info(hkdf_label);
    info += purpose;
    std::string key = hkdf_sha256(secret, hkdf_salt, info, key_.size());
    std::copy(key.begin(), key.end(), key_.begin());
    OPENSSL_cleanse(key.data(), key.size());
}

sealer::~sealer() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::string sealer::seal(std::string_view plaintext) const {
    const std::string nonce = crypto::random_bytes(nonce_size);
    const std::string aad = additional_data(purpose_);

    auto ctx = new_cipher_ctx();
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce_size), nullptr) != 1 ||
        EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, key_.data(), bytes(nonce)) != 1) {
        openssl_failure("AES-256-GCM init");
    }
    int len = 0;
    if (EVP_EncryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) != 1) {
        openssl_failure("AES-256-GCM aad");
    }

    std::string out;
    out.reserve(1 + nonce_size + plaintext.size() + tag_size);
    out += static_cast<char>(version);
    out += nonce;
    const std::size_t ct_at = out.size();
    out.resize(ct_at + plaintext.size() + tag_size);
    auto* ct = reinterpret_cast<unsigned char*>(out.data() + ct_at);
    int written = 0;
    // With an empty plaintext the update is skipped: a null output pointer
    // would make OpenSSL treat the call as more AAD.
    if (!plaintext.empty()) {
        if (EVP_EncryptUpdate(ctx.get(), ct, &len, bytes(plaintext), static_cast<int>(plaintext.size())) != 1) {
            openssl_failure("AES-256-GCM encrypt");
        }
        written = len;
    }
    if (EVP_EncryptFinal_ex(ctx.get(), ct + written, &len) != 1) openssl_failure("AES-256-GCM final");
    written += len;
    if (static_cast<std::size_t>(written) != plaintext.size() ||
        EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(tag_size), ct + written) != 1) {
        openssl_failure("AES-256-GCM tag");
    }
    return core::base64url_encode(out);
}

std::optional<std::string> sealer::open(std::string_view sealed) const {
    if (sealed.size() > max_sealed_text) return std::nullopt;
    const auto raw = core::base64url_decode(sealed);
    if (!raw || raw->size() < 1 + nonce_size + tag_size) return std::nullopt;
    if (static_cast<unsigned char>((*raw)[0]) != version) return std::nullopt;

    const std::string_view all(*raw);
    const auto nonce = all.substr(1, nonce_size);
    const auto ciphertext = all.substr(1 + nonce_size, all.size() - 1 - nonce_size - tag_size);
    std::string tag(all.substr(all.size() - tag_size));
    const std::string aad = additional_data(purpose_);

    auto ctx = new_cipher_ctx();
    int len = 0;
    std::string plaintext(ciphertext.size(), '\0');
    int written = 0;
    bool ok = EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
              EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, static_cast<int>(nonce_size), nullptr) == 1 &&
              EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key_.data(), bytes(nonce)) == 1 &&
              EVP_DecryptUpdate(ctx.get(), nullptr, &len, bytes(aad), static_cast<int>(aad.size())) == 1;
    if (ok && !ciphertext.empty()) {
        ok = EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(plaintext.data()), &len, bytes(ciphertext),
                               static_cast<int>(ciphertext.size())) == 1;
        written = len;
    }
    ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(tag_size), tag.data()) == 1;
    // Final checks the tag: it fails for every tampered, truncated or foreign value.
    unsigned char final_block[16];
    ok = ok && EVP_DecryptFinal_ex(ctx.get(), final_block, &len) == 1;
    if (!ok) {
        ERR_clear_error();  // an expected failure must not be blamed on a later call
        OPENSSL_cleanse(plaintext.data(), plaintext.size());
        return std::nullopt;
    }
    plaintext.resize(static_cast<std::size_t>(written));
    return plaintext;
}

}  // namespace profiledesk::auth
