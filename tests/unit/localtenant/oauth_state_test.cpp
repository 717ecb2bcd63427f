#include "localtenant/oauth_state.hpp"

#include "crypto/digest.hpp"
#include "profiledesk/core/base64.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::localtenant;

TEST_CASE("oauth_state: a code is redeemed once", "[oauth_state]") {
    oauth_state s;
    authorization_code_grant g;
    g.client_id = "app";
    const auto code = s.issue_code(g, 1000);
    CHECK(code.size() >= 43);
    const auto first = s.redeem_code(code, 1001);
    REQUIRE(first);
    CHECK(first->client_id == "app");
    CHECK_FALSE(s.redeem_code(code, 1001));
}

TEST_CASE("oauth_state: a code expires", "[oauth_state]") {
    oauth_state s;
    const auto code = s.issue_code({}, 1000);
    CHECK_FALSE(s.redeem_code(code, 1000 + authorization_code_ttl));
    CHECK_FALSE(s.redeem_code("nonsense", 1000));
}

TEST_CASE("oauth_state: sessions", "[oauth_state]") {
    oauth_state s;
    const auto sid = s.create_session("auth0|ada", 1000);
    REQUIRE(s.find_session(sid, 1001));
    CHECK(s.find_session(sid, 1001)->auth_time == 1000);
    CHECK_FALSE(s.find_session(sid, 1000 + login_session_ttl));
    s.end_session(sid);
    CHECK_FALSE(s.find_session(sid, 1001));
}

TEST_CASE("oauth_state: PKCE S256 and plain (RFC 7636 appendix B)", "[oauth_state]") {
    const std::string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    const std::string challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
    CHECK(pkce_matches(verifier, challenge, "S256"));
    CHECK_FALSE(pkce_matches(verifier + "x", challenge, "S256"));
    CHECK_FALSE(pkce_matches(verifier, challenge, "S384"));
    CHECK(pkce_matches(verifier, verifier, "plain"));
    CHECK_FALSE(valid_code_verifier("short"));
    CHECK_FALSE(valid_code_verifier(std::string(43, '!')));
    CHECK(valid_code_verifier(std::string(128, 'a')));
    CHECK_FALSE(valid_code_verifier(std::string(129, 'a')));
}
