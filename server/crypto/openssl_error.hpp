// Internal to the crypto library: turns OpenSSL's error queue into an exception.
#pragma once

#include <string>

namespace profiledesk::crypto {

// Throws std::runtime_error naming `what` and OpenSSL's first queued reason,
// and empties the queue so a stale error cannot be blamed on a later call.
[[noreturn]] void throw_openssl_error(const std::string& what);

// Empties OpenSSL's error queue after an expected failure (a bad signature,
// an unparsable key) so it does not leak into an unrelated later call.
void clear_openssl_errors();

}  // namespace profiledesk::crypto
