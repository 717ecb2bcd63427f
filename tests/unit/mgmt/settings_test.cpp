// The settings' URLs (issuer, audience, percent-encoded user ids), validation and error names.
#include "mgmt/settings.hpp"
#include "mgmt/mgmt_error.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mgmt;
using namespace std::chrono_literals;

namespace {
mgmt_settings good() {
    mgmt_settings s;
    s.issuer = "https://example.eu.auth0.com";
    s.client_id = "m2m";
    s.client_secret = "very-secret-value";
    return s;
}
}  // namespace

TEST_CASE("settings: URLs are built from the issuer, with or without its trailing slash") {
    for (const char* issuer :
         {"https://example.eu.auth0.com", "https://example.eu.auth0.com/", "https://example.eu.auth0.com//"}) {
        auto s = good();
        s.issuer = issuer;
        CHECK(issuer_base(s) == "https://example.eu.auth0.com");
        CHECK(token_url(s) == "https://example.eu.auth0.com/oauth/token");
        CHECK(effective_audience(s) == "https://example.eu.auth0.com/api/v2/");
    }
}

TEST_CASE("settings: an explicit audience is used as is") {
    auto s = good();
    s.audience = "https://example.eu.auth0.com/api/v2/";
    CHECK(effective_audience(s) == "https://example.eu.auth0.com/api/v2/");
    s.audience = "https://custom/api/";
    CHECK(effective_audience(s) == "https://custom/api/");
}

TEST_CASE("settings: user ids are percent-encoded in the path (auth0|abc is auth0%7Cabc)") {
    const auto s = good();
    CHECK(user_url(s, "auth0|abc") == "https://example.eu.auth0.com/api/v2/users/auth0%7Cabc");
    CHECK(user_url(s, "google-oauth2|1234") == "https://example.eu.auth0.com/api/v2/users/google-oauth2%7C1234");
    // Nothing in an id can step out of the users path or add a query.
    CHECK(user_url(s, "../../clients?x=1#y") ==
          "https://example.eu.auth0.com/api/v2/users/..%2F..%2Fclients%3Fx%3D1%23y");
    CHECK(user_url(s, "a b/c") == "https://example.eu.auth0.com/api/v2/users/a%20b%2Fc");
}

TEST_CASE("settings: the defaults validate; each bad value is named, the secret never") {
    CHECK(validate(good()).empty());
    auto s = good();
    s.issuer = "ftp://example.com";
    s.client_secret.clear();
    s.max_read_attempts = 0;
    s.breaker_threshold = 0;
    s.cache_ttl = -1ms;
    s.backoff_jitter = 2.0;
    const auto problems = validate(s);
    CHECK(problems.size() == 6);
    auto secretive = good();
    secretive.issuer = "not a url";
    for (const auto& p : validate(secretive)) CHECK(p.find("very-secret-value") == std::string::npos);
}

TEST_CASE("mgmt_error: names are stable") {
    CHECK(to_string(mgmt_error::none) == "none");
    CHECK(to_string(mgmt_error::unauthorized) == "unauthorized");
    CHECK(to_string(mgmt_error::forbidden) == "forbidden");
    CHECK(to_string(mgmt_error::not_found) == "not_found");
    CHECK(to_string(mgmt_error::bad_request) == "bad_request");
    CHECK(to_string(mgmt_error::rate_limited) == "rate_limited");
    CHECK(to_string(mgmt_error::upstream_unavailable) == "upstream_unavailable");
    CHECK(to_string(mgmt_error::timeout) == "timeout");
    CHECK(to_string(mgmt_error::network) == "network");
    CHECK(to_string(mgmt_error::circuit_open) == "circuit_open");
    CHECK(to_string(mgmt_error::bad_response) == "bad_response");
}
