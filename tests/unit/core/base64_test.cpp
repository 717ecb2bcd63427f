#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

#include <string>

using profiledesk::core::base64_decode;
using profiledesk::core::base64_encode;
using profiledesk::core::base64url_decode;
using profiledesk::core::base64url_encode;

namespace {

// RFC 4648 section 10 test vectors: input, base64 (padded).
const std::pair<std::string, std::string> rfc4648[] = {
    {"", ""},
    {"f", "Zg=="},
    {"fo", "Zm8="},
    {"foo", "Zm9v"},
    {"foob", "Zm9vYg=="},
    {"fooba", "Zm9vYmE="},
    {"foobar", "Zm9vYmFy"},
};

std::string without_padding(std::string s) {
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
}

}  // namespace

TEST_CASE("base64_encode matches the RFC 4648 vectors") {
    for (const auto& [plain, encoded] : rfc4648) {
        CAPTURE(plain);
        CHECK(base64_encode(plain) == encoded);
    }
}

TEST_CASE("base64_decode matches the RFC 4648 vectors") {
    for (const auto& [plain, encoded] : rfc4648) {
        CAPTURE(encoded);
        CHECK(base64_decode(encoded) == plain);
    }
}

TEST_CASE("base64url_encode matches the RFC 4648 vectors without padding") {
    for (const auto& [plain, encoded] : rfc4648) {
        CAPTURE(plain);
        CHECK(base64url_encode(plain) == without_padding(encoded));
    }
}

TEST_CASE("base64url_decode matches the RFC 4648 vectors without padding") {
    for (const auto& [plain, encoded] : rfc4648) {
        CAPTURE(encoded);
        CHECK(base64url_decode(without_padding(encoded)) == plain);
    }
}

TEST_CASE("the two alphabets differ only in characters 62 and 63") {
    const std::string bytes = "\xfb\xff\xbf";
    SECTION("standard uses + and /") {
        CHECK(base64_encode(bytes) == "+/+/");
        CHECK(base64_decode("+/+/") == bytes);
    }
    SECTION("url uses - and _") {
        CHECK(base64url_encode(bytes) == "-_-_");
        CHECK(base64url_decode("-_-_") == bytes);
    }
    SECTION("neither accepts the other's characters") {
        CHECK_FALSE(base64url_decode("+/+/"));
        CHECK_FALSE(base64_decode("-_-_"));
    }
}

TEST_CASE("every byte value and every length round-trips") {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (std::size_t len = 0; len <= all.size(); len += 1) {
        const std::string bytes = all.substr(all.size() - len);  // covers 0, 1 and 2 leftover bytes
        CAPTURE(len);
        REQUIRE(base64url_decode(base64url_encode(bytes)) == bytes);
        REQUIRE(base64_decode(base64_encode(bytes)) == bytes);
    }
}

TEST_CASE("base64url_decode rejects what an encoder never produces") {
    SECTION("padding") {
        CHECK_FALSE(base64url_decode("Zg=="));
        CHECK_FALSE(base64url_decode("Zm8="));
    }
    SECTION("characters outside the alphabet") {
        CHECK_FALSE(base64url_decode("Zm9v!"));
        CHECK_FALSE(base64url_decode("Zm 9v"));
        CHECK_FALSE(base64url_decode("Zm9v\n"));
        CHECK_FALSE(base64url_decode(std::string("Zm\0v", 4)));
        CHECK_FALSE(base64url_decode("Zm9v."));
    }
    SECTION("a length of 4k+1") {
        CHECK_FALSE(base64url_decode("Z"));
        CHECK_FALSE(base64url_decode("A"));  // its unused bits are zero: only the length refuses it
        CHECK_FALSE(base64url_decode("Zm9vY"));
        CHECK_FALSE(base64url_decode("Zm9vA"));
    }
    SECTION("non-zero unused bits (a second spelling of the same bytes)") {
        CHECK(base64url_decode("Zg") == "f");
        CHECK_FALSE(base64url_decode("Zh"));
        CHECK(base64url_decode("Zm8") == "fo");
        CHECK_FALSE(base64url_decode("Zm9"));
    }
}

TEST_CASE("base64_decode rejects what an encoder never produces") {
    SECTION("missing padding") {
        CHECK_FALSE(base64_decode("Zg"));
        CHECK_FALSE(base64_decode("Zm8"));
    }
    SECTION("too much padding") {
        CHECK_FALSE(base64_decode("Z==="));
        CHECK_FALSE(base64_decode("===="));
    }
    SECTION("padding in the middle") {
        CHECK_FALSE(base64_decode("Zg==Zm8="));
        CHECK_FALSE(base64_decode("Z=g="));
    }
    SECTION("whitespace") {
        CHECK_FALSE(base64_decode("Zm9v\r\n"));
        CHECK_FALSE(base64_decode(" Zm9v"));
    }
    SECTION("non-zero unused bits") {
        CHECK_FALSE(base64_decode("Zh=="));
        CHECK_FALSE(base64_decode("Zm9="));
    }
}

TEST_CASE("base64 carries an HTTP Basic credential") {
    // RFC 7617 section 2 example.
    CHECK(base64_encode("Aladdin:open sesame") == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    CHECK(base64_decode("QWxhZGRpbjpvcGVuIHNlc2FtZQ==") == "Aladdin:open sesame");
}

TEST_CASE("base64_decode: the glyph subsets the app receives") {
    CHECK(base64_decode("") == "");
    CHECK(base64_decode("TWFu") == "Man");
    CHECK(base64_decode("TWE=") == "Ma");
    CHECK(base64_decode("TQ==") == "M");
    for (const char* bad : {"TWF", "TW=u", "T===", "TQ==TWFu", "TW\nu", "TWF*"}) {
        INFO(bad);
        CHECK_FALSE(base64_decode(bad));
    }
}
