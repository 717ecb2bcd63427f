#include "profiledesk/core/edit_policy.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::core;

namespace {

connection_info database() { return {"Username-Password-Authentication", "auth0", false, ""}; }
connection_info passwordless() { return {"email", "email", false, ""}; }
connection_info google_synced() { return {"google-oauth2", "google-oauth2", true, "on_each_login"}; }
connection_info github_first_login() { return {"github", "github", true, "on_first_login"}; }
connection_info enterprise_unset() { return {"acme-saml", "samlp", false, ""}; }

}  // namespace

TEST_CASE("edit_policy: connection kinds come from the strategy", "[edit_policy]") {
    CHECK(kind_of(database()) == connection_kind::database);
    CHECK(kind_of(passwordless()) == connection_kind::passwordless);
    CHECK(kind_of({"sms", "sms", false, ""}) == connection_kind::passwordless);
    CHECK(kind_of(google_synced()) == connection_kind::upstream);
    CHECK(kind_of(enterprise_unset()) == connection_kind::upstream);
}

TEST_CASE("edit_policy: synced root attributes", "[edit_policy]") {
    CHECK(can_write_synced_root_attributes(database()));
    CHECK(can_write_synced_root_attributes(passwordless()));
    CHECK_FALSE(can_write_synced_root_attributes(google_synced()));
    CHECK(can_write_synced_root_attributes(github_first_login()));
    CHECK(can_write_synced_root_attributes({"x", "oidc", false, "never_on_login"}));
    SECTION("unset means on_each_login, Auth0's default") {
        CHECK_FALSE(can_write_synced_root_attributes(enterprise_unset()));
    }
    SECTION("the setting does not matter for database connections") {
        auto c = database();
        c.set_user_root_attributes = "on_each_login";
        CHECK(can_write_synced_root_attributes(c));
    }
}

TEST_CASE("edit_policy: email is for database users only", "[edit_policy]") {
    CHECK(can_write_email(database()));
    CHECK_FALSE(can_write_email(passwordless()));
    CHECK_FALSE(can_write_email(github_first_login()));
    CHECK_FALSE(can_write_email(google_synced()));
}

TEST_CASE("edit_policy: Auth0's message for synced attributes", "[edit_policy]") {
    CHECK(root_attributes_message({"picture", "given_name", "name", "family_name", "nickname"}) ==
          "The following user attributes cannot be updated: family_name, given_name, name, nickname, picture. "
          "The connection must either be a database connection (using the Auth0 store), a passwordless connection "
          "(email or sms) or has disabled 'Sync user profile attributes at each login'.");
    CHECK(
        root_attributes_message({"name", "name"}).rfind("The following user attributes cannot be updated: name. ", 0) ==
        0);
}

TEST_CASE("edit_policy: root_attribute_write_problem", "[edit_policy]") {
    SECTION("database users may write everything") {
        CHECK_FALSE(root_attribute_write_problem(database(), {"name", "email", "picture", "user_metadata"}));
    }
    SECTION("a synced social user may not write names; only the ones sent are named") {
        const auto problem = root_attribute_write_problem(google_synced(), {"user_metadata", "nickname", "name"});
        REQUIRE(problem);
        CHECK(problem->rfind("The following user attributes cannot be updated: name, nickname. ", 0) == 0);
    }
    SECTION("a synced social user may still write user_metadata") {
        CHECK_FALSE(root_attribute_write_problem(google_synced(), {"user_metadata"}));
    }
    SECTION("email for a non-database user") {
        CHECK(root_attribute_write_problem(github_first_login(), {"email"}) ==
              std::optional<std::string>("Cannot update email for non-database user."));
        CHECK_FALSE(root_attribute_write_problem(github_first_login(), {"name"}));
    }
    SECTION("synced attributes are reported before email") {
        const auto problem = root_attribute_write_problem(google_synced(), {"email", "picture"});
        REQUIRE(problem);
        CHECK(problem->find("picture") != std::string::npos);
    }
}

TEST_CASE("edit_policy: editability with a reason code", "[edit_policy]") {
    CHECK(editability(database(), "name").editable);
    CHECK(editability(google_synced(), "name").reason == "synced_from_identity_provider");
    CHECK(editability(github_first_login(), "email").reason == "email_not_database");
    CHECK(editability(github_first_login(), "picture").editable);
    CHECK(editability(google_synced(), "user_metadata").editable);
}
