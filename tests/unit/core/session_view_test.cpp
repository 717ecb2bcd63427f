#include "profiledesk/core/session_view.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;
using nlohmann::json;

// GET /api/session's wire format, pinned: the app reads exactly these keys.
TEST_CASE("session view: a signed-in session is written as the app reads it", "[session_view]") {
    const session_view v{session_user_view{"auth0|ada", "Ada Lovelace", "https://example.com/ada.png", "auth0"},
                         "csrf-123"};
    const json pinned = json::parse(R"({"authenticated": true,
        "user": {"sub": "auth0|ada", "name": "Ada Lovelace", "picture": "https://example.com/ada.png",
                 "connection": "auth0"},
        "csrfToken": "csrf-123"})");
    CHECK(session_view_to_json(v) == pinned);
    CHECK(session_view_from_json(pinned) == v);
    CHECK(session_view_from_json(session_view_to_json(v)) == v);
}

TEST_CASE("session view: nobody signed in is {authenticated: false}", "[session_view]") {
    CHECK(session_view_to_json(session_view{}) == json{{"authenticated", false}});
    CHECK_FALSE(session_view_from_json(json{{"authenticated", false}}).user);
}

TEST_CASE("session view: the reader takes anything else as signed out, or as empty members", "[session_view]") {
    CHECK_FALSE(session_view_from_json(json("<html>proxy error</html>")).user);
    CHECK_FALSE(session_view_from_json(json::object()).user);
    CHECK_FALSE(session_view_from_json(json{{"authenticated", "yes"}}).user);
    const auto odd = session_view_from_json(json{{"authenticated", true}, {"user", {{"sub", 7}, {"name", nullptr}}}});
    REQUIRE(odd.user);
    CHECK(odd.user->sub.empty());
    CHECK(odd.user->name.empty());
    CHECK(odd.csrf_token.empty());
}
