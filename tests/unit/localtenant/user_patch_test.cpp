#include "localtenant/user_patch.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::localtenant;
using nlohmann::json;

namespace {

const connection database{"Username-Password-Authentication", "auth0", false, ""};
const connection google{"google-oauth2", "google-oauth2", true, "on_each_login"};
const connection github{"github", "github", true, "on_first_login"};
const connection saml{"acme", "samlp", false, "on_first_login"};
const system_time now = system_time(std::chrono::seconds(1700000000));

json ada() {
    return json::parse(R"({"user_id": "auth0|ada", "email": "ada@example.com", "email_verified": true,
      "name": "Ada Lovelace", "nickname": "ada", "given_name": "Ada", "picture": "https://x.example/a.png",
      "updated_at": "2023-11-14T22:13:19.000Z",
      "user_metadata": {"city": "London", "prefs": {"theme": "dark", "lang": "en"}},
      "app_metadata": {"plan": "gold"}})");
}

bool known(const std::string& name) { return name == database.name || name == google.name || name == github.name; }

std::optional<api_error> check(const json& body, const connection& c = database, std::vector<std::string> order = {}) {
    return check_user_patch(body, order, c, ada(), known);
}

std::string message_of(const json& body, const connection& c = database) {
    const auto e = check(body, c);
    REQUIRE(e);
    CHECK(e->status == 400);
    return e->message;
}

json apply(const json& body, const connection& c = database) {
    auto u = ada();
    REQUIRE_FALSE(check(body, c));
    apply_user_patch(u, body, c, now);
    return u;
}

}  // namespace

TEST_CASE("user_patch: metadata merges one level deep", "[user_patch]") {
    const auto u = apply({{"user_metadata", {{"prefs", {{"theme", "light"}}}, {"new", 1}}}});
    CHECK(u["user_metadata"] == json{{"city", "London"}, {"new", 1}, {"prefs", {{"theme", "light"}}}});
    CHECK(apply({{"user_metadata", {{"city", nullptr}}}})["user_metadata"] ==
          json{{"prefs", {{"theme", "dark"}, {"lang", "en"}}}});
    CHECK(apply({{"user_metadata", json::object()}})["user_metadata"] == json::object());
    CHECK(apply({{"app_metadata", {{"tier", 2}}}})["app_metadata"] == json{{"plan", "gold"}, {"tier", 2}});
}

TEST_CASE("user_patch: root attributes are replaced, null removes them", "[user_patch]") {
    const auto u = apply({{"name", "Countess"}, {"given_name", nullptr}});
    CHECK(u["name"] == "Countess");
    CHECK_FALSE(u.contains("given_name"));
    CHECK(u["nickname"] == "ada");
}

TEST_CASE("user_patch: updated_at advances on every write", "[user_patch]") {
    CHECK(apply({{"name", "X"}})["updated_at"] == "2023-11-14T22:13:20.000Z");
    auto u = ada();
    u["updated_at"] = "2023-11-14T22:13:20.000Z";
    apply_user_patch(u, json::object(), database, now);
    CHECK(u["updated_at"] == "2023-11-14T22:13:20.001Z");
}

TEST_CASE("user_patch: read-only and unknown properties are refused, named in reverse order", "[user_patch]") {
    const auto e = check({{"user_id", "x"}, {"name", "ok"}, {"created_at", "y"}, {"logins_count", 3}}, database,
                         {"user_id", "name", "created_at", "logins_count"});
    REQUIRE(e);
    CHECK(e->status == 400);
    CHECK(e->error_code == "invalid_body");
    CHECK(e->message.rfind(
              "Payload validation error: 'Additional properties not allowed: logins_count,created_at,user_id "
              "(consider storing them in app_metadata or user_metadata.",
              0) == 0);
    CHECK(message_of({{"identities", json::array()}}).find("identities") != std::string::npos);
    CHECK(message_of({{"favourite_colour", "blue"}}).find("Additional properties not allowed: favourite_colour") !=
          std::string::npos);
}

TEST_CASE("user_patch: a property with an empty name is refused like any other unknown one", "[user_patch]") {
    // Found by tests/fuzz/user_patch: the form body "=x" was stored as a root attribute named "".
    CHECK(
        message_of({{"", "x"}}).rfind("Payload validation error: 'Additional properties not allowed:  (consider", 0) ==
        0);
    CHECK(message_of({{"name", "Ada"}, {"", "x"}}).find("Additional properties not allowed") != std::string::npos);
}

TEST_CASE("user_patch: names and values that are not UTF-8 are refused", "[user_patch]") {
    // Found by tests/fuzz/user_patch: a form body (any bytes, unlike JSON)
    // "name=%C0" passed the checks, then serialising the user threw: a 500.
    CHECK(message_of({{"name", "Ada \xC0"}}) == "Invalid request body");
    CHECK(message_of({{"nick\xFFname", "x"}}) == "Invalid request body");
    CHECK(message_of({{"picture", "https://x.example/\xED\xA0\x80.png"}}) == "Invalid request body");
    CHECK(message_of({{"nickname",
                       "a\xC0\xAF"
                       "b"}}) == "Invalid request body");  // an overlong '/'
}

TEST_CASE("user_patch: types and lengths follow the OAS schema", "[user_patch]") {
    CHECK(message_of({{"blocked", "yes"}}) ==
          "Payload validation error: 'Expected type boolean but found type string' on property blocked.");
    CHECK(message_of({{"name", 5}}) ==
          "Payload validation error: 'Expected type string,null but found type integer' on property name.");
    CHECK(message_of({{"user_metadata", nullptr}}) ==
          "Payload validation error: 'Expected type object but found type null' on property user_metadata.");
    CHECK(message_of({{"name", ""}}) ==
          "Payload validation error: 'String is too short (0 chars), minimum 1' on property name.");
    CHECK(message_of({{"given_name", std::string(151, 'a')}}) ==
          "Payload validation error: 'String is too long (151 chars), maximum 150' on property given_name.");
    CHECK_FALSE(check({{"name", std::string(300, 'a')}}));
    SECTION("lengths count characters, not bytes") {
        std::string cyrillic;
        for (int i = 0; i < 150; ++i) cyrillic += "Ж";
        CHECK_FALSE(check({{"given_name", cyrillic}}));
    }
    CHECK(message_of(json::array()).find("Expected type object but found type array") != std::string::npos);
}

TEST_CASE("user_patch: formats", "[user_patch]") {
    CHECK(message_of({{"email", "not-an-email"}}).find("format email") != std::string::npos);
    CHECK(message_of({{"picture", "javascript:alert(1)"}}).find("format strict-uri") != std::string::npos);
    CHECK(message_of({{"phone_number", "0123"}}).find("does not match pattern") != std::string::npos);
    CHECK_FALSE(check({{"picture", "https://example.com/p.png?s=1"}}));
    CHECK_FALSE(check({{"phone_number", "+441234567890"}}));
}

TEST_CASE("user_patch: fields that cannot change together", "[user_patch]") {
    CHECK(message_of({{"password", "x"}, {"email", "a@b.example"}}) ==
          "Cannot update password and email simultaneously.");
    CHECK(message_of({{"username", "u"}, {"password", "x"}}) == "Cannot update username and password simultaneously.");
    CHECK(message_of({{"password", "x"}, {"email_verified", true}}) ==
          "Cannot update password and email_verified simultaneously.");
}

TEST_CASE("user_patch: social users with sync on each login cannot change names or picture", "[user_patch]") {
    CHECK(message_of({{"name", "X"}, {"picture", "https://x.example/p.png"}}, google) ==
          "The following user attributes cannot be updated: name, picture. The connection must either be a database "
          "connection (using the Auth0 store), a passwordless connection (email or sms) or has disabled 'Sync user "
          "profile attributes at each login'.");
    CHECK_FALSE(check({{"user_metadata", {{"a", 1}}}}, google));
    CHECK_FALSE(check({{"name", "X"}}, github));
}

TEST_CASE("user_patch: email only for database users", "[user_patch]") {
    CHECK(message_of({{"email", "x@example.com"}}, github) == "Cannot update email for non-database user.");
    CHECK(message_of({{"password", "x"}}, github) == "Connection is not supported for this operation.");
    CHECK(message_of({{"email_verified", true}}, saml) == "Email verification is not supported for enterprise users.");
}

TEST_CASE("user_patch: the connection control field", "[user_patch]") {
    CHECK(message_of({{"connection", "nope"}, {"name", "x"}}) == "Connection does not exist.");
    CHECK(message_of({{"connection", "github"}, {"name", "x"}}) == "Connection is not supported for this operation.");
    const auto u = apply({{"connection", "Username-Password-Authentication"}, {"name", "x"}});
    CHECK_FALSE(u.contains("connection"));
}

TEST_CASE("user_patch: metadata key names", "[user_patch]") {
    CHECK(message_of({{"user_metadata", {{"a.b", 1}}}}).find("must not contain '.' or '$'") != std::string::npos);
    CHECK(message_of({{"app_metadata", {{"x", {{"$where", 1}}}}}}).find("$where") != std::string::npos);
    CHECK(message_of({{"app_metadata", {{"user_id", "x"}}}}).find("reserved") != std::string::npos);
    CHECK_FALSE(check({{"user_metadata", {{"site", "example.com"}}}}));
}

TEST_CASE("user_patch: email changes", "[user_patch]") {
    auto u = ada();
    const auto effects = apply_user_patch(u, {{"email", "Ada.New@Example.com"}}, database, now);
    CHECK(effects.email_changed);
    CHECK(u["email"] == "ada.new@example.com");
    CHECK(u["email_verified"] == false);
    u = ada();
    apply_user_patch(u, {{"email", "b@example.com"}, {"email_verified", true}}, database, now);
    CHECK(u["email_verified"] == true);
    u = ada();
    apply_user_patch(u, {{"verify_email", true}}, database, now);
    CHECK(u["email_verified"] == false);
    CHECK_FALSE(u.contains("verify_email"));
}

TEST_CASE("user_patch: password changes are reported, never stored in the profile", "[user_patch]") {
    auto u = ada();
    const auto effects = apply_user_patch(u, {{"password", "new-password"}}, database, now);
    CHECK(effects.password_changed);
    CHECK_FALSE(u.contains("password"));
    CHECK(u["last_password_reset"] == "2023-11-14T22:13:20.000Z");
}

TEST_CASE("user_patch: the 10 KB profile limit", "[user_patch]") {
    auto u = ada();
    CHECK_FALSE(check_profile_size(u));
    apply_user_patch(u, {{"user_metadata", {{"bio", std::string(10 * 1024, 'x')}}}}, database, now);
    const auto e = check_profile_size(u);
    REQUIRE(e);
    CHECK(e->status == 400);
    CHECK(e->message.find("10 KB") != std::string::npos);
}
