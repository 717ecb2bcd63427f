#include "localtenant/authorize.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::localtenant;
using profiledesk::http::query_params;

namespace {

const std::string issuer = "http://127.0.0.1:4000/";

client app() {
    client c;
    c.client_id = "app";
    c.client_secret = "s";
    c.callbacks = {"http://localhost:8080/callback"};
    c.grant_types = {"authorization_code"};
    return c;
}

query_params good() {
    return {{"client_id", "app"},
            {"redirect_uri", "http://localhost:8080/callback"},
            {"response_type", "code"},
            {"scope", "openid profile email"},
            {"state", "st"},
            {"nonce", "n"},
            {"code_challenge", std::string(43, 'a')},
            {"code_challenge_method", "S256"}};
}

std::variant<authorize_request, authorize_error> check(const query_params& p) {
    return check_authorize(
        p, [](const std::string& id) { return id == "app" ? std::optional<client>(app()) : std::nullopt; }, issuer);
}

query_params with(query_params p, const std::string& k, const std::string& v) {
    for (auto& kv : p) {
        if (kv.first == k) {
            kv.second = v;
            return p;
        }
    }
    p.emplace_back(k, v);
    return p;
}

authorize_error error_of(const query_params& p) {
    const auto r = check(p);
    REQUIRE(std::holds_alternative<authorize_error>(r));
    return std::get<authorize_error>(r);
}

}  // namespace

TEST_CASE("authorize: a good request passes with its parameters", "[authorize]") {
    const auto r = check(good());
    REQUIRE(std::holds_alternative<authorize_request>(r));
    const auto& a = std::get<authorize_request>(r);
    CHECK(a.state == "st");
    CHECK(a.code_challenge_method == "S256");
    CHECK(a.response_mode == "query");
    CHECK_FALSE(a.management_audience);
}

TEST_CASE("authorize: an unknown client or redirect URI gets an error page, never a redirect", "[authorize]") {
    CHECK_FALSE(error_of(with(good(), "client_id", "evil")).redirect);
    const auto e = error_of(with(good(), "redirect_uri", "http://evil.example/callback"));
    CHECK_FALSE(e.redirect);
    CHECK(e.description.find("Callback URL mismatch") == 0);
    CHECK_FALSE(error_of(with(good(), "redirect_uri", "http://localhost:8080/callback/")).redirect);
    CHECK_FALSE(error_of(with(good(), "redirect_uri", "HTTP://localhost:8080/callback")).redirect);
}

TEST_CASE("authorize: the redirect URI's fragment is ignored, as Auth0 does", "[authorize]") {
    CHECK(std::holds_alternative<authorize_request>(
        check(with(good(), "redirect_uri", "http://localhost:8080/callback#x"))));
}

TEST_CASE("authorize: errors after the redirect URI is known go back to the client", "[authorize]") {
    auto e = error_of(with(good(), "response_type", "token"));
    CHECK(e.redirect);
    CHECK(e.error == "unsupported_response_type");
    CHECK(e.state == "st");
    CHECK(error_of(with(good(), "scope", "profile")).error == "invalid_scope");
    CHECK(error_of(with(good(), "code_challenge_method", "S512")).error == "invalid_request");
    CHECK(error_of(with(good(), "code_challenge", "short")).error == "invalid_request");
    CHECK(error_of(with(good(), "prompt", "sometimes")).error == "invalid_request");
    CHECK(error_of(with(good(), "max_age", "-1")).error == "invalid_request");
    CHECK(error_of(with(good(), "audience", "https://other.example/")).error == "access_denied");
    CHECK(error_of(with(good(), "response_mode", "fragment")).error == "invalid_request");
}

TEST_CASE("authorize: repeated parameters are refused", "[authorize]") {
    auto p = good();
    p.emplace_back("state", "again");
    CHECK(error_of(p).error == "invalid_request");
}

TEST_CASE("authorize: the Management API audience and form_post", "[authorize]") {
    const auto r = check(with(with(good(), "audience", issuer + "api/v2/"), "response_mode", "form_post"));
    REQUIRE(std::holds_alternative<authorize_request>(r));
    CHECK(std::get<authorize_request>(r).management_audience);
    CHECK(std::get<authorize_request>(r).response_mode == "form_post");
}

TEST_CASE("authorize: prompt=login and max_age decide whether a session is enough", "[authorize]") {
    authorize_request r;
    CHECK(session_satisfies(r, 1000, 5000));
    r.max_age = 60;
    CHECK_FALSE(session_satisfies(r, 1000, 5000));
    CHECK(session_satisfies(r, 4990, 5000));
    r.max_age.reset();
    r.prompt = "login";
    CHECK_FALSE(session_satisfies(r, 4990, 5000));
}

TEST_CASE("authorize: add_query appends to an existing query", "[authorize]") {
    CHECK(add_query("http://a/cb", {{"code", "x y"}}) == "http://a/cb?code=x%20y");
    CHECK(add_query("http://a/cb?k=1", {{"code", "c"}, {"state", "s"}}) == "http://a/cb?k=1&code=c&state=s");
}
