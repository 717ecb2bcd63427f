#include "profiledesk/core/profile_diff.hpp"

#include "profiledesk/core/metadata_merge.hpp"
#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using nlohmann::json;
using namespace profiledesk::core;

namespace {

field_schema test_schema() {
    const auto result = parse_schema(json{{"version", 1},
                                          {"fields",
                                           {{{"key", "bio"}, {"label", "Bio"}, {"type", "text"}},
                                            {{"key", "city"}, {"label", "City"}, {"type", "string"}},
                                            {{"key", "address"}, {"label", "Address"}, {"type", "string"}},
                                            {{"key", "newsletter"}, {"label", "News"}, {"type", "bool"}}}}},
                                     compile_std_regex);
    REQUIRE(result.ok());
    return *result.schema;
}

profile test_profile() {
    profile p;
    p.user_id = "auth0|abc";
    p.name = "Ada Lovelace";
    p.nickname = "ada";
    p.picture = "https://example.com/ada.png";
    p.updated_at = "2024-01-01T00:00:00.000Z";
    p.user_metadata = {
        {"bio", "Hi"}, {"address", {{"home", "1 Main St"}, {"work", "2 Side St"}}}, {"secret_flag", true}};
    return p;
}

}  // namespace

TEST_CASE("editable_values: root attributes and the schema's metadata, null where absent", "[profile_diff]") {
    const field_values v = editable_values(test_profile(), test_schema());
    CHECK(v == field_values{{"name", "Ada Lovelace"},
                            {"nickname", "ada"},
                            {"given_name", nullptr},
                            {"family_name", nullptr},
                            {"picture", "https://example.com/ada.png"},
                            {"user_metadata.bio", "Hi"},
                            {"user_metadata.city", nullptr},
                            {"user_metadata.address", {{"home", "1 Main St"}, {"work", "2 Side St"}}},
                            {"user_metadata.newsletter", nullptr}});
    SECTION("metadata the schema does not declare is left out") { CHECK(v.count("user_metadata.secret_flag") == 0); }
}

TEST_CASE("diff: only what changed, in the PATCH shape", "[profile_diff]") {
    const field_values before = editable_values(test_profile(), test_schema());
    field_values after = before;
    after["name"] = "Ada King";
    after["user_metadata.city"] = "London";
    after["user_metadata.newsletter"] = false;
    CHECK(diff(before, after) ==
          json{{"name", "Ada King"}, {"user_metadata", {{"city", "London"}, {"newsletter", false}}}});
}

TEST_CASE("diff: no change gives {}", "[profile_diff]") {
    const field_values values = editable_values(test_profile(), test_schema());
    CHECK(diff(values, values) == json::object());
    SECTION("a value set back to what it was is no change") {
        field_values after = values;
        after["user_metadata.bio"] = "Changed";
        after["user_metadata.bio"] = "Hi";
        CHECK(diff(values, after) == json::object());
    }
    SECTION("null and a missing entry are the same") {
        field_values after = values;
        after.erase("given_name");
        after.erase("user_metadata.city");
        CHECK(diff(values, after) == json::object());
    }
    SECTION("equal numbers of different JSON kinds are equal") {
        CHECK(diff({{"user_metadata.n", 1}}, {{"user_metadata.n", 1.0}}) == json::object());
    }
    SECTION("both empty") { CHECK(diff({}, {}) == json::object()); }
}

TEST_CASE("diff: a removed value is null", "[profile_diff]") {
    const field_values before = editable_values(test_profile(), test_schema());
    field_values after = before;
    after["user_metadata.bio"] = nullptr;
    CHECK(diff(before, after) == json{{"user_metadata", {{"bio", nullptr}}}});
    SECTION("also when the entry is gone") {
        after.erase("user_metadata.bio");
        after.erase("nickname");
        CHECK(diff(before, after) == json{{"nickname", nullptr}, {"user_metadata", {{"bio", nullptr}}}});
    }
}

TEST_CASE("diff: a nested metadata value is compared and sent whole", "[profile_diff]") {
    const field_values before = editable_values(test_profile(), test_schema());
    field_values after = before;
    after["user_metadata.address"]["work"] = "3 New St";
    CHECK(diff(before, after) == json{{"user_metadata", {{"address", {{"home", "1 Main St"}, {"work", "3 New St"}}}}}});
    SECTION("the same nested value is no change") {
        after["user_metadata.address"] = {{"work", "2 Side St"}, {"home", "1 Main St"}};
        CHECK(diff(before, after) == json::object());
    }
    SECTION("arrays are compared in order and sent whole") {
        const field_values b = {{"user_metadata.tags", {1, 2}}};
        CHECK(diff(b, {{"user_metadata.tags", {2, 1}}}) == json{{"user_metadata", {{"tags", {2, 1}}}}});
    }
}

TEST_CASE("diff: a value added where there was none", "[profile_diff]") {
    CHECK(diff({}, {{"given_name", "Ada"}}) == json{{"given_name", "Ada"}});
    CHECK(diff({}, {{"user_metadata.city", "Paris"}}) == json{{"user_metadata", {{"city", "Paris"}}}});
}

TEST_CASE("diff: an id that names nothing editable is a programming error", "[profile_diff]") {
    CHECK_THROWS_AS(diff({}, {{"email", "x@example.com"}}), std::invalid_argument);
    CHECK_THROWS_WITH(diff({{"app_metadata.plan", "a"}}, {}), Catch::StartsWith("[diff.unknown_field]"));
    CHECK_THROWS_AS(diff({}, {{"user_metadata.", 1}}), std::invalid_argument);
    SECTION("unchanged unknown ids are not inspected") { CHECK(diff({{"x", 1}}, {{"x", 1}}) == json::object()); }
}

TEST_CASE("change_values: changes flattened to field ids", "[profile_diff]") {
    CHECK(change_values({{"name", "x"}, {"user_metadata", {{"bio", nullptr}, {"city", "y"}}}}) ==
          field_values{{"name", "x"}, {"user_metadata.bio", nullptr}, {"user_metadata.city", "y"}});
    CHECK(change_values({{"app_metadata", {{"a", 1}}}, {"user_metadata", nullptr}}).empty());
    CHECK(change_values(json::array()).empty());
}

TEST_CASE("conflicts: fields changed elsewhere since the user loaded", "[profile_diff]") {
    const field_values base = editable_values(test_profile(), test_schema());
    field_values current = base;
    current["user_metadata.bio"] = "Edited in another tab";
    current["nickname"] = "countess";

    SECTION("the user changed a field someone else changed") {
        CHECK(conflicts(base, current, {{"user_metadata", {{"bio", "Mine"}}}}) ==
              std::vector<std::string>{"user_metadata.bio"});
    }
    SECTION("different fields do not conflict") {
        CHECK(conflicts(base, current, {{"name", "Ada K."}, {"user_metadata", {{"city", "Paris"}}}}).empty());
    }
    SECTION("several, sorted") {
        CHECK(conflicts(base, current, {{"user_metadata", {{"bio", "Mine"}}}, {"nickname", "a"}, {"name", "b"}}) ==
              std::vector<std::string>{"nickname", "user_metadata.bio"});
    }
    SECTION("removing a field someone else changed is a conflict") {
        CHECK(conflicts(base, current, {{"user_metadata", {{"bio", nullptr}}}}) ==
              std::vector<std::string>{"user_metadata.bio"});
    }
    SECTION("someone else removed the field the user edits") {
        current["user_metadata.bio"] = nullptr;
        CHECK(conflicts(base, current, {{"user_metadata", {{"bio", "Mine"}}}}) ==
              std::vector<std::string>{"user_metadata.bio"});
    }
    SECTION("both set the same value: nothing is lost, no conflict") {
        CHECK(conflicts(base, current, {{"nickname", "countess"}}).empty());
    }
    SECTION("a nested value changed elsewhere conflicts as a whole") {
        current["user_metadata.address"]["home"] = "9 Elsewhere";
        CHECK(conflicts(base, current,
                        {{"user_metadata", {{"address", {{"home", "1 Main St"}, {"work", "5 Mine St"}}}}}}) ==
              std::vector<std::string>{"user_metadata.address"});
    }
    SECTION("nothing changed elsewhere") { CHECK(conflicts(base, base, {{"user_metadata", {{"bio", "x"}}}}).empty()); }
}

TEST_CASE("conflicting_fields: the same rule on field ids, and without a known base", "[profile_diff]") {
    const field_values base = editable_values(test_profile(), test_schema());
    field_values current = base;
    current["user_metadata.bio"] = "Edited in another tab";
    current["nickname"] = "countess";

    SECTION("with the base: only fields changed elsewhere, not to the proposed value") {
        CHECK(conflicting_fields(base, current,
                                 {{"user_metadata.bio", "Mine"}, {"name", "b"}, {"nickname", "countess"}}) ==
              std::vector<std::string>{"user_metadata.bio"});
    }
    SECTION("the base unknown: every field whose current value differs from the proposed one, sorted") {
        CHECK(conflicting_fields(std::nullopt, current,
                                 {{"user_metadata.bio", "Mine"}, {"name", "b"}, {"nickname", "countess"}}) ==
              std::vector<std::string>{"name", "user_metadata.bio"});
    }
    SECTION("the base unknown and nothing differs: no conflict") {
        CHECK(conflicting_fields(std::nullopt, current, {{"nickname", "countess"}}).empty());
    }
    SECTION("the PATCH-shaped form gives the same answer") {
        CHECK(conflicts(base, current, {{"user_metadata", {{"bio", "Mine"}}}, {"name", "b"}}) ==
              conflicting_fields(base, current, {{"user_metadata.bio", "Mine"}, {"name", "b"}}));
    }
}

TEST_CASE("upstream_patch: root keys as they are, changed metadata keys only", "[profile_diff]") {
    const json changes = {
        {"name", "Ada"}, {"picture", nullptr}, {"user_metadata", {{"bio", nullptr}, {"address", {{"home", "x"}}}}}};
    CHECK(upstream_patch(changes) == changes);
}

TEST_CASE("upstream_patch: never user_metadata {} or null", "[profile_diff]") {
    CHECK(upstream_patch({{"user_metadata", json::object()}}) == json::object());
    CHECK(upstream_patch({{"user_metadata", nullptr}}) == json::object());
    CHECK(upstream_patch({{"name", "Ada"}, {"user_metadata", json::object()}}) == json{{"name", "Ada"}});
    CHECK(upstream_patch(json::object()) == json::object());
    SECTION("an empty nested value is a value, and is sent") {
        CHECK(upstream_patch({{"user_metadata", {{"address", json::object()}}}}) ==
              json{{"user_metadata", {{"address", json::object()}}}});
    }
}

TEST_CASE("upstream_patch: anything else never goes upstream", "[profile_diff]") {
    CHECK_THROWS_WITH(upstream_patch({{"app_metadata", {{"plan", "gold"}}}}), Catch::StartsWith("[diff.not_allowed]"));
    CHECK_THROWS_AS(upstream_patch({{"email", "x@example.com"}}), std::invalid_argument);
    CHECK_THROWS_AS(upstream_patch({{"Name", "Ada"}}), std::invalid_argument);
    CHECK_THROWS_AS(upstream_patch({{"user_metadata", "x"}}), std::invalid_argument);
    CHECK_THROWS_AS(upstream_patch(json::array()), std::invalid_argument);
}

TEST_CASE("diff + upstream_patch + Auth0's merge: the draft is what Auth0 stores", "[profile_diff]") {
    const profile p = test_profile();
    const field_values before = editable_values(p, test_schema());
    field_values after = before;
    after["user_metadata.bio"] = nullptr;
    after["user_metadata.city"] = "Paris";
    after["user_metadata.address"]["work"] = "3 New St";
    const json body = upstream_patch(diff(before, after));
    const json stored = merge_metadata(p.user_metadata, body["user_metadata"]);
    // The key outside the schema survives; the nested sibling survives; bio is gone.
    CHECK(stored ==
          json{{"address", {{"home", "1 Main St"}, {"work", "3 New St"}}}, {"city", "Paris"}, {"secret_flag", true}});
}
