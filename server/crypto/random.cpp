#include "crypto/random.hpp"

#include "crypto/openssl_error.hpp"
#include "profiledesk/core/base64.hpp"

#include <openssl/rand.h>

#include <climits>
#include <stdexcept>

namespace profiledesk::crypto {

std::string random_bytes(std::size_t n) {
    if (n > INT_MAX) {
        throw std::length_error("random_bytes: too many bytes requested");
    }
    std::string out(n, '\0');
    if (n > 0 && RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
        throw_openssl_error("RAND_bytes");
    }
    return out;
}

std::string random_token(std::size_t bytes) { return core::base64url_encode(random_bytes(bytes)); }

}  // namespace profiledesk::crypto
