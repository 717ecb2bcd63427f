#include "profiledesk/core/account_view.hpp"
#include "profiledesk/core/reauthentication.hpp"
#include "profiledesk/core/sessions_view.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;
using nlohmann::json;

// The account member of GET /api/profile, pinned: the app reads exactly these keys.
TEST_CASE("account view: written as the app reads it", "[account_view]") {
    account_view v;
    v.email_change = true;
    v.password_change = true;
    v.recent_sign_in_for = 120;
    v.policy = {password_level::fair, 9};
    v.pending_email = pending_email_view{"new@example.com", 1700000000};
    const json pinned = json::parse(R"({"emailChange": true, "passwordChange": true, "deletion": false,
        "recentSignInFor": 120, "passwordPolicy": {"level": "fair", "minLength": 9},
        "pendingEmail": {"address": "new@example.com", "expiresAt": 1700000000}})");
    CHECK(account_view_to_json(v) == pinned);
    CHECK(account_view_from_json(pinned) == v);
}

TEST_CASE("account view: anything odd reads as offering nothing", "[account_view]") {
    CHECK(account_view_from_json(json("x")) == account_view{});
    const auto odd = account_view_from_json(json{{"emailChange", "yes"},
                                                 {"recentSignInFor", -5},
                                                 {"passwordPolicy", {{"level", "strong"}}},
                                                 {"pendingEmail", {{"address", ""}}}});
    CHECK(odd == account_view{});
}

TEST_CASE("reauthentication: recent means within 5 minutes, not in the future", "[reauth]") {
    const std::int64_t now = 1'700'000'000;
    CHECK(reauth::is_recent(now - 300, now));
    CHECK_FALSE(reauth::is_recent(now - 301, now));
    CHECK(reauth::is_recent(now + 60, now));
    CHECK_FALSE(reauth::is_recent(now + 61, now));
    CHECK_FALSE(reauth::is_recent(0, now));
    CHECK(reauth::seconds_left(now - 100, now) == 200);
    CHECK(reauth::seconds_left(now - 400, now) == 0);
    CHECK(reauth::url(reauth::action::delete_account) == "/login?reauth=delete");
    CHECK(reauth::parse("password") == reauth::action::password);
    CHECK_FALSE(reauth::parse("/evil"));
}

TEST_CASE("sessions view: written as the app reads it, handle-less entries skipped", "[sessions_view]") {
    const std::vector<session_entry_view> list = {{"h1", "Firefox on Linux", "203.0.113.x", 10, 20, true},
                                                  {"h2", "Chrome on Android", "", 5, 6, false}};
    const json pinned = json::parse(R"({"sessions": [
        {"handle": "h1", "device": "Firefox on Linux", "address": "203.0.113.x", "createdAt": 10,
         "lastActiveAt": 20, "current": true},
        {"handle": "h2", "device": "Chrome on Android", "address": "", "createdAt": 5, "lastActiveAt": 6,
         "current": false}]})");
    CHECK(sessions_view_to_json(list) == pinned);
    CHECK(sessions_view_from_json(pinned) == list);
    CHECK(sessions_view_from_json(json{{"sessions", {json{{"device", "x"}}, 7}}}).empty());
}
