// SHA-256, HMAC-SHA256 and a comparison that does not leak where secrets differ.
#pragma once

#include <string>
#include <string_view>

namespace profiledesk::crypto {

// Raw 32-byte SHA-256 (PKCE S256 challenges, at_hash, fingerprints).
std::string sha256(std::string_view data);

// Raw 32-byte HMAC-SHA256 (signed cookies, CSRF tokens). Any key length works,
// the empty key included.
std::string hmac_sha256(std::string_view key, std::string_view data);

// Equality whose running time does not depend on where a and b differ
// (CRYPTO_memcmp), for MACs, CSRF tokens, state and nonce. A length mismatch
// returns false at once: lengths are not secret here (fixed-size MACs, tokens).
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace profiledesk::crypto
