#include "profiledesk/core/profile_view.hpp"

#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/schema_to_json.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;
using nlohmann::json;

namespace {

// The wire format, pinned: GET /api/profile for a database user whose
// nickname and picture are unset, with a one-field schema. A change to the
// format (a renamed key, a null left out, another order of `fields`) fails
// here before it reaches the app or the integration tests.
const char* const pinned_view = R"json({
  "version": "2026-11-01T10:00:00.000Z",
  "user": {"user_id": "auth0|ada", "email": "ada@example.com", "email_verified": true,
           "name": "Ada Lovelace", "nickname": null, "given_name": "Ada", "family_name": "Lovelace",
           "picture": null},
  "user_metadata": {"city": "London"},
  "identity": {"provider": "auth0", "connection": "Username-Password-Authentication", "social": false,
               "label": "Username-Password-Authentication", "managesRootAttributes": false},
  "fields": [
    {"id": "name", "label": "Full name", "editable": true},
    {"id": "nickname", "label": "Nickname", "editable": true},
    {"id": "given_name", "label": "First name", "editable": true},
    {"id": "family_name", "label": "Last name", "editable": true},
    {"id": "picture", "label": "Picture URL", "editable": true},
    {"id": "email", "label": "Email", "editable": false,
     "reason": "Your email address is how you sign in; it cannot be changed here.",
     "reasonCode": "sign_in_identifier"},
    {"id": "user_metadata.city", "label": "City", "editable": true}
  ],
  "schema": {"version": 1, "groups": [{"id": "contact", "label": "Contact"}],
             "fields": [{"key": "city", "label": "City", "type": "string", "max_length": 100, "group": "contact"}]},
  "account": {"emailChange": false, "passwordChange": false, "deletion": false, "recentSignInFor": 0,
              "passwordPolicy": {"level": "good"}}
})json";

field_schema city_schema() {
    auto parsed = parse_schema(json::parse(pinned_view)["schema"], compile_std_regex);
    REQUIRE(parsed.ok());
    return *parsed.schema;
}

profile_view ada() {
    profile_view v;
    v.version = "2026-11-01T10:00:00.000Z";
    v.user.user_id = "auth0|ada";
    v.user.email = "ada@example.com";
    v.user.email_verified = true;
    v.user.name = "Ada Lovelace";
    v.user.given_name = "Ada";
    v.user.family_name = "Lovelace";
    v.user_metadata = {{"city", "London"}};
    v.identity = {"auth0", "Username-Password-Authentication", false, "Username-Password-Authentication", false};
    v.fields = {{"name", "Full name", true, "", ""},
                {"nickname", "Nickname", true, "", ""},
                {"given_name", "First name", true, "", ""},
                {"family_name", "Last name", true, "", ""},
                {"picture", "Picture URL", true, "", ""},
                {"email", "Email", false, "Your email address is how you sign in; it cannot be changed here.",
                 "sign_in_identifier"},
                {"user_metadata.city", "City", true, "", ""}};
    v.schema = city_schema();
    return v;
}

// Every member of the view, compared (the schema through its canonical JSON).
void check_equal(const profile_view& a, const profile_view& b) {
    CHECK(a.version == b.version);
    CHECK(profile_to_json(a.user) == profile_to_json(b.user));
    CHECK(a.user_metadata == b.user_metadata);
    CHECK(a.identity == b.identity);
    CHECK(a.fields == b.fields);
    CHECK(schema_to_json(a.schema) == schema_to_json(b.schema));
}

std::optional<profile_view> read(const json& j, std::string& problem) {
    return profile_view_from_json(j, compile_std_regex, problem);
}

}  // namespace

TEST_CASE("profile_view: the writer writes the pinned wire format", "[profile_view]") {
    CHECK(profile_view_to_json(ada()).dump() == json::parse(pinned_view).dump());
}

TEST_CASE("profile_view: write -> read gives the same view", "[profile_view]") {
    std::string problem;
    SECTION("a database user") {
        const auto back = read(profile_view_to_json(ada()), problem);
        REQUIRE(back);
        check_equal(*back, ada());
    }
    SECTION("a Google user: read-only fields with their reasons, no email") {
        auto v = ada();
        v.user.email.reset();
        v.user.email_verified = false;
        v.identity = {"google-oauth2", "google-oauth2", true, "Google", true};
        v.fields[0] = {"name", "Full name", false, "Managed by your Google account: change it there.",
                       "synced_from_identity_provider"};
        const auto back = read(profile_view_to_json(v), problem);
        REQUIRE(back);
        check_equal(*back, v);
    }
    CHECK(problem.empty());
}

TEST_CASE("profile_view: read the pinned sample -> write gives it back byte for byte", "[profile_view]") {
    std::string problem;
    const auto view = read(json::parse(pinned_view), problem);
    REQUIRE(view);
    CHECK(profile_view_to_json(*view).dump() == json::parse(pinned_view).dump());
}

TEST_CASE("profile_view: the reader refuses what is not a view and forgives wrong member types", "[profile_view]") {
    std::string problem;
    SECTION("not a profile") {
        CHECK_FALSE(read(json::array(), problem));
        CHECK(problem == "The server's answer is not a profile.");
        CHECK_FALSE(read(json{{"version", "v"}, {"schema", json::object()}}, problem));
        CHECK(problem == "The server's answer is not a profile.");
    }
    SECTION("a schema the reader cannot parse") {
        auto j = json::parse(pinned_view);
        j["schema"] = {{"version", 99}};
        CHECK_FALSE(read(j, problem));
        CHECK(problem.rfind("The server sent a field schema this app cannot read: ", 0) == 0);
    }
    SECTION("members of the wrong type read as absent") {
        auto j = json::parse(pinned_view);
        j["user"]["name"] = 7;
        j["identity"]["social"] = "yes";
        j["fields"][0]["editable"] = "true";
        j["fields"].push_back(42);
        j["user_metadata"] = "London";
        const auto view = read(j, problem);
        REQUIRE(view);
        CHECK_FALSE(view->user.name);
        CHECK_FALSE(view->identity.social);
        CHECK_FALSE(view->fields[0].editable);
        CHECK(view->fields.size() == 7);
        CHECK(view->user_metadata == json::object());
    }
}
