// Unpredictable bytes for session ids, state, nonce, PKCE verifiers, CSRF keys.
#pragma once

#include <cstddef>
#include <string>

namespace profiledesk::crypto {

// n bytes from OpenSSL's CSPRNG (RAND_bytes). Throws std::runtime_error when the
// generator fails: callers must never fall back to something weaker.
std::string random_bytes(std::size_t n);

// base64url (no padding) of random_bytes(bytes): safe in URLs, cookies and
// headers. The default 32 bytes give 256 bits (ASVS asks for 128 at least).
std::string random_token(std::size_t bytes = 32);

}  // namespace profiledesk::crypto
