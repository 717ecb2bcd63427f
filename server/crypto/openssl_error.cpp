#include "crypto/openssl_error.hpp"

#include <openssl/err.h>

#include <stdexcept>

namespace profiledesk::crypto {

void throw_openssl_error(const std::string& what) {
    std::string message = what + " failed";
    if (const unsigned long code = ERR_get_error(); code != 0) {
        char reason[256];
        ERR_error_string_n(code, reason, sizeof reason);
        message += ": ";
        message += reason;
    }
    ERR_clear_error();
    throw std::runtime_error(message);
}

void clear_openssl_errors() { ERR_clear_error(); }

}  // namespace profiledesk::crypto
