#include "auth/sealer.hpp"

#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <stdexcept>
#include <string>

using profiledesk::auth::hkdf_sha256;
using profiledesk::auth::sealer;
using profiledesk::core::base64url_decode;
using profiledesk::core::base64url_encode;

namespace {

const std::string secret = "0123456789abcdef0123456789abcdef-test-secret";  // 44 bytes
const std::string other_secret = "fedcba9876543210fedcba9876543210-other-secret";

std::string hex(const std::string& bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

std::string unhex(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
        out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
    }
    return out;
}

}  // namespace

TEST_CASE("hkdf_sha256 known answers (RFC 5869 appendix A)") {
    SECTION("test case 1") {
        CHECK(hex(hkdf_sha256(std::string(22, '\x0b'), unhex("000102030405060708090a0b0c"),
                              unhex("f0f1f2f3f4f5f6f7f8f9"), 42)) ==
              "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }
    SECTION("test case 3: empty salt and info") {
        CHECK(hex(hkdf_sha256(std::string(22, '\x0b'), "", "", 42)) ==
              "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
}

TEST_CASE("sealer round-trips what it seals") {
    const sealer s(secret, "login-transaction");
    SECTION("text") { CHECK(s.open(s.seal("state=abc;nonce=def")) == "state=abc;nonce=def"); }
    SECTION("the empty plaintext") { CHECK(s.open(s.seal("")) == ""); }
    SECTION("binary bytes, NULs included") {
        const std::string bytes("\0\x01\xff\x7f\0", 5);
        CHECK(s.open(s.seal(bytes)) == bytes);
    }
    SECTION("a copy of the sealer opens what the original sealed") {
        const sealer copy = s;
        CHECK(copy.open(s.seal("x")) == "x");
    }
    SECTION("another sealer built from the same secret and purpose (a restart, another instance)") {
        const sealer again(secret, "login-transaction");
        CHECK(again.open(s.seal("x")) == "x");
    }
}

TEST_CASE("sealed values hide their content and never repeat") {
    const sealer s(secret, "login-transaction");
    const std::string plain = "return_to=/very/recognisable/path";
    const auto a = s.seal(plain);
    const auto b = s.seal(plain);
    SECTION("a fresh random nonce per seal: equal plaintexts give different cookies") {
        CHECK(a != b);
        std::set<std::string> nonces;
        for (int i = 0; i < 50; ++i) nonces.insert(base64url_decode(s.seal(plain))->substr(1, 12));
        CHECK(nonces.size() == 50);
    }
    SECTION("the plaintext does not show, raw or decoded") {
        CHECK(a.find("recognisable") == std::string::npos);
        CHECK(base64url_decode(a)->find("recognisable") == std::string::npos);
    }
    SECTION("cookie- and URL-safe: base64url only") {
        CHECK(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
              std::string::npos);
    }
    SECTION("layout: version 1, 12-byte nonce, ciphertext, 16-byte tag") {
        const auto raw = *base64url_decode(a);
        CHECK(raw.size() == 1 + 12 + plain.size() + 16);
        CHECK(raw[0] == '\x01');
    }
}

TEST_CASE("sealer::open refuses every changed byte") {
    const sealer s(secret, "login-transaction");
    const auto raw = *base64url_decode(s.seal("state=abc"));
    // Version, nonce, ciphertext and tag: every byte is covered.
    for (std::size_t i = 0; i < raw.size(); ++i) {
        for (const unsigned char flip : {0x01, 0x80}) {
            auto changed = raw;
            changed[i] = static_cast<char>(static_cast<unsigned char>(changed[i]) ^ flip);
            INFO("byte " << i << " xor " << int(flip));
            CHECK_FALSE(s.open(base64url_encode(changed)));
        }
    }
}

TEST_CASE("sealer::open refuses truncated and extended values") {
    const sealer s(secret, "login-transaction");
    const auto sealed = s.seal("state=abc");
    SECTION("every prefix") {
        for (std::size_t n = 0; n < sealed.size(); ++n) {
            INFO("prefix of " << n << " characters");
            CHECK_FALSE(s.open(sealed.substr(0, n)));
        }
    }
    SECTION("bytes appended to the decoded form") {
        CHECK_FALSE(s.open(base64url_encode(*base64url_decode(sealed) + "x")));
    }
    SECTION("text appended") {
        CHECK_FALSE(s.open(sealed + "A"));
        CHECK_FALSE(s.open(sealed + "AAAA"));
        CHECK_FALSE(s.open(sealed + "="));
    }
}

TEST_CASE("sealer::open refuses values sealed for another purpose or with another secret") {
    const sealer transactions(secret, "login-transaction");
    SECTION("same secret, another purpose: a different key") {
        const sealer other(secret, "csrf");
        CHECK_FALSE(transactions.open(other.seal("x")));
        CHECK_FALSE(other.open(transactions.seal("x")));
    }
    SECTION("purposes that differ only by a suffix") {
        const sealer other(secret, "login-transaction2");
        CHECK_FALSE(transactions.open(other.seal("x")));
    }
    SECTION("same purpose, another secret (a rotated SECRET)") {
        const sealer other(other_secret, "login-transaction");
        CHECK_FALSE(transactions.open(other.seal("x")));
    }
}

TEST_CASE("sealer::open refuses garbage without throwing") {
    const sealer s(secret, "login-transaction");
    CHECK_FALSE(s.open(""));
    CHECK_FALSE(s.open("not base64url!"));
    CHECK_FALSE(s.open("AAAA"));
    CHECK_FALSE(s.open(base64url_encode(std::string(29, '\x01'))));  // the right version, all zeros otherwise
    CHECK_FALSE(s.open(base64url_encode(std::string(200, '\x01'))));
    SECTION("padding or standard base64 characters: one spelling only") {
        const auto sealed = s.seal("abc");
        auto std_alphabet = sealed;
        for (auto& c : std_alphabet) c = c == '-' ? '+' : c == '_' ? '/' : c;
        if (std_alphabet != sealed) CHECK_FALSE(s.open(std_alphabet));
    }
    SECTION("anything above 16 KiB, before any decoding") {
        CHECK_FALSE(s.open(std::string(16 * 1024 + 4, 'A')));
        const auto big = s.seal(std::string(12 * 1024, 'x'));  // sealed form ~16.4 KB
        CHECK(big.size() > 16 * 1024);
        CHECK_FALSE(s.open(big));
    }
}

TEST_CASE("sealer refuses weak keys, and says so without the secret") {
    CHECK_THROWS_AS(sealer("", "login-transaction"), std::invalid_argument);
    CHECK_THROWS_AS(sealer(std::string(31, 'k'), "login-transaction"), std::invalid_argument);
    CHECK_NOTHROW(sealer(std::string(32, 'k'), "login-transaction"));
    CHECK_THROWS_AS(sealer(secret, ""), std::invalid_argument);
    const std::string short_secret = "short-but-secret-value";
    try {
        sealer bad(short_secret, "login-transaction");
        FAIL("expected std::invalid_argument");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find(short_secret) == std::string::npos);
    }
}
