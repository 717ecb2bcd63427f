#include "schema/profile_schema.hpp"

#include "profiledesk/core/validation.hpp"
#include "schema/re2_pattern.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>

using namespace profiledesk;
namespace fs = std::filesystem;

namespace {

// A schema file with these contents, removed at the end of the test.
struct schema_file {
    fs::path path = fs::temp_directory_path() / ("pd-schema-" + std::to_string(std::random_device{}()) + ".json");
    explicit schema_file(const std::string& contents) { std::ofstream(path) << contents; }
    ~schema_file() { fs::remove(path); }
};

std::string one_pattern_field(const std::string& pattern_json) {
    return R"({"version": 1, "fields": [{"key": "code", "label": "Code", "type": "string", "pattern": )" +
           pattern_json + "}]}";
}

}  // namespace

TEST_CASE("load_profile_schema: every pattern the server runs is an RE2 matcher", "[profile_schema]") {
    SECTION("the built-in schema") {
        std::vector<std::string> problems;
        const auto schema = schema::load_profile_schema("", problems);
        REQUIRE(schema);
        CHECK(problems.empty());
        const auto* tz = schema->find("timezone");
        REQUIRE(tz);
        REQUIRE(tz->pattern);
        CHECK(dynamic_cast<const schema::re2_matcher*>(tz->matcher.get()) != nullptr);
        CHECK_FALSE(core::validate_field(*tz, "Europe/London"));
        CHECK(core::validate_field(*tz, "London"));
    }
    SECTION("a PROFILE_SCHEMA file") {
        const schema_file file(one_pattern_field(R"("[A-Z]{3}-\\d{4}")"));
        std::vector<std::string> problems;
        const auto schema = schema::load_profile_schema(file.path.string(), problems);
        REQUIRE(schema);
        const auto& field = schema->fields.front();
        CHECK(dynamic_cast<const schema::re2_matcher*>(field.matcher.get()) != nullptr);
        CHECK_FALSE(core::validate_field(field, "ABC-1234"));
        CHECK(core::validate_field(field, "ABC-12345"));
    }
}

TEST_CASE("load_profile_schema: classic ReDoS patterns stop the server at start", "[profile_schema]") {
    for (const char* pattern : {R"("(a|a)*b")", R"("(a+)+b")", R"("(a|aa)*b")", R"("(x+x+)+y")"}) {
        CAPTURE(pattern);
        const schema_file file(one_pattern_field(pattern));
        std::vector<std::string> problems;
        CHECK_FALSE(schema::load_profile_schema(file.path.string(), problems));
        REQUIRE(problems.size() == 1);
        CHECK_THAT(problems.front(),
                   Catch::StartsWith("[schema.pattern] field 'code': 'pattern' repeats a group that "));
        CHECK_THAT(problems.front(), Catch::Contains("exponential time"));
    }
}

TEST_CASE("load_profile_schema: problems, one line each", "[profile_schema]") {
    std::vector<std::string> problems;
    SECTION("a file that cannot be read") {
        CHECK_FALSE(schema::load_profile_schema("/nonexistent/schema.json", problems));
        CHECK(problems == std::vector<std::string>{"cannot read the file /nonexistent/schema.json"});
    }
    SECTION("a lookahead") {
        const schema_file file(one_pattern_field(R"("(?=a)a")"));
        CHECK_FALSE(schema::load_profile_schema(file.path.string(), problems));
        CHECK(problems ==
              std::vector<std::string>{
                  "[schema.pattern] field 'code': 'pattern' uses a lookahead (?= or (?!, which is not supported"});
    }
}
