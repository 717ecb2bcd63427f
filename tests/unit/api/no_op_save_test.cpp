#include "api/no_op_save.hpp"

#include <catch2/catch.hpp>

using nlohmann::json;
using profiledesk::api::changes_nothing;
using profiledesk::core::field_values;

namespace {

const field_values base{{"name", "Ada"}, {"nickname", nullptr}, {"user_metadata.city", "London"}};

}  // namespace

TEST_CASE("no_op_save: a save naming no field changes nothing, whatever is known") {
    CHECK(changes_nothing(json::object(), std::nullopt));
    CHECK(changes_nothing({{"user_metadata", json::object()}}, std::nullopt));
    CHECK(changes_nothing(json::object(), base));
}

TEST_CASE("no_op_save: values equal to the edited version's change nothing") {
    CHECK(changes_nothing({{"name", "Ada"}}, base));
    CHECK(changes_nothing({{"name", "Ada"}, {"user_metadata", {{"city", "London"}}}}, base));
    SECTION("null and a missing entry are both no value") {
        CHECK(changes_nothing({{"nickname", nullptr}}, base));
        CHECK(changes_nothing({{"given_name", nullptr}}, base));
    }
}

TEST_CASE("no_op_save: any different value is a change") {
    CHECK_FALSE(changes_nothing({{"name", "Ada L."}}, base));
    CHECK_FALSE(changes_nothing({{"name", "Ada"}, {"user_metadata", {{"city", "Paris"}}}}, base));
    CHECK_FALSE(changes_nothing({{"name", nullptr}}, base));
    CHECK_FALSE(changes_nothing({{"nickname", "ada"}}, base));
}

TEST_CASE("no_op_save: without the edited version's values, a non-empty save is a change") {
    CHECK_FALSE(changes_nothing({{"name", "Ada"}}, std::nullopt));
}
