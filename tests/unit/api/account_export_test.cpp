#include "api/account_export.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using nlohmann::json;

namespace {

json record() {
    return json::parse(R"({
        "user_id": "github|42", "email": "gus@example.com", "name": "Gus Hub", "logins_count": 3,
        "last_login": "2026-12-01T10:00:00.000Z", "last_ip": "203.0.113.7",
        "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-12-01T10:00:00.000Z",
        "user_metadata": {"city": "Leeds"}, "app_metadata": {"plan": "gold"},
        "identities": [{"connection": "github", "user_id": "42", "provider": "github", "isSocial": true,
                        "access_token": "gho_secret", "refresh_token": "ghr_secret",
                        "access_token_secret": "oauth1-secret", "expires_in": 28800,
                        "profileData": {"login": "gus"}}]})");
}

}  // namespace

TEST_CASE("account export: the record as held, without provider tokens or app_metadata") {
    const auto p = api::exported_profile(record(), false);
    CHECK(p["email"] == "gus@example.com");
    CHECK(p["logins_count"] == 3);
    CHECK(p["last_ip"] == "203.0.113.7");
    CHECK(p["user_metadata"] == json{{"city", "Leeds"}});
    CHECK_FALSE(p.contains("app_metadata"));
    CHECK(p["identities"] == json::parse(R"([{"connection": "github", "user_id": "42", "provider": "github",
                                             "isSocial": true, "profileData": {"login": "gus"}}])"));
    for (const char* secret : {"gho_secret", "ghr_secret", "oauth1-secret"}) {
        CHECK(p.dump().find(secret) == std::string::npos);
    }
    CHECK(api::exported_profile(record(), true)["app_metadata"] == json{{"plan", "gold"}});
}

TEST_CASE("account export: what Profile Desk holds, and the file's name") {
    const std::int64_t now = 1'796'331'600;  // 2026-12-03T21:00:00Z
    const std::vector<core::session_entry_view> sessions{{"h1", "Firefox on Linux", "203.0.113.x", 1, 2, true}};
    const auto e = api::account_export(record(), false, sessions, core::pending_email_view{"new@example.com", 9}, now);
    CHECK(e["exportedAt"] == "2026-12-03T21:00:00Z");
    CHECK(e["profileDesk"]["sessions"][0]["device"] == "Firefox on Linux");
    CHECK(e["profileDesk"]["pendingEmailChange"] == json{{"address", "new@example.com"}, {"expiresAt", 9}});
    CHECK(api::account_export(record(), false, {}, std::nullopt, now)["profileDesk"]["pendingEmailChange"].is_null());
    CHECK(api::export_filename(now) == "profiledesk-export-2026-12-03.json");
}
