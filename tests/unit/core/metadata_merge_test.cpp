#include "profiledesk/core/metadata_merge.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using nlohmann::json;
using profiledesk::core::invalid_metadata_key;
using profiledesk::core::merge_metadata;
using profiledesk::core::reserved_app_metadata_key;

TEST_CASE("merge_metadata: root keys are merged", "[metadata_merge]") {
    const json current = {{"city", "London"}, {"theme", "dark"}};
    CHECK(merge_metadata(current, {{"city", "Paris"}}) == json{{"city", "Paris"}, {"theme", "dark"}});
    CHECK(merge_metadata(current, {{"lang", "fr"}}) == json{{"city", "London"}, {"lang", "fr"}, {"theme", "dark"}});
}

TEST_CASE("merge_metadata: a nested object is replaced whole, never merged", "[metadata_merge]") {
    const json current = {{"addresses", {{"home", "1 Main St"}, {"work", "2 Side St"}}}};
    const json merged = merge_metadata(current, {{"addresses", {{"work", "3 New St"}}}});
    CHECK(merged == json{{"addresses", {{"work", "3 New St"}}}});
}

TEST_CASE("merge_metadata: arrays are replaced, not appended", "[metadata_merge]") {
    CHECK(merge_metadata({{"tags", {1, 2}}}, {{"tags", {3}}}) == json{{"tags", {3}}});
}

TEST_CASE("merge_metadata: a null root value deletes the key", "[metadata_merge]") {
    const json current = {{"city", "London"}, {"theme", "dark"}};
    CHECK(merge_metadata(current, {{"city", nullptr}}) == json{{"theme", "dark"}});
    SECTION("deleting a key that is not there is not an error") {
        CHECK(merge_metadata(current, {{"nope", nullptr}}) == current);
    }
}

TEST_CASE("merge_metadata: {} wipes everything", "[metadata_merge]") {
    CHECK(merge_metadata({{"city", "London"}}, json::object()) == json::object());
}

TEST_CASE("merge_metadata: nulls nested in a replaced value are kept as sent", "[metadata_merge]") {
    const json merged = merge_metadata({{"a", {{"x", 1}}}}, {{"a", {{"x", nullptr}}}});
    CHECK(merged == json{{"a", {{"x", nullptr}}}});
}

TEST_CASE("merge_metadata: a missing current value counts as {}", "[metadata_merge]") {
    CHECK(merge_metadata(nullptr, {{"k", "v"}}) == json{{"k", "v"}});
}

TEST_CASE("merge_metadata: a patch that is not an object is refused", "[metadata_merge]") {
    CHECK_THROWS_AS(merge_metadata(json::object(), nullptr), std::invalid_argument);
    CHECK_THROWS_AS(merge_metadata(json::object(), json::array()), std::invalid_argument);
    CHECK_THROWS_WITH(merge_metadata(json::object(), "x"), Catch::Contains("[metadata.not_object]"));
}

TEST_CASE("invalid_metadata_key: dots and dollars are refused at any depth", "[metadata_merge]") {
    CHECK_FALSE(invalid_metadata_key({{"city", "a.b$c"}}));  // values may hold them
    CHECK(invalid_metadata_key({{"a.b", 1}}) == std::optional<std::string>("a.b"));
    CHECK(invalid_metadata_key({{"$set", 1}}) == std::optional<std::string>("$set"));
    CHECK(invalid_metadata_key({{"ok", {{"in.ner", 1}}}}) == std::optional<std::string>("in.ner"));
    CHECK(invalid_metadata_key({{"list", json::array({json{{"x$", 1}}})}}) == std::optional<std::string>("x$"));
    CHECK_FALSE(invalid_metadata_key(json::object()));
}

TEST_CASE("reserved_app_metadata_key: reserved root names are refused", "[metadata_merge]") {
    CHECK(reserved_app_metadata_key({{"plan", "gold"}, {"user_id", "x"}}) == std::optional<std::string>("user_id"));
    CHECK(reserved_app_metadata_key({{"__tenant", 1}}) == std::optional<std::string>("__tenant"));
    CHECK_FALSE(reserved_app_metadata_key({{"plan", "gold"}}));
    SECTION("deleting a reserved key (null) is allowed") {
        CHECK_FALSE(reserved_app_metadata_key({{"email", nullptr}}));
    }
    SECTION("only root keys are reserved") { CHECK_FALSE(reserved_app_metadata_key({{"x", {{"email", 1}}}})); }
}
