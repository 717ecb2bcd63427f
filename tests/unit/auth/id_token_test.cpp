#include "auth/id_token.hpp"

#include "crypto/digest.hpp"
#include "crypto/jwt.hpp"
#include "profiledesk/core/base64.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <catch2/catch.hpp>

#include <chrono>

using nlohmann::json;
using profiledesk::auth::id_token_error;
using profiledesk::auth::id_token_expectations;
using profiledesk::auth::id_token_result;
using profiledesk::auth::jwks;
using profiledesk::auth::verify_id_token;
using profiledesk::core::base64url_encode;
using profiledesk::crypto::hmac_sha256;
using profiledesk::crypto::rsa_key;
using profiledesk::crypto::sign_jws_rs256;
using profiledesk::crypto::sign_jwt_rs256;
using namespace std::chrono_literals;

namespace {

// Key generation is slow: the tenant's key, an attacker's key and the key the
// tenant rotates to, made once for the file.
const rsa_key& tenant_key() {
    static const rsa_key k = rsa_key::generate();
    return k;
}
const rsa_key& attacker_key() {
    static const rsa_key k = rsa_key::generate();
    return k;
}
const rsa_key& rotated_key() {
    static const rsa_key k = rsa_key::generate();
    return k;
}

const std::string issuer = "https://tenant.example.com/";
const std::string client_id = "Xo9pClientId";
const std::string nonce = "n-0S6_WzA2Mj-secret-nonce";
const std::string subject = "auth0|63d1f0c2a1b2c3d4e5f60718";
const std::int64_t now_s = 1'700'000'000;

// The JWKS the tenant publishes before rotation: only "k1".
jwks tenant_jwks() { return *jwks::parse({{"keys", {tenant_key().public_jwk("k1")}}}); }

json good_claims() {
    return {
        {"iss", issuer},     {"aud", client_id},     {"sub", subject},         {"nonce", nonce},
        {"iat", now_s - 10}, {"exp", now_s + 36000}, {"name", "Ada Lovelace"},
    };
}

id_token_expectations expected() {
    id_token_expectations e;
    e.issuer = issuer;
    e.client_id = client_id;
    e.nonce = nonce;
    e.now = std::chrono::system_clock::time_point(std::chrono::seconds(now_s));
    return e;
}

std::string sign(const json& claims, const rsa_key& key = tenant_key(), const std::string& kid = "k1") {
    return sign_jwt_rs256(claims, key, kid);
}

// A token from raw parts, for forgeries no honest signer would make.
std::string assemble(const json& header, const std::string& payload, const std::string& signature) {
    return base64url_encode(header.dump()) + '.' + base64url_encode(payload) + '.' + base64url_encode(signature);
}

std::string signing_input(const json& header, const std::string& payload) {
    return base64url_encode(header.dump()) + '.' + base64url_encode(payload);
}

id_token_result verify(const std::string& token, const id_token_expectations& e = expected()) {
    return verify_id_token(token, tenant_jwks(), e);
}

// The code of a failed verification, or "ok".
std::string outcome(const id_token_result& r) { return r.ok() ? "ok" : profiledesk::auth::to_string(*r.error); }

std::string with_claim(const std::string& name, const json& value) {
    json c = good_claims();
    c[name] = value;
    return sign(c);
}

std::string without_claim(const std::string& name) {
    json c = good_claims();
    c.erase(name);
    return sign(c);
}

// A real RS512 signature with the tenant's own key, via OpenSSL directly.
std::string sign_rs512(const std::string& input, const rsa_key& key) {
    const std::string pem = key.private_pem();
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* pkey = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    std::size_t len = 0;
    REQUIRE(EVP_DigestSignInit(ctx, nullptr, EVP_sha512(), nullptr, pkey) == 1);
    REQUIRE(EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()) ==
            1);
    std::string signature(len, '\0');
    REQUIRE(EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &len,
                           reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1);
    signature.resize(len);
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(pkey);
    BIO_free(bio);
    return signature;
}

}  // namespace

// ---------------------------------------------------------------- accepted

TEST_CASE("a valid ID token is accepted and its claims returned") {
    const auto r = verify(sign(good_claims()));
    REQUIRE(outcome(r) == "ok");
    CHECK(r.claims == good_claims());
    CHECK(r.claims["sub"] == subject);
}

TEST_CASE("aud may be an array holding only our client_id") {
    CHECK(outcome(verify(with_claim("aud", {client_id}))) == "ok");
}

TEST_CASE("fractional NumericDates are accepted") {
    json c = good_claims();
    c["exp"] = now_s + 0.5;
    c["iat"] = now_s - 0.5;
    CHECK(outcome(verify(sign(c))) == "ok");
}

// ---------------------------------------------------------------- signature

TEST_CASE("a token signed by another key under the same kid is refused") {
    CHECK(outcome(verify(sign(good_claims(), attacker_key(), "k1"))) == "bad_signature");
}

TEST_CASE("a tampered payload is refused") {
    const std::string token = sign(good_claims());
    const auto dot1 = token.find('.');
    const auto dot2 = token.find('.', dot1 + 1);
    json evil = good_claims();
    evil["sub"] = "auth0|someone-else";
    const std::string tampered = token.substr(0, dot1 + 1) + base64url_encode(evil.dump()) + token.substr(dot2);
    CHECK(outcome(verify(tampered)) == "bad_signature");
}

TEST_CASE("a tampered header is refused") {
    const std::string token = sign(good_claims());
    const json header = {{"alg", "RS256"}, {"kid", "k1"}, {"typ", "JWT"}, {"extra", 1}};
    const std::string tampered = base64url_encode(header.dump()) + token.substr(token.find('.'));
    CHECK(outcome(verify(tampered)) == "bad_signature");
}

TEST_CASE("a truncated signature is refused") {
    const std::string token = sign(good_claims());
    const auto dot2 = token.rfind('.');
    const std::string signature = *profiledesk::core::base64url_decode(token.substr(dot2 + 1));
    CHECK(outcome(verify(token.substr(0, dot2 + 1) + base64url_encode(signature.substr(0, 253)))) == "bad_signature");
}

TEST_CASE("keys named in the header (jwk, jku, x5u) are ignored") {
    // ASVS 9.1.3: keys come only from our JWKS. The attacker embeds his key.
    const json header = {{"alg", "RS256"},
                         {"kid", "k1"},
                         {"jwk", attacker_key().public_jwk("k1")},
                         {"jku", "https://attacker.example/jwks.json"},
                         {"x5u", "https://attacker.example/c"}};
    const std::string token = sign_jws_rs256(header, good_claims().dump(), attacker_key());
    CHECK(outcome(verify(token)) == "bad_signature");
}

// ---------------------------------------------------------------- algorithm

TEST_CASE("alg none with an empty signature is refused") {
    const std::string token = assemble({{"alg", "none"}, {"kid", "k1"}}, good_claims().dump(), "");
    REQUIRE(token.back() == '.');
    CHECK(outcome(verify(token)) == "unsupported_alg");
}

TEST_CASE("alg none is refused in any spelling") {
    for (const char* alg : {"none", "None", "NONE", "nOnE"}) {
        CAPTURE(alg);
        CHECK(outcome(verify(assemble({{"alg", alg}, {"kid", "k1"}}, good_claims().dump(), ""))) == "unsupported_alg");
    }
}

TEST_CASE("HS256 keyed with the public key PEM is refused") {
    // The classic confusion attack: a verifier that trusts alg would HMAC with
    // the "key" it holds for kid, which is public.
    const json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", "k1"}};
    const std::string payload = good_claims().dump();
    const std::string mac = hmac_sha256(tenant_key().public_pem(), signing_input(header, payload));
    CHECK(outcome(verify(assemble(header, payload, mac))) == "unsupported_alg");
}

TEST_CASE("HS256 keyed with the JWK modulus is refused") {
    const json header = {{"alg", "HS256"}, {"typ", "JWT"}, {"kid", "k1"}};
    const std::string payload = good_claims().dump();
    const std::string n = tenant_key().public_jwk("k1")["n"];

    SECTION("n as its base64url text") {
        const std::string mac = hmac_sha256(n, signing_input(header, payload));
        CHECK(outcome(verify(assemble(header, payload, mac))) == "unsupported_alg");
    }
    SECTION("n as raw bytes") {
        const std::string mac = hmac_sha256(*profiledesk::core::base64url_decode(n), signing_input(header, payload));
        CHECK(outcome(verify(assemble(header, payload, mac))) == "unsupported_alg");
    }
}

TEST_CASE("RS512 is refused even with a genuine signature by the tenant's key") {
    const json header = {{"alg", "RS512"}, {"typ", "JWT"}, {"kid", "k1"}};
    const std::string payload = good_claims().dump();
    CHECK(outcome(verify(assemble(header, payload, sign_rs512(signing_input(header, payload), tenant_key())))) ==
          "unsupported_alg");
}

TEST_CASE("other alg values are refused") {
    const std::string payload = good_claims().dump();
    SECTION("lower case rs256") {
        CHECK(outcome(verify(assemble({{"alg", "rs256"}, {"kid", "k1"}}, payload, "x"))) == "unsupported_alg");
    }
    SECTION("PS256 and ES256") {
        CHECK(outcome(verify(assemble({{"alg", "PS256"}, {"kid", "k1"}}, payload, "x"))) == "unsupported_alg");
        CHECK(outcome(verify(assemble({{"alg", "ES256"}, {"kid", "k1"}}, payload, "x"))) == "unsupported_alg");
    }
    SECTION("alg missing") { CHECK(outcome(verify(assemble({{"kid", "k1"}}, payload, "x"))) == "unsupported_alg"); }
    SECTION("alg not a string") {
        CHECK(outcome(verify(assemble({{"alg", {"RS256"}}, {"kid", "k1"}}, payload, "x"))) == "unsupported_alg");
        CHECK(outcome(verify(assemble({{"alg", 256}, {"kid", "k1"}}, payload, "x"))) == "unsupported_alg");
    }
}

TEST_CASE("alg is checked before the kid") {
    CHECK(outcome(verify(assemble({{"alg", "HS256"}, {"kid", "nobody"}}, good_claims().dump(), "x"))) ==
          "unsupported_alg");
}

// ---------------------------------------------------------------- keys

TEST_CASE("an unknown kid is its own code") {
    CHECK(outcome(verify(sign(good_claims(), rotated_key(), "k2"))) == "unknown_kid");
}

TEST_CASE("after a key rotation the refetched JWKS accepts the new kid") {
    const std::string token = sign(good_claims(), rotated_key(), "k2");
    REQUIRE(outcome(verify_id_token(token, tenant_jwks(), expected())) == "unknown_kid");

    const auto rotated = jwks::parse({{"keys", {rotated_key().public_jwk("k2"), tenant_key().public_jwk("k1")}}});
    REQUIRE(rotated);
    CHECK(outcome(verify_id_token(token, *rotated, expected())) == "ok");
    CHECK(outcome(verify_id_token(sign(good_claims()), *rotated, expected())) == "ok");
}

// OpenID Connect Core 1.0 section 10.1: "If there are multiple keys in the
// referenced JWK Set document, a kid value MUST be provided in the JOSE Header".
TEST_CASE("a token without a kid is verified with the JWKS's only key") {
    const json header = {{"alg", "RS256"}, {"typ", "JWT"}};
    SECTION("one key: accepted") {
        CHECK(outcome(verify(sign_jws_rs256(header, good_claims().dump(), tenant_key()))) == "ok");
    }
    SECTION("one key published without a kid: accepted") {
        json jwk = tenant_key().public_jwk("k1");
        jwk.erase("kid");
        const auto keys = jwks::parse({{"keys", {jwk}}});
        REQUIRE(keys);
        CHECK(outcome(verify_id_token(sign_jws_rs256(header, good_claims().dump(), tenant_key()), *keys, expected())) ==
              "ok");
    }
    SECTION("one key, but the token is signed by another: bad_signature") {
        CHECK(outcome(verify(sign_jws_rs256(header, good_claims().dump(), attacker_key()))) == "bad_signature");
    }
    SECTION("two keys: refused, even when one of them signed it") {
        const auto two = jwks::parse({{"keys", {tenant_key().public_jwk("k1"), rotated_key().public_jwk("k2")}}});
        REQUIRE(two);
        CHECK(outcome(verify_id_token(sign_jws_rs256(header, good_claims().dump(), tenant_key()), *two, expected())) ==
              "unknown_kid");
    }
    SECTION("no key at all: refused") {
        CHECK(outcome(verify_id_token(sign_jws_rs256(header, good_claims().dump(), tenant_key()), jwks{},
                                      expected())) == "unknown_kid");
    }
}

TEST_CASE("a kid that is not a string is malformed") {
    const json header = {{"alg", "RS256"}, {"kid", 1}};
    CHECK(outcome(verify(sign_jws_rs256(header, good_claims().dump(), tenant_key()))) == "malformed");
}

TEST_CASE("an empty JWKS knows no kid") {
    CHECK(outcome(verify_id_token(sign(good_claims()), jwks{}, expected())) == "unknown_kid");
}

// ---------------------------------------------------------------- issuer

TEST_CASE("iss must equal the configured issuer exactly") {
    SECTION("another tenant") {
        CHECK(outcome(verify(with_claim("iss", "https://evil.example.com/"))) == "wrong_issuer");
    }
    SECTION("the trailing slash missing") {
        CHECK(outcome(verify(with_claim("iss", "https://tenant.example.com"))) == "wrong_issuer");
    }
    SECTION("an extra trailing slash") {
        CHECK(outcome(verify(with_claim("iss", "https://tenant.example.com//"))) == "wrong_issuer");
    }
    SECTION("other case") {
        CHECK(outcome(verify(with_claim("iss", "https://TENANT.example.com/"))) == "wrong_issuer");
    }
    SECTION("http instead of https") {
        CHECK(outcome(verify(with_claim("iss", "http://tenant.example.com/"))) == "wrong_issuer");
    }
}

TEST_CASE("iss missing or not a string is missing_claim") {
    CHECK(outcome(verify(without_claim("iss"))) == "missing_claim");
    CHECK(outcome(verify(with_claim("iss", {issuer}))) == "missing_claim");
}

TEST_CASE("an empty configured issuer never matches") {
    auto e = expected();
    e.issuer = "";
    CHECK(outcome(verify(with_claim("iss", ""), e)) == "wrong_issuer");
}

// ---------------------------------------------------------------- audience

TEST_CASE("aud must hold our client_id") {
    SECTION("another client") { CHECK(outcome(verify(with_claim("aud", "SomeOtherClient"))) == "wrong_audience"); }
    SECTION("an array without us") { CHECK(outcome(verify(with_claim("aud", {"A", "B"}))) == "wrong_audience"); }
    SECTION("an empty array") { CHECK(outcome(verify(with_claim("aud", json::array()))) == "wrong_audience"); }
    SECTION("a prefix of our client_id") {
        CHECK(outcome(verify(with_claim("aud", client_id.substr(0, 4)))) == "wrong_audience");
    }
}

TEST_CASE("aud missing or of the wrong type is missing_claim") {
    CHECK(outcome(verify(without_claim("aud"))) == "missing_claim");
    CHECK(outcome(verify(with_claim("aud", 42))) == "missing_claim");
    CHECK(outcome(verify(with_claim("aud", {{"client", client_id}}))) == "missing_claim");
}

TEST_CASE("several audiences without azp are refused") {
    CHECK(outcome(verify(with_claim("aud", {client_id, "https://api.example.com/"}))) == "missing_azp");
}

TEST_CASE("several audiences with another party's azp are refused") {
    json c = good_claims();
    c["aud"] = {client_id, "OtherClient"};
    c["azp"] = "OtherClient";
    CHECK(outcome(verify(sign(c))) == "wrong_azp");
}

TEST_CASE("several audiences with our azp are accepted") {
    json c = good_claims();
    c["aud"] = {"https://api.example.com/", client_id};
    c["azp"] = client_id;
    CHECK(outcome(verify(sign(c))) == "ok");
}

TEST_CASE("azp, when present with a single audience, must still be ours") {
    CHECK(outcome(verify(with_claim("azp", "OtherClient"))) == "wrong_azp");
    CHECK(outcome(verify(with_claim("azp", client_id))) == "ok");
}

// ---------------------------------------------------------------- time

TEST_CASE("exp beyond the 60 s skew is expired") { CHECK(outcome(verify(with_claim("exp", now_s - 61))) == "expired"); }

TEST_CASE("exp within the 60 s skew is accepted") {
    CHECK(outcome(verify(with_claim("exp", now_s - 60))) == "ok");
    CHECK(outcome(verify(with_claim("exp", now_s - 1))) == "ok");
}

TEST_CASE("the skew is configurable") {
    auto e = expected();
    e.max_skew = 0s;
    CHECK(outcome(verify(with_claim("exp", now_s), e)) == "ok");
    CHECK(outcome(verify(with_claim("exp", now_s - 1), e)) == "expired");
}

TEST_CASE("now is injected, not read from the clock") {
    // The token expired long ago in real time; at the injected now it is fine.
    json c = good_claims();
    c["iat"] = 1'000'000'000;
    c["exp"] = 1'000'000'100;
    auto e = expected();
    e.now = std::chrono::system_clock::time_point(std::chrono::seconds(1'000'000'050));
    CHECK(outcome(verify(sign(c), e)) == "ok");
}

TEST_CASE("exp missing or not a number is missing_claim") {
    CHECK(outcome(verify(without_claim("exp"))) == "missing_claim");
    CHECK(outcome(verify(with_claim("exp", std::to_string(now_s + 100)))) == "missing_claim");
    CHECK(outcome(verify(with_claim("exp", true))) == "missing_claim");
}

TEST_CASE("iat beyond the skew in the future is refused") {
    CHECK(outcome(verify(with_claim("iat", now_s + 61))) == "issued_in_future");
}

TEST_CASE("iat within the skew in the future is accepted") {
    CHECK(outcome(verify(with_claim("iat", now_s + 60))) == "ok");
}

TEST_CASE("iat missing or not a number is missing_claim") {
    CHECK(outcome(verify(without_claim("iat"))) == "missing_claim");
    CHECK(outcome(verify(with_claim("iat", "yesterday"))) == "missing_claim");
}

TEST_CASE("nbf, when present, is honoured with the same skew") {
    CHECK(outcome(verify(with_claim("nbf", now_s + 61))) == "not_yet_valid");
    CHECK(outcome(verify(with_claim("nbf", now_s + 60))) == "ok");
    CHECK(outcome(verify(with_claim("nbf", "soon"))) == "missing_claim");
}

// ---------------------------------------------------------------- subject and nonce

TEST_CASE("a missing sub is refused") { CHECK(outcome(verify(without_claim("sub"))) == "missing_sub"); }

TEST_CASE("an empty sub is refused") { CHECK(outcome(verify(with_claim("sub", ""))) == "missing_sub"); }

TEST_CASE("a sub that is not a string is refused") {
    CHECK(outcome(verify(with_claim("sub", 12345))) == "missing_sub");
}

TEST_CASE("a wrong nonce is refused") {
    CHECK(outcome(verify(with_claim("nonce", "another-login-nonce"))) == "wrong_nonce");
}

TEST_CASE("a nonce that is a prefix of ours is refused") {
    CHECK(outcome(verify(with_claim("nonce", nonce.substr(0, nonce.size() - 1)))) == "wrong_nonce");
}

TEST_CASE("a missing nonce is refused") { CHECK(outcome(verify(without_claim("nonce"))) == "missing_claim"); }

TEST_CASE("an empty expected nonce never matches, not even an empty one") {
    auto e = expected();
    e.nonce = "";
    CHECK(outcome(verify(with_claim("nonce", ""), e)) == "wrong_nonce");
}

// ---------------------------------------------------------------- malformed

TEST_CASE("malformed tokens") {
    const std::string good = sign(good_claims());
    const auto dot1 = good.find('.');
    const auto dot2 = good.find('.', dot1 + 1);

    SECTION("empty") { CHECK(outcome(verify("")) == "malformed"); }
    SECTION("two parts") { CHECK(outcome(verify(good.substr(0, dot2))) == "malformed"); }
    SECTION("four parts") { CHECK(outcome(verify(good + ".e30")) == "malformed"); }
    SECTION("bad base64url in the header") { CHECK(outcome(verify("!!!" + good.substr(dot1))) == "malformed"); }
    SECTION("bad base64url in the payload") {
        CHECK(outcome(verify(good.substr(0, dot1 + 1) + "e30*" + good.substr(dot2))) == "malformed");
    }
    SECTION("bad base64url in the signature") { CHECK(outcome(verify(good + "=")) == "malformed"); }
    SECTION("surrounding whitespace") {
        CHECK(outcome(verify(" " + good)) == "malformed");
        CHECK(outcome(verify(good + "\n")) == "malformed");
    }
    SECTION("a header that is not JSON") {
        CHECK(outcome(verify(base64url_encode("{alg:RS256") + good.substr(dot1))) == "malformed");
    }
    SECTION("a header that is JSON but not an object") {
        CHECK(outcome(verify(base64url_encode("[\"RS256\"]") + good.substr(dot1))) == "malformed");
    }
    SECTION("a deeply nested header does not exhaust the stack") {
        const std::string deep = std::string(30000, '[') + std::string(30000, ']');
        CHECK(outcome(verify(base64url_encode(deep) + good.substr(dot1))) == "malformed");
    }
    SECTION("a header with crit") {
        const json header = {{"alg", "RS256"}, {"kid", "k1"}, {"crit", {"exp"}}, {"exp", 1}};
        CHECK(outcome(verify(sign_jws_rs256(header, good_claims().dump(), tenant_key()))) == "malformed");
    }
    SECTION("signed claims that are not JSON") {
        const json header = {{"alg", "RS256"}, {"kid", "k1"}};
        CHECK(outcome(verify(sign_jws_rs256(header, "sub=me", tenant_key()))) == "malformed");
    }
    SECTION("signed claims that are JSON but not an object") {
        const json header = {{"alg", "RS256"}, {"kid", "k1"}};
        CHECK(outcome(verify(sign_jws_rs256(header, json::array({good_claims()}).dump(), tenant_key()))) ==
              "malformed");
        CHECK(outcome(verify(sign_jws_rs256(header, "\"string\"", tenant_key()))) == "malformed");
    }
    SECTION("a huge token") {
        CHECK(outcome(verify(good.substr(0, dot1 + 1) + std::string(70000, 'A') + good.substr(dot2))) == "malformed");
    }
}

// ---------------------------------------------------------------- order and messages

TEST_CASE("the first failed check is the one reported") {
    SECTION("signature before claims") {
        json c = good_claims();
        c["iss"] = "https://evil.example/";
        c["exp"] = 1;
        CHECK(outcome(verify(sign(c, attacker_key()))) == "bad_signature");
    }
    SECTION("issuer before audience and expiry") {
        json c = good_claims();
        c["iss"] = "https://evil.example/";
        c["aud"] = "other";
        c["exp"] = 1;
        CHECK(outcome(verify(sign(c))) == "wrong_issuer");
    }
    SECTION("expiry before subject and nonce") {
        json c = good_claims();
        c["exp"] = 1;
        c.erase("sub");
        c["nonce"] = "x";
        CHECK(outcome(verify(sign(c))) == "expired");
    }
    SECTION("subject before nonce") {
        json c = good_claims();
        c.erase("sub");
        c["nonce"] = "x";
        CHECK(outcome(verify(sign(c))) == "missing_sub");
    }
}

TEST_CASE("failure messages are one line and never carry the token or claim values") {
    json c = good_claims();
    c["nonce"] = "attacker-chosen-nonce\nFAKE LOG LINE";
    c["sub"] = "auth0|victim";
    c["exp"] = now_s - 1000;
    const std::string expired = sign(c);
    const std::string forged = sign(good_claims(), attacker_key());
    const std::string wrong_nonce = with_claim("nonce", "attacker-chosen-nonce");
    for (const std::string& token : {expired, forged, wrong_nonce, std::string("a.b"), expired.substr(1)}) {
        const auto r = verify(token);
        REQUIRE_FALSE(r.ok());
        CAPTURE(r.message);
        CHECK_FALSE(r.message.empty());
        CHECK(r.message.find('\n') == std::string::npos);
        CHECK(r.message.find("attacker-chosen") == std::string::npos);
        CHECK(r.message.find(nonce) == std::string::npos);
        CHECK(r.message.find("victim") == std::string::npos);
        CHECK(r.message.find(subject) == std::string::npos);
        CHECK(r.message.find(token.substr(0, 10)) == std::string::npos);
        CHECK(r.claims.is_null());
    }
}

TEST_CASE("to_string gives the stable codes") {
    using E = id_token_error;
    CHECK(std::string(to_string(E::malformed)) == "malformed");
    CHECK(std::string(to_string(E::unsupported_alg)) == "unsupported_alg");
    CHECK(std::string(to_string(E::unknown_kid)) == "unknown_kid");
    CHECK(std::string(to_string(E::bad_signature)) == "bad_signature");
    CHECK(std::string(to_string(E::wrong_issuer)) == "wrong_issuer");
    CHECK(std::string(to_string(E::wrong_audience)) == "wrong_audience");
    CHECK(std::string(to_string(E::missing_azp)) == "missing_azp");
    CHECK(std::string(to_string(E::wrong_azp)) == "wrong_azp");
    CHECK(std::string(to_string(E::expired)) == "expired");
    CHECK(std::string(to_string(E::issued_in_future)) == "issued_in_future");
    CHECK(std::string(to_string(E::not_yet_valid)) == "not_yet_valid");
    CHECK(std::string(to_string(E::missing_sub)) == "missing_sub");
    CHECK(std::string(to_string(E::wrong_nonce)) == "wrong_nonce");
    CHECK(std::string(to_string(E::missing_claim)) == "missing_claim");
}
