#include "profiledesk/core/profile.hpp"

#include <catch2/catch.hpp>

using profiledesk::core::invalid_profile;
using profiledesk::core::profile_from_json;
using profiledesk::core::profile_to_json;
using nlohmann::json;

namespace {

// A database user as Auth0's Management API returns it (trimmed).
json database_user() {
    return json::parse(R"({
      "user_id": "auth0|63d1f0c2a1b2c3d4e5f60718",
      "email": "ada@example.com",
      "email_verified": true,
      "name": "Ada Lovelace",
      "nickname": "ada",
      "given_name": "Ada",
      "family_name": "Lovelace",
      "picture": "https://example.com/ada.png",
      "updated_at": "2026-11-01T10:00:00.000Z",
      "created_at": "2026-01-01T10:00:00.000Z",
      "logins_count": 12,
      "app_metadata": {"plan": "gold"},
      "user_metadata": {"city": "London", "prefs": {"theme": "dark"}},
      "identities": [{"provider": "auth0", "connection": "Username-Password-Authentication",
                      "user_id": "63d1f0c2a1b2c3d4e5f60718", "isSocial": false}]
    })");
}

}  // namespace

TEST_CASE("profile_from_json reads an Auth0 user record") {
    const auto p = profile_from_json(database_user());

    SECTION("root attributes") {
        CHECK(p.user_id == "auth0|63d1f0c2a1b2c3d4e5f60718");
        CHECK(p.email == "ada@example.com");
        CHECK(p.email_verified);
        CHECK(p.name == "Ada Lovelace");
        CHECK(p.nickname == "ada");
        CHECK(p.given_name == "Ada");
        CHECK(p.family_name == "Lovelace");
        CHECK(p.picture == "https://example.com/ada.png");
        CHECK(p.updated_at == "2026-11-01T10:00:00.000Z");
    }
    SECTION("user_metadata is kept whole, nested values included") {
        CHECK(p.user_metadata == json::parse(R"({"city": "London", "prefs": {"theme": "dark"}})"));
    }
    SECTION("identities") {
        REQUIRE(p.identities.size() == 1);
        CHECK(p.identities[0].provider == "auth0");
        CHECK(p.identities[0].connection == "Username-Password-Authentication");
        CHECK(p.identities[0].user_id == "63d1f0c2a1b2c3d4e5f60718");
        CHECK_FALSE(p.identities[0].is_social);
    }
    SECTION("app_metadata never enters the model") { CHECK(profile_to_json(p).count("app_metadata") == 0); }
}

TEST_CASE("profile_from_json keeps absent and null root attributes absent") {
    const auto p = profile_from_json(json{{"user_id", "google-oauth2|1"}, {"name", nullptr}});
    CHECK_FALSE(p.name.has_value());
    CHECK_FALSE(p.nickname.has_value());
    CHECK_FALSE(p.email.has_value());
    CHECK(p.user_metadata == json::object());
    CHECK(p.identities.empty());
}

TEST_CASE("profile_from_json keeps non-ASCII text byte for byte") {
    const auto p = profile_from_json(json{{"user_id", "auth0|x"}, {"name", "Дмитрий 山田"}});
    CHECK(p.name == "Дмитрий 山田");
}

TEST_CASE("profile_from_json reads a numeric identity user_id as text") {
    const auto p = profile_from_json(json::parse(
        R"({"user_id": "github|42", "identities": [{"provider": "github", "user_id": 42, "isSocial": true}]})"));
    REQUIRE(p.identities.size() == 1);
    CHECK(p.identities[0].user_id == "42");
    CHECK(p.identities[0].is_social);
}

TEST_CASE("profile_from_json rejects what is not a user record") {
    SECTION("not an object") {
        CHECK_THROWS_WITH(profile_from_json(json::array()), Catch::Contains("[profile.not_object]"));
    }
    SECTION("missing user_id") {
        CHECK_THROWS_WITH(profile_from_json(json{{"name", "x"}}), Catch::Contains("[profile.user_id]"));
    }
    SECTION("empty user_id") { CHECK_THROWS_AS(profile_from_json(json{{"user_id", ""}}), invalid_profile); }
    SECTION("a root attribute of the wrong type") {
        CHECK_THROWS_WITH(profile_from_json(json{{"user_id", "a|b"}, {"name", 5}}),
                          Catch::Contains("'name' must be a string"));
    }
    SECTION("user_metadata that is not an object") {
        CHECK_THROWS_WITH(profile_from_json(json{{"user_id", "a|b"}, {"user_metadata", "x"}}),
                          Catch::Contains("[profile.type]"));
    }
    SECTION("identities that is not an array") {
        CHECK_THROWS_AS(profile_from_json(json{{"user_id", "a|b"}, {"identities", json::object()}}), invalid_profile);
    }
}

TEST_CASE("profile_to_json round-trips through profile_from_json") {
    const auto p = profile_from_json(database_user());
    const auto j = profile_to_json(p);
    CHECK(profile_to_json(profile_from_json(j)) == j);
    SECTION("absent optionals are left out, not written as null") {
        const auto bare = profile_to_json(profile_from_json(json{{"user_id", "a|b"}}));
        CHECK(bare.count("name") == 0);
        CHECK(bare.count("email") == 0);
        CHECK(bare.count("email_verified") == 0);
    }
}
