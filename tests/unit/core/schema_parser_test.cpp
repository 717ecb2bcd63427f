// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/schema_parser.hpp"

#include "profiledesk/core/std_regex_pattern.hpp"

#include <catch2/catch.hpp>

#include <string>

using nlohmann::json;
using namespace profiledesk::core;

namespace {

// A schema with one field `f` (plus the given groups).
json one_field(json f, json groups = json::array()) {
    return {{"version", 1}, {"groups", std::move(groups)}, {"fields", json::array({std::move(f)})}};
}

// The single error parsing `j` gives; fails the test when there is not exactly one.
std::string only_error(const json& j) {
    const auto result = parse_schema(j, compile_std_regex);
    CHECK_FALSE(result.ok());
    CHECK_FALSE(result.schema);
    REQUIRE(result.errors.size() == 1);
    return result.errors.front();
}

}  // namespace

TEST_CASE("parse_schema: a complete field is read with every property", "[field_schema]") {
    const json j = one_field({{"key", "bio"},
                              {"label", "About me"},
                              {"type", "text"},
                              {"required", true},
                              {"max_length", 500},
                              {"pattern", "[^<>]*"},
                              {"pattern_message", "No angle brackets."},
                              {"help", "A few words."},
                              {"group", "about"},
                              {"placeholder", "I like..."}},
                             json::array({{{"id", "about"}, {"label", "About you"}}}));
    const auto result = parse_schema(j, compile_std_regex);
    REQUIRE(result.ok());
    REQUIRE(result.schema);
    const auto& s = *result.schema;
    CHECK(s.version == 1);
    REQUIRE(s.groups.size() == 1);
    CHECK(s.groups[0] == field_group{"about", "About you"});
    REQUIRE(s.fields.size() == 1);
    const auto& f = s.fields[0];
    CHECK(f.key == "bio");
    CHECK(f.label == "About me");
    CHECK(f.type == field_type::text);
    CHECK(f.required);
    CHECK(f.max_length == std::optional<std::size_t>(500));
    CHECK(f.pattern == std::optional<std::string>("[^<>]*"));
    CHECK(f.matcher != nullptr);
    REQUIRE(f.pattern_message);
    CHECK(*f.pattern_message == localized_text("No angle brackets."));
    CHECK(f.help == "A few words.");
    CHECK(f.group == "about");
    CHECK(f.placeholder == "I like...");
}

TEST_CASE("parse_schema: every type name is known", "[field_schema]") {
    for (const char* name : {"string", "text", "email", "phone", "url", "bool", "date", "number"}) {
        CAPTURE(name);
        const auto result = parse_schema(one_field({{"key", "k"}, {"label", "K"}, {"type", name}}), compile_std_regex);
        REQUIRE(result.ok());
        CHECK(to_string(result.schema->fields[0].type) == name);
    }
    const auto e = parse_schema(one_field({{"key", "k"}, {"label", "K"}, {"type", "enum"}, {"options", {"a"}}}),
                                compile_std_regex);
    REQUIRE(e.ok());
    CHECK(e.schema->fields[0].type == field_type::enumeration);
}

TEST_CASE("parse_schema: an unknown or missing type is refused", "[field_schema]") {
    CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "color"}})),
               Catch::StartsWith("[schema.type] field 'k': unknown type \"color\""));
    SECTION("type names are case-sensitive") {
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "String"}})),
                   Catch::StartsWith("[schema.type]"));
    }
    SECTION("missing") {
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}})),
                   Catch::StartsWith("[schema.type] field 'k': unknown type nothing"));
    }
}

TEST_CASE("parse_schema: keys must be valid metadata keys", "[field_schema]") {
    SECTION("no dot") {
        CHECK_THAT(only_error(one_field({{"key", "a.b"}, {"label", "K"}, {"type", "string"}})),
                   Catch::StartsWith("[schema.key] field #1: key 'a.b' must not contain '.' or '$'"));
    }
    SECTION("no dollar") {
        CHECK_THAT(only_error(one_field({{"key", "$set"}, {"label", "K"}, {"type", "string"}})),
                   Catch::StartsWith("[schema.key]"));
    }
    SECTION("not empty") {
        CHECK_THAT(only_error(one_field({{"key", ""}, {"label", "K"}, {"type", "string"}})),
                   Catch::Contains("must not be empty"));
    }
    SECTION("at most 64 characters, counted as code points") {
        CHECK(parse_schema(one_field({{"key", std::string(64, 'k')}, {"label", "K"}, {"type", "string"}}),
                           compile_std_regex)
                  .ok());
        CHECK_THAT(only_error(one_field({{"key", std::string(65, 'k')}, {"label", "K"}, {"type", "string"}})),
                   Catch::Contains("at most 64"));
        std::string cyrillic;
        for (int i = 0; i < 64; ++i) cyrillic += "ж";  // 128 bytes, 64 code points
        CHECK(parse_schema(one_field({{"key", cyrillic}, {"label", "K"}, {"type", "string"}}), compile_std_regex).ok());
    }
    SECTION("no control characters") {
        CHECK_THAT(only_error(one_field({{"key", "a\nb"}, {"label", "K"}, {"type", "string"}})),
                   Catch::Contains("control characters"));
    }
    SECTION("a string") {
        CHECK_THAT(only_error(one_field({{"key", 7}, {"label", "K"}, {"type", "string"}})),
                   Catch::StartsWith("[schema.key] field #1: 'key' must be a string"));
    }
    SECTION("a root attribute name is a fine metadata key") {
        CHECK(
            parse_schema(one_field({{"key", "name"}, {"label", "Name"}, {"type", "string"}}), compile_std_regex).ok());
    }
}

TEST_CASE("parse_schema: duplicate keys are refused", "[field_schema]") {
    const json j = {{"version", 1},
                    {"fields",
                     {{{"key", "bio"}, {"label", "A"}, {"type", "text"}},
                      {{"key", "city"}, {"label", "B"}, {"type", "string"}},
                      {{"key", "bio"}, {"label", "C"}, {"type", "string"}}}}};
    CHECK(only_error(j) == "[schema.duplicate_key] field 'bio': the key is declared twice (fields 1 and 3)");
}

TEST_CASE("parse_schema: keys differing only in case are refused", "[field_schema]") {
    const json j = {
        {"version", 1},
        {"fields",
         {{{"key", "bio"}, {"label", "A"}, {"type", "text"}}, {{"key", "Bio"}, {"label", "B"}, {"type", "text"}}}}};
    CHECK_THAT(only_error(j), Catch::StartsWith("[schema.case_variant_key] field 'Bio': differs from field 'bio'"));
    SECTION("keys stay case-sensitive: find does not fold case") {
        const auto result = parse_schema(one_field({{"key", "bio"}, {"label", "A"}, {"type", "text"}}),
                                         compile_std_regex);
        REQUIRE(result.ok());
        CHECK(result.schema->find("bio") != nullptr);
        CHECK(result.schema->find("Bio") == nullptr);
        CHECK(result.schema->find("BIO") == nullptr);
    }
}

TEST_CASE("parse_schema: an enum needs options", "[field_schema]") {
    SECTION("missing") {
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "enum"}})),
                   Catch::StartsWith("[schema.options] field 'k': an enum needs a non-empty 'options' array"));
    }
    SECTION("empty") {
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "enum"}, {"options", json::array()}})),
                   Catch::StartsWith("[schema.options]"));
    }
    SECTION("plain strings and {value, label} mix; a plain string is its own label") {
        const auto result = parse_schema(
            one_field({{"key", "k"},
                       {"label", "K"},
                       {"type", "enum"},
                       {"options", {"a", {{"value", "b"}, {"label", "Bee"}}, {{"value", "c"}}}}}),
            compile_std_regex);
        REQUIRE(result.ok());
        const auto& options = result.schema->fields[0].options;
        REQUIRE(options.size() == 3);
        CHECK(options[0] == field_option{"a", "a"});
        CHECK(options[1] == field_option{"b", "Bee"});
        CHECK(options[2] == field_option{"c", "c"});
    }
    SECTION("duplicate values") {
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "enum"}, {"options", {"a", "a"}}})),
                   Catch::Contains("option 'a' is listed twice"));
    }
    SECTION("malformed options") {
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "enum"}, {"options", {1}}})),
                   Catch::StartsWith("[schema.options]"));
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "enum"}, {"options", {""}}})),
                   Catch::StartsWith("[schema.options]"));
    }
    SECTION("options on another type") {
        CHECK_THAT(only_error(one_field({{"key", "k"}, {"label", "K"}, {"type", "string"}, {"options", {"a"}}})),
                   Catch::StartsWith("[schema.not_applicable] field 'k': 'options' does not apply to type 'string'"));
    }
}

TEST_CASE("parse_schema: min and max", "[field_schema]") {
    SECTION("numbers for a number field") {
        const auto result = parse_schema(
            one_field({{"key", "n"}, {"label", "N"}, {"type", "number"}, {"min", 0}, {"max", 2.5}}), compile_std_regex);
        REQUIRE(result.ok());
        CHECK(result.schema->fields[0].min == std::optional<double>(0));
        CHECK(result.schema->fields[0].max == std::optional<double>(2.5));
    }
    SECTION("min equal to max is fine") {
        CHECK(parse_schema(one_field({{"key", "n"}, {"label", "N"}, {"type", "number"}, {"min", 3}, {"max", 3}}),
                           compile_std_regex)
                  .ok());
    }
    SECTION("min greater than max") {
        CHECK(only_error(one_field({{"key", "n"}, {"label", "N"}, {"type", "number"}, {"min", 10}, {"max", 1}})) ==
              "[schema.min_max] field 'n': 'min' is greater than 'max'");
    }
    SECTION("ISO dates for a date field") {
        const auto result = parse_schema(
            one_field({{"key", "d"}, {"label", "D"}, {"type", "date"}, {"min", "1900-01-01"}, {"max", "2024-02-29"}}),
            compile_std_regex);
        REQUIRE(result.ok());
        CHECK(result.schema->fields[0].min_date == std::optional<std::string>("1900-01-01"));
        CHECK(result.schema->fields[0].max_date == std::optional<std::string>("2024-02-29"));
    }
    SECTION("date min after date max") {
        CHECK_THAT(only_error(one_field(
                       {{"key", "d"}, {"label", "D"}, {"type", "date"}, {"min", "2000-01-02"}, {"max", "2000-01-01"}})),
                   Catch::StartsWith("[schema.min_max]"));
    }
    SECTION("a date bound that is not a real date") {
        CHECK_THAT(only_error(one_field({{"key", "d"}, {"label", "D"}, {"type", "date"}, {"max", "2023-02-29"}})),
                   Catch::StartsWith("[schema.min_max] field 'd': 'max' must be a date"));
        CHECK_THAT(only_error(one_field({{"key", "d"}, {"label", "D"}, {"type", "date"}, {"min", 1900}})),
                   Catch::StartsWith("[schema.min_max]"));
    }
    SECTION("a number bound that is a string") {
        CHECK_THAT(only_error(one_field({{"key", "n"}, {"label", "N"}, {"type", "number"}, {"min", "0"}})),
                   Catch::StartsWith("[schema.min_max] field 'n': 'min' must be a number"));
    }
    SECTION("min on a text field") {
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"min", 1}})),
                   Catch::StartsWith("[schema.not_applicable] field 's': 'min' does not apply to type 'string'"));
    }
}

namespace {
// A pattern_compiler that refuses everything, like an engine over its size limit.
std::shared_ptr<const pattern_matcher> refusing_compiler(const std::string&, std::string& error) {
    error = "pattern too large";
    return nullptr;
}
}  // namespace

TEST_CASE("parse_schema: pattern", "[field_schema]") {
    SECTION("syntax outside the subset both engines share (pattern_syntax.hpp)") {
        CHECK(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"pattern", "(a"}})) ==
              "[schema.pattern] field 's': 'pattern' has a '(' without its ')'");
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"pattern", "[z-a]"}})),
                   Catch::StartsWith("[schema.pattern] field 's': 'pattern' has a character range out of order"));
    }
    SECTION("what can take exponential time is refused") {
        CHECK(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"pattern", "(a|a)*b"}})) ==
              "[schema.pattern] field 's': 'pattern' repeats a group that holds alternatives (like (a|aa)*), which "
              "can take exponential time; use a character class instead, like [ab]* for (a|b)*");
    }
    SECTION("a pattern the engine refuses, with the engine's reason") {
        const auto result = parse_schema(
            one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"pattern", "a+"}}), refusing_compiler);
        REQUIRE(result.errors.size() == 1);
        CHECK(result.errors.front() ==
              "[schema.pattern] field 's': 'pattern' is not a valid regular expression (pattern too large)");
    }
    SECTION("on a type that is not text") {
        CHECK_THAT(only_error(one_field({{"key", "b"}, {"label", "B"}, {"type", "bool"}, {"pattern", "x"}})),
                   Catch::StartsWith("[schema.not_applicable]"));
    }
    SECTION("pattern_message without a pattern") {
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"pattern_message", "x"}})),
                   Catch::StartsWith("[schema.not_applicable] field 's': 'pattern_message' needs a 'pattern'"));
    }
}

TEST_CASE("parse_schema: max_length", "[field_schema]") {
    CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"max_length", 0}})),
               Catch::StartsWith("[schema.max_length]"));
    CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"max_length", 10001}})),
               Catch::StartsWith("[schema.max_length]"));
    CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"max_length", 1.5}})),
               Catch::StartsWith("[schema.max_length]"));
    CHECK_THAT(only_error(one_field({{"key", "d"}, {"label", "D"}, {"type", "date"}, {"max_length", 10}})),
               Catch::StartsWith("[schema.not_applicable] field 'd': 'max_length' does not apply to type 'date'"));
    SECTION("the type's default applies when unset") {
        const auto result = parse_schema(one_field({{"key", "s"}, {"label", "S"}, {"type", "text"}}),
                                         compile_std_regex);
        REQUIRE(result.ok());
        CHECK_FALSE(result.schema->fields[0].max_length);
        CHECK(result.schema->fields[0].effective_max_length() == 2000);
    }
}

TEST_CASE("parse_schema: an unknown property is a typo, not ignored", "[field_schema]") {
    CHECK(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"maxLength", 5}})) ==
          "[schema.unknown_property] field 's': unknown property 'maxLength'");
    SECTION("at the top level") {
        json j = one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}});
        j["feilds"] = json::array();
        CHECK(only_error(j) == "[schema.unknown_property] the schema: unknown property 'feilds'");
    }
}

TEST_CASE("parse_schema: groups", "[field_schema]") {
    SECTION("a field in an undeclared group") {
        CHECK(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"group", "nope"}})) ==
              "[schema.unknown_group] field 's': group 'nope' is not declared in 'groups'");
    }
    SECTION("a group declared twice") {
        const json groups = {{{"id", "a"}, {"label", "A"}}, {{"id", "a"}, {"label", "B"}}};
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}}, groups)),
                   Catch::StartsWith("[schema.group] group 'a': the id is declared twice"));
    }
    SECTION("a group without a label") {
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}}, {{{"id", "a"}}})),
                   Catch::StartsWith("[schema.group] group #1: 'label'"));
    }
}

TEST_CASE("parse_schema: the document itself", "[field_schema]") {
    CHECK_THAT(only_error(json::array()), Catch::StartsWith("[schema.not_object]"));
    CHECK(only_error({{"version", 2}, {"fields", json::array()}}) ==
          "[schema.version] the schema: 'version' must be 1");
    CHECK(only_error({{"fields", json::array()}}) == "[schema.version] the schema: 'version' must be 1");
    CHECK(only_error({{"version", 1}}) == "[schema.fields] the schema: 'fields' must be an array");
    SECTION("no fields at all is a valid schema: no metadata is editable") {
        const auto result = parse_schema(json{{"version", 1}, {"fields", json::array()}}, compile_std_regex);
        REQUIRE(result.ok());
        CHECK(result.schema->fields.empty());
    }
    SECTION("text that is not JSON") {
        const auto result = parse_schema(std::string_view("{\"version\": 1,"), compile_std_regex);
        REQUIRE(result.errors.size() == 1);
        CHECK_THAT(result.errors[0], Catch::StartsWith("[schema.json] the schema: not valid JSON"));
    }
    SECTION("a number too large for a double (found by fuzzing: it threw, and stopped the server at start)") {
        const auto result = parse_schema(std::string_view("{\"version\": 1e9999, \"fields\": []}"), compile_std_regex);
        REQUIRE(result.errors.size() == 1);
        CHECK_THAT(result.errors[0], Catch::StartsWith("[schema.json] the schema: not valid JSON"));
    }
    SECTION("a missing label") {
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"type", "string"}})),
                   Catch::StartsWith("[schema.label] field 's': 'label' must be a non-empty string"));
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "  "}, {"type", "string"}})),
                   Catch::StartsWith("[schema.label]"));
    }
    SECTION("required must be a boolean") {
        CHECK_THAT(only_error(one_field({{"key", "s"}, {"label", "S"}, {"type", "string"}, {"required", "yes"}})),
                   Catch::StartsWith("[schema.field] field 's': 'required' must be true or false"));
    }
}

TEST_CASE("parse_schema: every problem is reported at once", "[field_schema]") {
    const json j = {{"version", 1},
                    {"fields",
                     {{{"key", "a.b"}, {"label", "A"}, {"type", "string"}},
                      {{"key", "n"}, {"label", "N"}, {"type", "number"}, {"min", 5}, {"max", 1}},
                      {{"key", "e"}, {"label", "E"}, {"type", "enum"}},
                      {{"key", "ok"}, {"label", "OK"}, {"type", "bool"}}}}};
    const auto result = parse_schema(j, compile_std_regex);
    CHECK_FALSE(result.schema);
    REQUIRE(result.errors.size() == 3);
    CHECK_THAT(result.errors[0], Catch::StartsWith("[schema.key]"));
    CHECK_THAT(result.errors[1], Catch::StartsWith("[schema.min_max] field 'n'"));
    CHECK_THAT(result.errors[2], Catch::StartsWith("[schema.options] field 'e'"));
}

TEST_CASE("parse_schema: texts people read may be given per language", "[field_schema]") {
    const json j = one_field({{"key", "city"},
                              {"label", {{"en", "City"}, {"fr", "Ville"}}},
                              {"type", "string"},
                              {"pattern", "[A-Za-z ]+"},
                              {"pattern_message", {{"en", "Letters only."}, {"de", "Nur Buchstaben."}}},
                              {"help", {{"en", "Where you live."}, {"fr-CA", "Où vous habitez."}}},
                              {"placeholder", {{"ja", "東京"}}},
                              {"group", "g"}},
                             json::array({{{"id", "g"}, {"label", {{"en", "Contact"}, {"es", "Contacto"}}}}}));
    const auto result = parse_schema(j, compile_std_regex);
    INFO((result.errors.empty() ? std::string() : result.errors.front()));
    REQUIRE(result.ok());
    const auto& f = result.schema->fields[0];
    CHECK(resolve(f.label, "fr") == "Ville");
    CHECK(resolve(f.label, "fr-BE") == "Ville");  // by the primary subtag
    CHECK(resolve(f.label, "ja") == "City");      // no Japanese: English
    CHECK(resolve(*f.pattern_message, "de") == "Nur Buchstaben.");
    CHECK(resolve(f.help, "fr") == "Où vous habitez.");  // fr-CA serves fr
    CHECK(resolve(f.placeholder, "en") == "東京");       // no English: the first tag
    CHECK(resolve(result.schema->groups[0].label, "es") == "Contacto");

    SECTION("an option's label") {
        const auto r = parse_schema(
            one_field({{"key", "e"},
                       {"label", "E"},
                       {"type", "enum"},
                       {"options", {{{"value", "x"}, {"label", {{"en", "Ex"}, {"ar", "إكس"}}}}, "y"}}}),
            compile_std_regex);
        REQUIRE(r.ok());
        CHECK(resolve(r.schema->fields[0].find_option("x")->label, "ar") == "إكس");
        CHECK(resolve(r.schema->fields[0].find_option("y")->label, "ar") == "y");
    }
}

TEST_CASE("parse_schema: a text per language is checked like a plain one", "[field_schema]") {
    const auto with = [](const char* name, json value) {
        json f = {{"key", "s"}, {"label", "S"}, {"type", "string"}, {"pattern", "a"}};
        f[name] = std::move(value);
        return one_field(std::move(f));
    };
    // A blank label in any language, a text that is not a string, a tag that is not one, no languages at all.
    CHECK_THAT(only_error(with("label", {{"en", "S"}, {"fr", " "}})), Catch::StartsWith("[schema.label] field 's'"));
    CHECK_THAT(only_error(with("label", {{"en", 1}})), Catch::StartsWith("[schema.label] field 's'"));
    CHECK_THAT(only_error(with("label", json::object())), Catch::StartsWith("[schema.label] field 's'"));
    CHECK_THAT(only_error(with("help", {{"not a tag", "x"}})),
               Catch::StartsWith("[schema.field] field 's': 'help' must be a string, or an object of language tag"));
    CHECK_THAT(only_error(with("placeholder", json::array({"x"}))), Catch::StartsWith("[schema.field] field 's'"));
    CHECK_THAT(only_error(with("pattern_message", {{"en", ""}})), Catch::StartsWith("[schema.pattern] field 's'"));
    CHECK_THAT(only_error(one_field({{"key", "e"},
                                     {"label", "E"},
                                     {"type", "enum"},
                                     {"options", {{{"value", "x"}, {"label", {{"en", ""}}}}}}})),
               Catch::StartsWith("[schema.options] field 'e'"));
    CHECK_THAT(only_error(json{{"version", 1},
                               {"groups", json::array({{{"id", "g"}, {"label", {{"en", 2}}}}})},
                               {"fields", json::array()}}),
               Catch::StartsWith("[schema.group] group #1"));
    // Help may be empty in a language (as a plain help may be "").
    CHECK(parse_schema(with("help", {{"en", ""}}), compile_std_regex).ok());
}
