// Salted, slow password hashes: PBKDF2-HMAC-SHA256 (OpenSSL), stored as one
// self-describing string so the cost can change without breaking old hashes:
//
//     pbkdf2-sha256$<iterations>$<salt, hex>$<derived key, hex>
//
// 600,000 iterations is OWASP's current figure for PBKDF2-HMAC-SHA256 (about
// 0.15 s on this machine kind). Seed files may ask for fewer, to keep test
// start-up quick; never below minimum_iterations.
#pragma once

#include <string>
#include <string_view>

namespace profiledesk::localtenant {

inline constexpr unsigned default_password_iterations = 600000;
inline constexpr unsigned minimum_password_iterations = 1000;

// A fresh hash with a random 16-byte salt. Throws std::invalid_argument when
// iterations < minimum_password_iterations, std::runtime_error when OpenSSL fails.
std::string hash_password(std::string_view password, unsigned iterations = default_password_iterations);

// True when `password` matches `stored`. False (never a throw) for a malformed
// or unknown-scheme `stored`. The comparison does not leak where keys differ.
bool verify_password(std::string_view password, std::string_view stored);

}  // namespace profiledesk::localtenant
