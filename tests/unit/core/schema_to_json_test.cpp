// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/schema_to_json.hpp"

#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"

#include <catch2/catch.hpp>

#include <string>

using nlohmann::json;
using namespace profiledesk::core;

TEST_CASE("schema_to_json: canonical form that parses back to the same schema", "[field_schema]") {
    const json j = {
        {"version", 1},
        {"groups", {{{"id", "g"}, {"label", "G"}}}},
        {"fields",
         {{{"key", "e"}, {"label", "E"}, {"type", "enum"}, {"options", {"x", {{"value", "y"}, {"label", "Why"}}}}},
          {{"key", "n"}, {"label", "N"}, {"type", "number"}, {"min", -1}, {"max", 2.5}, {"group", "g"}},
          {{"key", "d"}, {"label", "D"}, {"type", "date"}, {"min", "2000-01-01"}},
          {{"key", "s"}, {"label", "S"}, {"type", "string"}, {"required", false}, {"pattern", "a+"}}}}};
    const auto first = parse_schema(j, compile_std_regex);
    REQUIRE(first.ok());
    const json out = schema_to_json(*first.schema);
    CHECK(out["fields"][0]["options"] ==
          json::array({{{"value", "x"}, {"label", "x"}}, {{"value", "y"}, {"label", "Why"}}}));
    CHECK(out["fields"][1]["min"].is_number_integer());  // -1, not -1.0
    CHECK(out["fields"][1]["max"] == 2.5);
    CHECK(out["fields"][2]["min"] == "2000-01-01");
    CHECK_FALSE(out["fields"][2].contains("max"));
    CHECK_FALSE(out["fields"][3].contains("required"));  // false is left out
    CHECK_FALSE(out["fields"][3].contains("help"));
    const auto second = parse_schema(out, compile_std_regex);
    REQUIRE(second.ok());
    CHECK(schema_to_json(*second.schema) == out);
}

TEST_CASE("schema_to_json: texts per language are written back in the shape they were read", "[field_schema]") {
    const json j = {{"version", 1},
                    {"groups", {{{"id", "g"}, {"label", {{"en", "Contact"}, {"fr", "Contact"}}}}}},
                    {"fields",
                     {{{"key", "city"},
                       {"label", {{"en", "City"}, {"fr", "Ville"}}},
                       {"type", "string"},
                       {"group", "g"},
                       {"pattern", "[a-z]+"},
                       {"pattern_message", {{"en", "Lower case."}, {"de", "Kleinbuchstaben."}}},
                       {"help", {{"en", "Where."}, {"es", "Dónde."}}},
                       {"placeholder", "Paris"}},
                      {{"key", "e"},
                       {"label", "E"},
                       {"type", "enum"},
                       {"options", {{{"value", "x"}, {"label", {{"ja", "エックス"}}}}}}}}}};
    const auto parsed = parse_schema(j, compile_std_regex);
    REQUIRE(parsed.ok());
    const json out = schema_to_json(*parsed.schema);
    CHECK(out["groups"][0]["label"] == j["groups"][0]["label"]);
    for (const char* name : {"label", "pattern_message", "help", "placeholder"}) {
        CAPTURE(name);
        CHECK(out["fields"][0][name] == j["fields"][0][name]);
    }
    CHECK(out["fields"][1]["options"][0]["label"] == json({{"ja", "エックス"}}));
    const auto again = parse_schema(out, compile_std_regex);
    REQUIRE(again.ok());
    CHECK(schema_to_json(*again.schema) == out);
}
