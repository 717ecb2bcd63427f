#include "crypto/random.hpp"

#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

#include <set>

using profiledesk::core::base64url_decode;
using profiledesk::crypto::random_bytes;
using profiledesk::crypto::random_token;

TEST_CASE("random_bytes returns exactly n bytes") {
    CHECK(random_bytes(0).empty());
    CHECK(random_bytes(1).size() == 1);
    CHECK(random_bytes(32).size() == 32);
    CHECK(random_bytes(1000).size() == 1000);
}

TEST_CASE("random_bytes does not repeat") {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) seen.insert(random_bytes(16));
    CHECK(seen.size() == 100);
}

TEST_CASE("random_bytes is not stuck on one value") {
    // 1000 bytes with no byte value other than the first would mean a broken generator.
    const std::string bytes = random_bytes(1000);
    CHECK(bytes.find_first_not_of(bytes[0]) != std::string::npos);
}

TEST_CASE("random_token is base64url of 32 bytes by default") {
    const std::string token = random_token();
    CHECK(token.size() == 43);
    const auto bytes = base64url_decode(token);
    REQUIRE(bytes);
    CHECK(bytes->size() == 32);
}

TEST_CASE("random_token takes the byte count") {
    const auto bytes = base64url_decode(random_token(16));
    REQUIRE(bytes);
    CHECK(bytes->size() == 16);
}

TEST_CASE("random_token is safe in URLs and cookies") {
    for (int i = 0; i < 50; ++i) {
        const std::string token = random_token();
        CAPTURE(token);
        CHECK(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
              std::string::npos);
    }
}

TEST_CASE("random_token does not repeat") { CHECK(random_token() != random_token()); }
