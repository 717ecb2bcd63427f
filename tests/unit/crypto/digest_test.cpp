#include "crypto/digest.hpp"

#include <catch2/catch.hpp>

#include <string>

using profiledesk::crypto::constant_time_equal;
using profiledesk::crypto::hmac_sha256;
using profiledesk::crypto::sha256;

namespace {

std::string hex(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

}  // namespace

TEST_CASE("sha256 known answers (FIPS 180-2)") {
    SECTION("abc") { CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); }
    SECTION("empty input") {
        CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
    SECTION("two blocks") {
        CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
    SECTION("raw 32 bytes") { CHECK(sha256("abc").size() == 32); }
}

TEST_CASE("hmac_sha256 known answers (RFC 4231)") {
    SECTION("test case 1") {
        CHECK(hex(hmac_sha256(std::string(20, '\x0b'), "Hi There")) ==
              "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    }
    SECTION("test case 2: a key shorter than the output") {
        CHECK(hex(hmac_sha256("Jefe", "what do ya want for nothing?")) ==
              "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }
    SECTION("test case 6: a key longer than the block is hashed first") {
        CHECK(hex(hmac_sha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
              "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }
}

TEST_CASE("hmac_sha256 accepts an empty key and empty data") {
    const std::string expected = "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad";
    CHECK(hex(hmac_sha256("", "")) == expected);
    CHECK(hex(hmac_sha256(std::string_view(), std::string_view())) == expected);  // null data pointers
}

TEST_CASE("hmac_sha256 keys matter") { CHECK(hmac_sha256("key one", "data") != hmac_sha256("key two", "data")); }

TEST_CASE("constant_time_equal") {
    SECTION("equal strings") { CHECK(constant_time_equal("abcdef", "abcdef")); }
    SECTION("two empty strings are equal") { CHECK(constant_time_equal("", "")); }
    SECTION("a difference in the first byte") { CHECK_FALSE(constant_time_equal("Xbcdef", "abcdef")); }
    SECTION("a difference in the last byte") { CHECK_FALSE(constant_time_equal("abcdeX", "abcdef")); }
    SECTION("a prefix is not equal") {
        CHECK_FALSE(constant_time_equal("abc", "abcdef"));
        CHECK_FALSE(constant_time_equal("abcdef", "abc"));
        CHECK_FALSE(constant_time_equal("", "a"));
    }
    SECTION("embedded zero bytes count") {
        CHECK_FALSE(constant_time_equal(std::string("a\0b", 3), std::string("a\0c", 3)));
    }
}
