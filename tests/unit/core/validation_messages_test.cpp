// Validation's problems as codes and arguments (validation_problem.hpp), and
// the catalog texts they are shown with: core's English table is what
// web/i18n/en.json says, and every API error code has a text there too.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/default_schema.hpp"
#include "profiledesk/core/messages.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"
#include "profiledesk/core/validation.hpp"
#include "profiledesk/core/validation_problem.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

using nlohmann::json;
using namespace profiledesk::core;
namespace code = profiledesk::core::validation_code;

namespace {

field_def make(field_type type) {
    field_def f;
    f.key = "k";
    f.label = "K";
    f.type = type;
    return f;
}

validation_problem problem(std::string_view c, std::map<std::string, std::string> args = {}) {
    return {std::string(c), std::move(args), std::nullopt};
}

message_catalog english_catalog() {
    const auto path = std::filesystem::path(PD_SOURCE_DIR) / "web" / "i18n" / "en.json";
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    std::string error;
    auto catalog = message_catalog::parse(text.str(), error);
    INFO(error);
    REQUIRE(catalog);
    return std::move(*catalog);
}

}  // namespace

TEST_CASE("validation problems: codes and arguments", "[validation]") {
    SECTION("text") {
        auto f = make(field_type::string);
        CHECK(check_field(f, std::string(301, 'a')) == problem(code::too_long, {{"max", "300"}}));
        CHECK(check_field(f, 5) == problem(code::text));
        CHECK(check_field(f, "a\nb") == problem(code::single_line));
        CHECK(check_field(f, "a\x7f") == problem(code::control_characters));
        CHECK(check_field(f, json(std::string("caf\xE9"))) == problem(code::invalid_utf8));
        f.required = true;
        CHECK(check_field(f, nullptr) == problem(code::required));
        CHECK(check_field(f, " ") == problem(code::required));
        CHECK_FALSE(check_field(f, "Lyon"));
    }
    SECTION("types") {
        CHECK(check_field(make(field_type::email), "x") == problem(code::email));
        CHECK(check_field(make(field_type::phone), "x") == problem(code::phone));
        CHECK(check_field(make(field_type::url), "x") == problem(code::url));
        CHECK(check_field(make(field_type::boolean), "x") == problem(code::boolean));
        CHECK(check_field(make(field_type::enumeration), "x") == problem(code::enumeration));
        CHECK(check_field(make(field_type::number), "x") == problem(code::number));
        CHECK(check_field(make(field_type::date), "31/12/1990") == problem(code::date_format));
        CHECK(check_field(make(field_type::date), "2023-02-29") == problem(code::date_missing));
    }
    SECTION("ranges name the bounds there are") {
        auto n = make(field_type::number);
        n.min = 1;
        n.max = 10.5;
        CHECK(check_field(n, 11) == problem(code::number_range, {{"min", "1"}, {"max", "10.5"}}));
        n.max.reset();
        CHECK(check_field(n, 0) == problem(code::number_min, {{"min", "1"}}));
        n.min.reset();
        n.max = -2;
        CHECK(check_field(n, 0) == problem(code::number_max, {{"max", "-2"}}));
        auto d = make(field_type::date);
        d.min_date = "1900-01-01";
        d.max_date = "2024-12-31";
        CHECK(check_field(d, "1800-01-01") ==
              problem(code::date_range, {{"min", "1900-01-01"}, {"max", "2024-12-31"}}));
        d.max_date.reset();
        CHECK(check_field(d, "1800-01-01") == problem(code::date_min, {{"min", "1900-01-01"}}));
        d.min_date.reset();
        d.max_date = "2000-01-01";
        CHECK(check_field(d, "2001-01-01") == problem(code::date_max, {{"max", "2000-01-01"}}));
    }
    SECTION("a pattern carries the schema's own message, when it has one") {
        const auto parsed = parse_schema(
            json{{"version", 1},
                 {"fields",
                  {{{"key", "code"},
                    {"label", "Code"},
                    {"type", "string"},
                    {"pattern", "[a-z]+"},
                    {"pattern_message", "Use lower-case letters."}},
                   {{"key", "plain"}, {"label", "Plain"}, {"type", "string"}, {"pattern", "[a-z]+"}}}}},
            compile_std_regex);
        REQUIRE(parsed.ok());
        const auto with = check_field(*parsed.schema->find("code"), "ABC");
        REQUIRE(with);
        CHECK(with->code == code::pattern);
        REQUIRE(with->schema_message);
        CHECK(resolve(*with->schema_message, "en") == "Use lower-case letters.");
        CHECK(check_field(*parsed.schema->find("plain"), "ABC") == problem(code::pattern));
    }
    SECTION("root attributes") {
        CHECK(check_root_attribute("name", "") == problem(code::name_required));
        CHECK(check_root_attribute("nickname", nullptr) == problem(code::nickname_required));
        CHECK(check_root_attribute("given_name", " ") == problem(code::given_name_required));
        CHECK(check_root_attribute("family_name", nullptr) == problem(code::family_name_required));
        CHECK(check_root_attribute("picture", "http://example.com/a.png") == problem(code::picture_url));
        CHECK(check_root_attribute("name", std::string(301, 'a')) == problem(code::too_long, {{"max", "300"}}));
        CHECK(check_root_attribute("email", "a@example.com") == problem(code::read_only));
    }
}

TEST_CASE("validation problems: validate_changes reports each field's problem and its English", "[validation]") {
    const auto report = validate_changes(default_schema(compile_std_regex),
                                         {{"name", ""}, {"user_metadata", {{"bio", std::string(501, 'x')}}}});
    CHECK(report.problems ==
          std::map<std::string, validation_problem>{{"name", problem(code::name_required)},
                                                    {"user_metadata.bio", problem(code::too_long, {{"max", "500"}})}});
    CHECK(report.errors == std::map<std::string, std::string>{{"name", "Enter a name."},
                                                              {"user_metadata.bio", "Enter at most 500 characters."}});
    CHECK(validate_changes(default_schema(compile_std_regex), json::array()).problems.at("changes") ==
          problem(code::changes_not_object));
    CHECK(validate_changes(default_schema(compile_std_regex), {{"user_metadata", nullptr}})
              .problems.at("user_metadata") == problem(code::metadata_not_object));
}

TEST_CASE("validation problems: the English table", "[validation]") {
    std::set<std::string_view> keys;
    std::string_view previous;
    for (const auto& m : validation_messages) {
        INFO(m.key);
        CHECK(keys.insert(m.key).second);
        CHECK(previous < m.key);  // sorted, as english_message's search needs
        previous = m.key;
        CHECK(m.key.rfind("validation.", 0) == 0);
        CHECK_FALSE(m.english.empty());
    }
    SECTION("the key of a problem, plural included") {
        CHECK(message_key(problem(code::too_long, {{"max", "500"}})) == "validation.too_long");
        CHECK(message_key(problem(code::too_long, {{"max", "1"}})) == "validation.too_long_one");
        CHECK(message_key(problem(code::number_range, {{"min", "1"}, {"max", "1"}})) == "validation.number_range");
    }
    SECTION("arguments are filled in") {
        CHECK(english_message(problem(code::too_long, {{"max", "1"}})) == "Enter at most 1 character.");
        CHECK(english_message(problem(code::number_range, {{"min", "1"}, {"max", "10"}})) ==
              "Enter a number from 1 to 10.");
        CHECK(english_message(problem(code::date_max, {{"max", "2000-01-01"}})) ==
              "Enter a date on or before 2000-01-01.");
    }
    SECTION("every code validation gives has a text") {
        for (const auto c : {code::required,
                             code::read_only,
                             code::text,
                             code::invalid_utf8,
                             code::control_characters,
                             code::single_line,
                             code::too_long,
                             code::pattern,
                             code::email,
                             code::phone,
                             code::url,
                             code::date_format,
                             code::date_missing,
                             code::date_range,
                             code::date_min,
                             code::date_max,
                             code::number,
                             code::number_range,
                             code::number_min,
                             code::number_max,
                             code::boolean,
                             code::enumeration,
                             code::changes_not_object,
                             code::metadata_not_object}) {
            INFO(c);
            CHECK(keys.count(message_key(problem(c))) == 1);
        }
        for (const auto& a : root_attributes) {
            if (!a.synced) continue;
            INFO(a.key);
            CHECK(keys.count(message_key(problem(a.missing_code))) == 1);
        }
    }
}

TEST_CASE("validation problems: the wire form", "[validation]") {
    const auto p = problem(code::number_range, {{"min", "1"}, {"max", "10"}});
    CHECK(to_json(p) == json{{"code", "number_range"}, {"args", {{"max", "10"}, {"min", "1"}}}});
    CHECK(to_json(problem(code::email)) == json{{"code", "email"}, {"args", json::object()}});
    CHECK(validation_problem_from_json(to_json(p)) == p);
    CHECK(validation_problem_from_json(json{{"code", "email"}}) == problem(code::email));
    CHECK(validation_problem_from_json(json{{"code", "too_long"}, {"args", {{"max", 5}, {"x", "y"}}}}) ==
          problem(code::too_long, {{"x", "y"}}));
    CHECK_FALSE(validation_problem_from_json(json("email")));
    CHECK_FALSE(validation_problem_from_json(json{{"code", 3}}));
    SECTION("the schema's own message stays out: a reader who shows it has the schema") {
        auto with = problem(code::pattern);
        with.schema_message = localized_text("Use lower-case letters.");
        CHECK(to_json(with) == json{{"code", "pattern"}, {"args", json::object()}});
    }
}

TEST_CASE("validation problems: in another language", "[validation]") {
    std::string error;
    const auto english = message_catalog::parse(R"({"validation.too_long": "Enter at most {max} characters."})", error);
    const auto french = message_catalog::parse(R"({"validation.too_long": "Saisissez au plus {max} caractères."})",
                                               error);
    REQUIRE(english);
    REQUIRE(french);
    const messages fr("fr", *english, &*french);
    CHECK(localized_message(problem(code::too_long, {{"max", "500"}}), fr) == "Saisissez au plus 500 caractères.");
    auto with = problem(code::pattern);
    with.schema_message = localized_text();
    with.schema_message->texts = {{"en", "Use lower-case letters."}, {"fr", "Utilisez des minuscules."}};
    CHECK(localized_message(with, fr) == "Utilisez des minuscules.");
    CHECK(english_message(with) == "Use lower-case letters.");
}

TEST_CASE("web/i18n/en.json: validation.* is core's English table, exactly", "[validation]") {
    const auto catalog = english_catalog();
    std::map<std::string, std::string> in_file, in_core;
    for (const auto& [key, text] : catalog.entries()) {
        if (key.rfind("validation.", 0) == 0) in_file.emplace(key, text);
    }
    for (const auto& m : validation_messages) in_core.emplace(m.key, m.english);
    CHECK(in_file == in_core);
}

TEST_CASE("web/i18n/en.json: every API error code has a sentence for a person", "[api_errors]") {
    const auto catalog = english_catalog();
    for (const auto& c : api_error::all_codes) {
        const std::string key = "error." + std::string(c.code);
        INFO(key);
        const auto* text = catalog.find(key);
        REQUIRE(text != nullptr);
        CHECK(text->size() > 10);
        CHECK((text->back() == '.' || text->back() == '?' || text->back() == '!'));
        CHECK(message_placeholders(*text).empty());  // the app fills none: said from the code alone
    }
}
