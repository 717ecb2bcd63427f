#include "api/profile_view.hpp"
#include "schema/re2_pattern.hpp"

#include "profiledesk/core/default_schema.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using nlohmann::json;

namespace {
core::profile user_of(const std::string& provider, const std::string& connection, bool social) {
    return core::profile_from_json(json{
        {"user_id", provider + "|1"},
        {"name", "Zoë Łukasiewicz"},
        {"updated_at", "2026-11-01T00:00:00.000Z"},
        {"user_metadata", {{"city", "Kraków"}, {"secret_flag", true}}},
        {"app_metadata", {{"plan", "gold"}}},
        {"identities", {{{"provider", provider}, {"connection", connection}, {"isSocial", social}, {"user_id", "1"}}}},
    });
}

const json& field(const json& view, const std::string& id) {
    for (const auto& f : view["fields"]) {
        if (f["id"] == id) return f;
    }
    FAIL("no field " << id);
    throw;
}
}  // namespace

TEST_CASE("profile_view: a database user may edit root attributes, never email") {
    const auto view = api::profile_view(user_of("auth0", "Username-Password-Authentication", false),
                                        core::default_schema(schema::compile_re2), {});
    CHECK(field(view, "name")["editable"] == true);
    CHECK(field(view, "picture")["editable"] == true);
    CHECK(field(view, "email")["editable"] == false);
    CHECK(view["version"] == "2026-11-01T00:00:00.000Z");
    CHECK(view["identity"]["social"] == false);
}

TEST_CASE("profile_view: a Google user's root attributes are read-only with the reason") {
    const auto view = api::profile_view(user_of("google-oauth2", "google-oauth2", true),
                                        core::default_schema(schema::compile_re2), {});
    for (const auto* id : {"name", "nickname", "given_name", "family_name", "picture"}) {
        INFO(id);
        CHECK(field(view, id)["editable"] == false);
        CHECK(field(view, id)["reason"] == "Managed by your Google account: change it there.");
    }
    CHECK(field(view, "user_metadata.city")["editable"] == true);
    CHECK(view["identity"]["label"] == "Google");
}

TEST_CASE("profile_view: a connection listed as not syncing opens root attributes") {
    api::edit_settings settings;
    settings.sync_off_connections = {"github"};
    const auto view = api::profile_view(user_of("github", "github", true), core::default_schema(schema::compile_re2),
                                        settings);
    CHECK(field(view, "name")["editable"] == true);
}

TEST_CASE("profile_view: only schema metadata, and never app_metadata") {
    const auto view = api::profile_view(user_of("auth0", "Username-Password-Authentication", false),
                                        core::default_schema(schema::compile_re2), {});
    CHECK(view["user_metadata"] == json{{"city", "Kraków"}});
    CHECK(view.dump().find("gold") == std::string::npos);
    CHECK(view.dump().find("secret_flag") == std::string::npos);
}

TEST_CASE("profile_view: the account part says who may change a password and how recent the sign-in is") {
    const auto schema = core::default_schema(schema::compile_re2);
    const std::int64_t now = 1'800'000'000;
    core::password_policy policy{core::password_level::fair, 10};

    const auto db = api::view_of(user_of("auth0", "Username-Password-Authentication", false), schema, {},
                                 {now - 100, now, policy});
    CHECK(db.account.password_change);
    CHECK(db.account.recent_sign_in_for == 200);
    CHECK(db.account.policy.level == core::password_level::fair);
    CHECK(db.account.policy.min_length == std::optional<std::size_t>(10));

    const auto stale = api::view_of(user_of("auth0", "Username-Password-Authentication", false), schema, {},
                                    {now - 301, now, policy});
    CHECK(stale.account.recent_sign_in_for == 0);

    const auto google = api::view_of(user_of("google-oauth2", "google-oauth2", true), schema, {}, {now, now, policy});
    CHECK_FALSE(google.account.password_change);
    CHECK(google.account.recent_sign_in_for == 300);
}
