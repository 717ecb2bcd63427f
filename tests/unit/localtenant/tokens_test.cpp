#include "localtenant/tokens.hpp"

#include "crypto/jwt.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::localtenant;
using nlohmann::json;

namespace {

const std::string issuer = "http://127.0.0.1:4000/";

const signing_keys& keys() {
    static const signing_keys k({{"kid-1", profiledesk::crypto::rsa_key::generate(2048)}});
    return k;
}

std::string why(const std::variant<json, std::string>& r) {
    REQUIRE(std::holds_alternative<std::string>(r));
    return std::get<std::string>(r);
}

}  // namespace

TEST_CASE("tokens: an M2M token has the claims of a real one", "[tokens]") {
    const auto c = m2m_token_claims(issuer, "app", "read:users update:users", 86400, 1000);
    CHECK(c["sub"] == "app@clients");
    CHECK(c["aud"] == issuer + "api/v2/");
    CHECK(c["exp"] == 87400);
    CHECK(c["gty"] == "client-credentials");
    const auto token = sign_token(keys(), c);
    const auto verified = verify_token(token, keys(), issuer, 2000);
    REQUIRE(std::holds_alternative<json>(verified));
    CHECK(has_audience(std::get<json>(verified), issuer + "api/v2/"));
    CHECK(scopes_of(std::get<json>(verified)) == std::set<std::string>{"read:users", "update:users"});
}

TEST_CASE("tokens: verification refuses what it must", "[tokens]") {
    const auto token = sign_token(keys(), m2m_token_claims(issuer, "app", "read:users", 60, 1000));
    CHECK(why(verify_token(token, keys(), issuer, 1060)) == "expired");
    CHECK(std::holds_alternative<json>(verify_token(token, keys(), issuer, 1060, false)));
    CHECK(why(verify_token(token, keys(), "http://other/", 1000)) == "wrong issuer");
    auto tampered = token;
    tampered[tampered.size() - 5] = tampered[tampered.size() - 5] == 'A' ? 'B' : 'A';
    CHECK_FALSE(std::holds_alternative<json>(verify_token(tampered, keys(), issuer, 1000)));
    CHECK(why(verify_token("a.b", keys(), issuer, 1000)) == "not a compact JWS");
    const auto other = profiledesk::crypto::rsa_key::generate(2048);
    const auto foreign = profiledesk::crypto::sign_jwt_rs256(m2m_token_claims(issuer, "app", "read:users", 60, 1000),
                                                             other, "kid-2");
    CHECK(why(verify_token(foreign, keys(), issuer, 1000)) == "unknown kid");
    const auto none = profiledesk::crypto::sign_jws_rs256({{"alg", "none"}, {"kid", "kid-1"}}, "{}",
                                                          keys().current().rsa);
    CHECK(why(verify_token(none, keys(), issuer, 1000)) == "alg is not RS256");
}

TEST_CASE("tokens: ID token claims follow the scope", "[tokens]") {
    const json user = {{"user_id", "auth0|ada"},
                       {"name", "Ada"},
                       {"email", "ada@example.com"},
                       {"email_verified", true},
                       {"updated_at", "2023-01-01T00:00:00.000Z"},
                       {"user_metadata", {{"a", 1}}}};
    id_token_input in{issuer, "app", "n-1", "sid", "openid profile", "at", 900, 1000};
    const auto c = id_token_claims(in, user);
    CHECK(c["sub"] == "auth0|ada");
    CHECK(c["aud"] == "app");
    CHECK(c["nonce"] == "n-1");
    CHECK(c["auth_time"] == 900);
    CHECK(c["exp"] == 1000 + id_token_ttl);
    CHECK(c["name"] == "Ada");
    CHECK(c["updated_at"] == "2023-01-01T00:00:00.000Z");
    CHECK_FALSE(c.contains("email"));
    CHECK_FALSE(c.contains("user_metadata"));
    CHECK(c.contains("at_hash"));
    in.scope = "openid email";
    CHECK(id_token_claims(in, user)["email"] == "ada@example.com");
    CHECK(userinfo_claims(user, "openid email") ==
          json{{"sub", "auth0|ada"}, {"email", "ada@example.com"}, {"email_verified", true}});
}

TEST_CASE("tokens: split_scope", "[tokens]") {
    CHECK(split_scope("") == std::set<std::string>{});
    CHECK(split_scope("a  b a") == std::set<std::string>{"a", "b"});
}
