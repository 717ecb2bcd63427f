#include "api/reauthentication.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace profiledesk;

TEST_CASE("reauthentication: a sign-in older than 5 minutes gets 401 with where to sign in again", "[reauth]") {
    auth::session s;
    const std::int64_t now = 1'700'000'000;
    s.auth_time = now - 299;
    CHECK_FALSE(api::require_recent_sign_in(s, core::reauth::action::password, now));

    s.auth_time = now - 301;
    const auto refused = api::require_recent_sign_in(s, core::reauth::action::password, now);
    REQUIRE(refused);
    CHECK(refused->result_int() == 401);
    const auto body = nlohmann::json::parse(refused->body());
    CHECK(body["error"] == "reauthentication_required");
    CHECK(body["reauthenticateUrl"] == "/login?reauth=password");

    s.auth_time = 0;  // the provider sent no auth_time: never recent
    CHECK(api::require_recent_sign_in(s, core::reauth::action::email, now));
}
