// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/default_schema.hpp"

#include "profiledesk/core/languages.hpp"
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
    CHECK(resolve(s.groups[0].label, "en") == "About you");
    CHECK(resolve(s.groups[1].label, "en") == "Contact");
    CHECK(resolve(s.groups[2].label, "en") == "Preferences");
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
    CHECK(resolve(s.find("language")->find_option("fr")->label, "de") == "Français");
}

TEST_CASE("default schema: its texts speak every language the app ships", "[field_schema]") {
    const field_schema s = default_schema(compile_std_regex);
    CHECK(resolve(s.groups[0].label, "en") == "About you");
    CHECK(resolve(s.groups[1].label, "de") == "Kontakt");
    CHECK(resolve(s.groups[2].label, "fr") == "Préférences");
    CHECK(resolve(s.find("city")->label, "fr") == "Ville");
    CHECK(resolve(s.find("city")->label, "ja") == "市区町村");
    CHECK(resolve(s.find("city")->label, "ar") == "المدينة");
    CHECK(resolve(s.find("timezone")->pattern_message.value(), "es") ==
          "Escribe el nombre de una zona horaria, como Europe/Madrid o America/New_York.");
    // Every label (fields, groups, options that are not language names) and help in each shipped language.
    const auto in_every_language = [](const localized_text& t) {
        for (const auto& l : languages) {
            CAPTURE(l.tag);
            CHECK(t.texts.count(std::string(l.tag)) == 1);
        }
    };
    for (const auto& g : s.groups) in_every_language(g.label);
    for (const auto& f : s.fields) {
        CAPTURE(f.key);
        in_every_language(f.label);
        if (!f.help.empty()) in_every_language(f.help);
        if (f.pattern_message) in_every_language(*f.pattern_message);
    }
    for (const auto& o : s.find("pronouns")->options) in_every_language(o.label);
    // The language field offers every language the app ships, each by its own name.
    for (const auto& l : languages) {
        CAPTURE(l.tag);
        const auto* o = s.find("language")->find_option(l.tag);
        REQUIRE(o != nullptr);
        CHECK(resolve(o->label, "en") == l.native_name);
    }
}
