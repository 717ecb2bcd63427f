#include "crypto/jwt.hpp"

#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using profiledesk::core::base64url_decode;
using profiledesk::crypto::rsa_key;
using profiledesk::crypto::sign_jws_rs256;
using profiledesk::crypto::sign_jwt_rs256;

namespace {

const rsa_key& key() {
    static const rsa_key k = rsa_key::generate();
    return k;
}

struct parts {
    std::string header, payload, signature, signing_input;
};

parts split(const std::string& token) {
    const auto dot1 = token.find('.');
    const auto dot2 = token.find('.', dot1 + 1);
    REQUIRE(dot1 != std::string::npos);
    REQUIRE(dot2 != std::string::npos);
    REQUIRE(token.find('.', dot2 + 1) == std::string::npos);
    return {*base64url_decode(token.substr(0, dot1)), *base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1)),
            *base64url_decode(token.substr(dot2 + 1)), token.substr(0, dot2)};
}

}  // namespace

TEST_CASE("sign_jwt_rs256 makes a compact JWS") {
    const json claims = {{"sub", "auth0|abc"}, {"iss", "https://tenant.example/"}, {"exp", 1700000000}};
    const parts p = split(sign_jwt_rs256(claims, key(), "key-1"));

    SECTION("header names RS256, JWT and the kid") {
        CHECK(json::parse(p.header) == json({{"alg", "RS256"}, {"typ", "JWT"}, {"kid", "key-1"}}));
    }
    SECTION("payload is the claims") { CHECK(json::parse(p.payload) == claims); }
    SECTION("signature covers header.payload as sent") { CHECK(key().verify_rs256(p.signing_input, p.signature)); }
    SECTION("signature does not cover anything else") {
        CHECK_FALSE(key().verify_rs256(p.signing_input + "x", p.signature));
    }
}

TEST_CASE("sign_jws_rs256 signs any header and payload bytes") {
    const parts p = split(sign_jws_rs256({{"alg", "RS256"}, {"x", 1}}, "not json", key()));
    CHECK(json::parse(p.header) == json({{"alg", "RS256"}, {"x", 1}}));
    CHECK(p.payload == "not json");
    CHECK(key().verify_rs256(p.signing_input, p.signature));
}

TEST_CASE("sign_jwt_rs256 needs the private key") {
    const rsa_key public_only = rsa_key::from_public_pem(key().public_pem());
    CHECK_THROWS_AS(sign_jwt_rs256(json::object(), public_only, "k"), std::logic_error);
}
