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
