// Authenticated encryption of small values the browser keeps for us (the
// sign-in transaction cookie): the browser can neither read nor change them.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::auth {

// Seals with AES-256-GCM under a key derived by HKDF-SHA256 (RFC 5869) from
// SECRET and a purpose ("login-transaction", ...), so a value sealed for one
// purpose never opens for another, even with the same SECRET. Each seal draws
// a fresh random 96-bit nonce; the purpose is also authenticated data.
//
// Sealed form: base64url(version 0x01 | nonce (12) | ciphertext | tag (16)),
// cookie- and URL-safe. Sealing hides the content and detects any change; it
// does not stop replay (callers bound that with a timestamp inside, and the
// transaction cookie is single use).
//
// Thread-safe: seal and open are const and keep no shared state. The derived
// key is wiped when the sealer is destroyed.
class sealer {
public:
    // Throws std::invalid_argument when the secret is shorter than 32 bytes
    // (config already refuses such a SECRET; this guards every other caller)
    // or the purpose is empty. The message never contains the secret.
    sealer(std::string_view secret, std::string_view purpose);
    ~sealer();
    sealer(const sealer&) = default;
    sealer& operator=(const sealer&) = default;

    // Throws std::runtime_error only if OpenSSL itself fails (no randomness).
    std::string seal(std::string_view plaintext) const;

    // The plaintext, or nullopt for anything not sealed by a sealer with the
    // same secret and purpose: tampered, truncated, extended, another version,
    // not base64url, or larger than 16 KiB (bounds the work a cookie can cause).
    std::optional<std::string> open(std::string_view sealed) const;

    static constexpr std::size_t min_secret_size = 32;

private:
    std::array<unsigned char, 32> key_{};
    std::string purpose_;
};

// HKDF-SHA256 (RFC 5869, extract then expand) through OpenSSL 3's EVP_KDF.
// Exposed for its known-answer tests. Throws std::runtime_error on failure
// (length above 255 * 32 included).
std::string hkdf_sha256(std::string_view key, std::string_view salt, std::string_view info, std::size_t length);

}  // namespace profiledesk::auth
