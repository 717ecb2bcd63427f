#include "localtenant/password_hash.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <charconv>
#include <stdexcept>
#include <vector>

namespace profiledesk::localtenant {

namespace {

constexpr std::string_view scheme = "pbkdf2-sha256";
constexpr std::size_t salt_bytes = 16;
constexpr std::size_t key_bytes = 32;
// A stored string asking for more than this is not ours: refuse rather than
// burn minutes of CPU on one login.
constexpr unsigned maximum_iterations = 10'000'000;

std::string to_hex(const unsigned char* data, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xf];
    }
    return out;
}

bool from_hex(std::string_view hex, std::vector<unsigned char>& out) {
    if (hex.size() % 2 != 0) return false;
    const auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    out.clear();
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<unsigned char>(hi << 4 | lo));
    }
    return true;
}

bool derive(std::string_view password, const unsigned char* salt, std::size_t salt_len, unsigned iterations,
            unsigned char* key, std::size_t key_len) {
    return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt, static_cast<int>(salt_len),
                             static_cast<int>(iterations), EVP_sha256(), static_cast<int>(key_len), key) == 1;
}

}  // namespace

std::string hash_password(std::string_view password, unsigned iterations) {
    if (iterations < minimum_password_iterations || iterations > maximum_iterations) {
        throw std::invalid_argument("password hash iterations must be between 1000 and 10000000");
    }
    unsigned char salt[salt_bytes];
    if (RAND_bytes(salt, sizeof salt) != 1) throw std::runtime_error("RAND_bytes failed");
    unsigned char key[key_bytes];
    if (!derive(password, salt, sizeof salt, iterations, key, sizeof key)) {
        throw std::runtime_error("PKCS5_PBKDF2_HMAC failed");
    }
    return std::string(scheme) + "$" + std::to_string(iterations) + "$" + to_hex(salt, sizeof salt) + "$" +
           to_hex(key, sizeof key);
}

bool verify_password(std::string_view password, std::string_view stored) {
    // scheme$iterations$salt$key
    std::string_view parts[4];
    std::size_t start = 0;
    for (int i = 0; i < 4; ++i) {
        const auto end = i < 3 ? stored.find('$', start) : stored.size();
        if (end == std::string_view::npos) return false;
        parts[i] = stored.substr(start, end - start);
        start = end + 1;
    }
    if (parts[0] != scheme || parts[3].find('$') != std::string_view::npos) return false;
    unsigned iterations = 0;
    const auto [ptr, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
    if (ec != std::errc() || ptr != parts[1].data() + parts[1].size()) return false;
    if (iterations < minimum_password_iterations || iterations > maximum_iterations) return false;
    std::vector<unsigned char> salt, expected;
    if (!from_hex(parts[2], salt) || !from_hex(parts[3], expected) || salt.empty() || expected.size() != key_bytes) {
        return false;
    }
    unsigned char key[key_bytes];
    if (!derive(password, salt.data(), salt.size(), iterations, key, sizeof key)) return false;
    return CRYPTO_memcmp(key, expected.data(), key_bytes) == 0;
}

}  // namespace profiledesk::localtenant
