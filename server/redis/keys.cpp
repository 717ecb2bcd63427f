#include "redis/keys.hpp"

#include "crypto/digest.hpp"

namespace profiledesk::redis {

namespace {

std::string hex(std::string_view raw) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(raw.size() * 2);
    for (const unsigned char c : raw) {
        out += digits[c >> 4];
        out += digits[c & 0xf];
    }
    return out;
}

}  // namespace

std::string key_space::digest(std::string_view value) { return hex(crypto::sha256(value)); }

std::string key_space::user(std::string_view sub, std::string_view what) const {
    // 128 bits of the digest: unique among any number of users a tenant holds.
    return prefix_ + "{u:" + digest(sub).substr(0, 32) + "}:" + std::string(what);
}

std::string key_space::global(std::string_view what) const { return prefix_ + std::string(what); }

}  // namespace profiledesk::redis
