#include "auth/oidc_client.hpp"

#include <catch2/catch.hpp>

using profiledesk::auth::parse_discovery;
using nlohmann::json;

namespace {
json auth0_like() {
    return {{"issuer", "https://example.eu.auth0.com/"},
            {"authorization_endpoint", "https://example.eu.auth0.com/authorize"},
            {"token_endpoint", "https://example.eu.auth0.com/oauth/token"},
            {"jwks_uri", "https://example.eu.auth0.com/.well-known/jwks.json"},
            {"end_session_endpoint", "https://example.eu.auth0.com/oidc/logout"}};
}
}  // namespace

TEST_CASE("parse_discovery reads the endpoints and keeps the issuer byte for byte") {
    std::string problem;
    const auto m = parse_discovery(auth0_like(), "https://example.eu.auth0.com", problem);
    REQUIRE(m);
    CHECK(m->issuer == "https://example.eu.auth0.com/");
    CHECK(m->token_endpoint == "https://example.eu.auth0.com/oauth/token");
    CHECK(m->end_session_endpoint == "https://example.eu.auth0.com/oidc/logout");
}

TEST_CASE("parse_discovery: end_session_endpoint is optional (Auth0 tenants before Nov 2023)") {
    auto doc = auth0_like();
    doc.erase("end_session_endpoint");
    std::string problem;
    const auto m = parse_discovery(doc, "https://example.eu.auth0.com/", problem);
    REQUIRE(m);
    CHECK(m->end_session_endpoint.empty());
}

TEST_CASE("parse_discovery refuses an issuer other than ISSUER_BASE_URL") {
    std::string problem;
    CHECK_FALSE(parse_discovery(auth0_like(), "https://other.eu.auth0.com", problem));
    CHECK(problem.find("issuer") != std::string::npos);
}

TEST_CASE("parse_discovery refuses missing or non-URL endpoints") {
    for (const auto* key : {"authorization_endpoint", "token_endpoint", "jwks_uri", "issuer"}) {
        INFO(key);
        std::string problem;
        auto missing = auth0_like();
        missing.erase(key);
        CHECK_FALSE(parse_discovery(missing, "https://example.eu.auth0.com", problem));
        auto bad = auth0_like();
        bad[key] = "javascript:alert(1)";
        CHECK_FALSE(parse_discovery(bad, "https://example.eu.auth0.com", problem));
    }
    std::string problem;
    CHECK_FALSE(parse_discovery(json::array(), "https://example.eu.auth0.com", problem));
}
