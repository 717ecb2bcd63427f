// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/default_schema.hpp"

#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"

#include <catch2/catch.hpp>

#include <string>

using nlohmann::json;
using namespace profiledesk::core;

TEST_CASE("default schema: valid, and what it documents", "[field_schema]") {
    const auto result = parse_schema(default_schema_json(), compile_std_regex);
    INFO((result.errors.empty() ? std::string() : result.errors.front()));
    REQUIRE(result.ok());
    const field_schema s = default_schema(compile_std_regex);
    CHECK(s.groups.size() == 3);
    CHECK(s.groups[0].label == "About you");
    CHECK(s.groups[1].label == "Contact");
    CHECK(s.groups[2].label == "Preferences");
    for (const char* key : {"display_title", "bio", "pronouns", "birthday", "phone", "website", "city", "language",
                            "timezone", "newsletter"}) {
        CAPTURE(key);
        const field_def* f = s.find(key);
        REQUIRE(f != nullptr);
        CHECK_FALSE(f->group.empty());
        CHECK_FALSE(f->required);
    }
    CHECK(s.find("bio")->type == field_type::text);
    CHECK(s.find("bio")->max_length == std::optional<std::size_t>(500));
    CHECK(s.find("phone")->type == field_type::phone);
    CHECK(s.find("website")->type == field_type::url);
    CHECK(s.find("birthday")->type == field_type::date);
    CHECK(s.find("newsletter")->type == field_type::boolean);
    CHECK(s.find("language")->find_option("fr")->label == "Français");
}
