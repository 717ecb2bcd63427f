#include "crypto/rsa_key.hpp"

#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using nlohmann::json;
using profiledesk::core::base64url_decode;
using profiledesk::core::base64url_encode;
using profiledesk::crypto::rsa_key;

namespace {

// Key generation is slow: one pair for the whole file, and a second for "another key".
const rsa_key& key() {
    static const rsa_key k = rsa_key::generate();
    return k;
}
const rsa_key& other_key() {
    static const rsa_key k = rsa_key::generate();
    return k;
}

// RFC 7515 appendix A.2: an RS256 JWS and the public key that verifies it.
const json rfc7515_jwk = {
    {"kty", "RSA"},
    {"n",
     "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-"
     "SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-"
     "KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-"
     "DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ"},
    {"e", "AQAB"},
};
const std::string rfc7515_signing_input =
    "eyJhbGciOiJSUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";
const std::string rfc7515_signature =
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t"
    "1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--"
    "xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_"
    "IoypGlUPQGe77Rw";

// Throwaway keys made with the openssl command line for the rejection tests.
const char* encrypted_private_pem = R"(-----BEGIN ENCRYPTED PRIVATE KEY-----
MIIBvTBXBgkqhkiG9w0BBQ0wSjApBgkqhkiG9w0BBQwwHAQIWcfrCpJkAYgCAggA
MAwGCCqGSIb3DQIJBQAwHQYJYIZIAWUDBAECBBAmIl769V2Y1FuRyy0QaEpHBIIB
YCMLDpJTqhOHK0zCKSWwXuyhyLyXzITWILTYH7vPFP0f5oQb0Yt1x+5wcF7pCiXn
XV1d+gkJXJli5kTIISHj+h4UBKzWtGMY/M1E13gSkgEhPYGat1GVrvzswZ+L2S9R
D7tOBypQ24fAsbt6HdT1ZiHBEolGYWRmtQKdgMQXKCpOy26F2K+1KZsZqCp1HSzS
Sguicv8CT9e+bR0oJuQgif66KSHBvxfxTyyUB9DhfAPcWd5An4IC+MH7ZhNDQ4qM
e2dWb+cvzQJsIfTZYoXCPNeDypoNjE8WzkTaYo/VEBrCe9Nw9qjQ1ZAb4IsPBeUH
dXWvP8spZgN0ePVt4N3sNrrc7BD6HZ8k6Z4BsQK232kaY78FmZU3No0z3wSHgUn9
ejTyj9ULaUcIeNY2aCo8fMhfdqCJ0wWH713J5vdVuQF5x9uowD8WojbluwRZVIwK
Uxe9nUqwlv/ifdKgM6FhOF4=
-----END ENCRYPTED PRIVATE KEY-----
)";
const char* ec_private_pem = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgvPguWpijUysAhKQG
t2JA1PRSvyMMvTynF4SUsCRfvruhRANCAAQz75Uv0yq+CS4WirqZEMVNotKvCmIP
SB54GNsr1zmOq+G3YhUhv2aZ7LrQQrvPFlBtLXPhJrJhZVoWyiMJ8WPu
-----END PRIVATE KEY-----
)";
const char* rsa1024_public_pem = R"(-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDfJsEY1oS6o7GRUjR2Tu/soZ7O
6zZffE8FKr8a4ya/ru1ECyWTuN1iN+jY/OjHR8L6LP1I9R8kaByPH7rc/flpaQCs
kaH4bg90lhKycIJbsByqZPj9W1sDomANG6IEfXLpBcDjuiQ4PWls6ItrKq8oKxpL
cmOJsfHHBLzTzUUhxwIDAQAB
-----END PUBLIC KEY-----
)";

// The public JWK of key() with one member replaced.
json jwk_with(const std::string& member, const json& value) {
    json jwk = key().public_jwk("k1");
    jwk[member] = value;
    return jwk;
}

}  // namespace

TEST_CASE("generate makes a 2048-bit key pair by default") {
    CHECK(key().bits() == 2048);
    CHECK(key().has_private());
}

TEST_CASE("generate refuses keys below 2048 bits") { CHECK_THROWS_AS(rsa_key::generate(1024), std::invalid_argument); }

TEST_CASE("sign_rs256 and verify_rs256") {
    const std::string data = "header.payload";
    const std::string signature = key().sign_rs256(data);

    SECTION("the signature is as long as the modulus") { CHECK(signature.size() == 256); }
    SECTION("a signature verifies with the same key") { CHECK(key().verify_rs256(data, signature)); }
    SECTION("PKCS#1 v1.5 is deterministic (PSS would not be)") { CHECK(key().sign_rs256(data) == signature); }
    SECTION("other data does not verify") { CHECK_FALSE(key().verify_rs256("header.payloaD", signature)); }
    SECTION("a flipped bit does not verify") {
        std::string bad = signature;
        bad[100] = static_cast<char>(bad[100] ^ 1);
        CHECK_FALSE(key().verify_rs256(data, bad));
    }
    SECTION("a truncated or extended signature does not verify") {
        CHECK_FALSE(key().verify_rs256(data, signature.substr(1)));
        CHECK_FALSE(key().verify_rs256(data, std::string(1, '\0') + signature));
        CHECK_FALSE(key().verify_rs256(data, ""));
    }
    SECTION("another key's signature does not verify") {
        CHECK_FALSE(key().verify_rs256(data, other_key().sign_rs256(data)));
    }
}

TEST_CASE("verify_rs256 accepts the RFC 7515 A.2 example") {
    const rsa_key rfc_key = rsa_key::from_jwk(rfc7515_jwk);
    const auto signature = base64url_decode(rfc7515_signature);
    REQUIRE(signature);
    CHECK(rfc_key.verify_rs256(rfc7515_signing_input, *signature));
    CHECK_FALSE(rfc_key.verify_rs256(rfc7515_signing_input + "x", *signature));
}

TEST_CASE("private PEM round trip") {
    const std::string pem = key().private_pem();
    CHECK(pem.rfind("-----BEGIN PRIVATE KEY-----", 0) == 0);
    const rsa_key loaded = rsa_key::from_private_pem(pem);
    CHECK(loaded.has_private());
    CHECK(loaded.public_jwk("k") == key().public_jwk("k"));
    CHECK(key().verify_rs256("x", loaded.sign_rs256("x")));
}

TEST_CASE("public PEM round trip gives a public-only key") {
    const std::string pem = key().public_pem();
    CHECK(pem.rfind("-----BEGIN PUBLIC KEY-----", 0) == 0);
    const rsa_key loaded = rsa_key::from_public_pem(pem);
    CHECK_FALSE(loaded.has_private());
    CHECK(loaded.public_jwk("k") == key().public_jwk("k"));

    SECTION("it verifies") { CHECK(loaded.verify_rs256("x", key().sign_rs256("x"))); }
    SECTION("it cannot sign") { CHECK_THROWS_AS(loaded.sign_rs256("x"), std::logic_error); }
    SECTION("it has no private PEM") { CHECK_THROWS_AS(loaded.private_pem(), std::logic_error); }
}

TEST_CASE("from_private_pem refuses what is not an unencrypted RSA private key") {
    SECTION("garbage") { CHECK_THROWS_AS(rsa_key::from_private_pem("not a key"), std::runtime_error); }
    SECTION("empty") { CHECK_THROWS_AS(rsa_key::from_private_pem(""), std::runtime_error); }
    SECTION("a public key") { CHECK_THROWS_AS(rsa_key::from_private_pem(key().public_pem()), std::runtime_error); }
    SECTION("an encrypted key fails instead of prompting for a passphrase") {
        CHECK_THROWS_AS(rsa_key::from_private_pem(encrypted_private_pem), std::runtime_error);
    }
    SECTION("an EC key") {
        CHECK_THROWS_WITH(rsa_key::from_private_pem(ec_private_pem), Catch::Contains("not an RSA key"));
    }
    SECTION("a truncated PEM") {
        const std::string pem = key().private_pem();
        CHECK_THROWS_AS(rsa_key::from_private_pem(pem.substr(0, pem.size() / 2)), std::runtime_error);
    }
}

TEST_CASE("from_public_pem refuses what is not an RSA public key of 2048 bits or more") {
    SECTION("garbage") {
        CHECK_THROWS_AS(rsa_key::from_public_pem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"),
                        std::runtime_error);
    }
    SECTION("a 1024-bit key") {
        CHECK_THROWS_WITH(rsa_key::from_public_pem(rsa1024_public_pem), Catch::Contains("size"));
    }
}

TEST_CASE("public_jwk") {
    const json jwk = key().public_jwk("key-1");

    SECTION("has the RS256 signing members") {
        CHECK(jwk["kty"] == "RSA");
        CHECK(jwk["use"] == "sig");
        CHECK(jwk["alg"] == "RS256");
        CHECK(jwk["kid"] == "key-1");
    }
    SECTION("carries no private member") {
        for (const char* member : {"d", "p", "q", "dp", "dq", "qi"}) {
            CAPTURE(member);
            CHECK_FALSE(jwk.contains(member));
        }
    }
    SECTION("e is 65537 in minimal big-endian form") { CHECK(jwk["e"] == "AQAB"); }
    SECTION("n is 256 bytes without a leading zero byte") {
        const auto n = base64url_decode(jwk["n"].get<std::string>());
        REQUIRE(n);
        CHECK(n->size() == 256);
        CHECK((*n)[0] != '\0');
    }
    SECTION("is the same for the public-only form of the key") {
        CHECK(rsa_key::from_public_pem(key().public_pem()).public_jwk("key-1") == jwk);
    }
}

TEST_CASE("JWK round trip: a key read from public_jwk verifies the private key's signatures") {
    const rsa_key from_jwk = rsa_key::from_jwk(key().public_jwk("k1"));
    CHECK_FALSE(from_jwk.has_private());
    CHECK(from_jwk.bits() == 2048);
    CHECK(from_jwk.public_jwk("k1") == key().public_jwk("k1"));
    CHECK(from_jwk.verify_rs256("data", key().sign_rs256("data")));
    CHECK_FALSE(from_jwk.verify_rs256("data", other_key().sign_rs256("data")));
}

TEST_CASE("from_jwk accepts n with a leading zero byte") {
    // Some encoders emit the modulus as a signed integer; the value is the same.
    const auto n = base64url_decode(key().public_jwk("k1")["n"].get<std::string>());
    REQUIRE(n);
    const rsa_key loaded = rsa_key::from_jwk(jwk_with("n", base64url_encode(std::string(1, '\0') + *n)));
    CHECK(loaded.verify_rs256("data", key().sign_rs256("data")));
}

TEST_CASE("from_jwk refuses bad input") {
    SECTION("not an object") {
        CHECK_THROWS_AS(rsa_key::from_jwk(json::array()), std::runtime_error);
        CHECK_THROWS_AS(rsa_key::from_jwk("RSA"), std::runtime_error);
    }
    SECTION("kty other than RSA") {
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("kty", "EC")), std::runtime_error);
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("kty", "oct")), std::runtime_error);
    }
    SECTION("kty missing") {
        json jwk = key().public_jwk("k1");
        jwk.erase("kty");
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk), std::runtime_error);
    }
    SECTION("n or e missing") {
        json no_n = key().public_jwk("k1");
        no_n.erase("n");
        json no_e = key().public_jwk("k1");
        no_e.erase("e");
        CHECK_THROWS_AS(rsa_key::from_jwk(no_n), std::runtime_error);
        CHECK_THROWS_AS(rsa_key::from_jwk(no_e), std::runtime_error);
    }
    SECTION("n or e not a string") {
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("n", 12345)), std::runtime_error);
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("e", 65537)), std::runtime_error);
    }
    SECTION("n or e empty") {
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("n", "")), std::runtime_error);
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("e", "")), std::runtime_error);
    }
    SECTION("n in padded or standard base64") {
        const std::string n = key().public_jwk("k1")["n"];
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("n", n + "=")), std::runtime_error);
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("e", "AQAB==")), std::runtime_error);
    }
    SECTION("a modulus below 2048 bits") {
        const auto n = base64url_decode(key().public_jwk("k1")["n"].get<std::string>());
        REQUIRE(n);
        CHECK_THROWS_WITH(rsa_key::from_jwk(jwk_with("n", base64url_encode(n->substr(0, 128)))),
                          Catch::Contains("size"));
    }
    SECTION("an even modulus") {
        auto n = *base64url_decode(key().public_jwk("k1")["n"].get<std::string>());
        n.back() = static_cast<char>(n.back() & ~1);
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("n", base64url_encode(n))), std::runtime_error);
    }
    SECTION("an exponent of 1 (the signature would be the message)") {
        CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("e", "AQ")), std::runtime_error);
    }
    SECTION("an even exponent") { CHECK_THROWS_AS(rsa_key::from_jwk(jwk_with("e", "AQAC")), std::runtime_error); }
}

TEST_CASE("copies share the key; a moved-from key refuses use") {
    rsa_key original = rsa_key::from_public_pem(key().public_pem());
    const rsa_key copy = original;
    const rsa_key moved = std::move(original);
    CHECK(copy.verify_rs256("x", key().sign_rs256("x")));
    CHECK(moved.verify_rs256("x", key().sign_rs256("x")));
    CHECK_THROWS_AS(original.bits(), std::logic_error);  // NOLINT(bugprone-use-after-move): on purpose
}
