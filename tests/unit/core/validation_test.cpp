// Prints std::optional values in failure messages.
#define CATCH_CONFIG_ENABLE_OPTIONAL_STRINGMAKER
#include "profiledesk/core/validation.hpp"

#include "profiledesk/core/default_schema.hpp"
#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"
#include "profiledesk/core/value_formats.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <string>

using nlohmann::json;
using namespace profiledesk::core;

namespace {

field_def make(field_type type) {
    field_def f;
    f.key = "k";
    f.label = "K";
    f.type = type;
    return f;
}

std::string repeat(std::string_view piece, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += piece;
    return out;
}

// A json string holding `bytes` as they are (json's own constructor does not check UTF-8).
json raw(std::string bytes) { return json(std::move(bytes)); }

std::optional<std::string> none() { return std::nullopt; }

}  // namespace

TEST_CASE("validate_field: null removes a value unless required", "[validation]") {
    for (auto type : {field_type::string, field_type::text, field_type::email, field_type::phone, field_type::url,
                      field_type::boolean, field_type::date, field_type::number}) {
        CAPTURE(to_string(type));
        auto f = make(type);
        CHECK(validate_field(f, nullptr) == none());
        f.required = true;
        CHECK(validate_field(f, nullptr) == "This field is required.");
    }
}

TEST_CASE("validate_field: string", "[validation]") {
    auto f = make(field_type::string);
    CHECK(validate_field(f, "Lyon") == none());
    CHECK(validate_field(f, "") == none());  // empty text is a value; null removes
    SECTION("wrong JSON types") {
        CHECK(validate_field(f, 5) == "Enter text.");
        CHECK(validate_field(f, true) == "Enter text.");
        CHECK(validate_field(f, json::array({"a"})) == "Enter text.");
        CHECK(validate_field(f, json::object()) == "Enter text.");
    }
    SECTION("one line: no line breaks or tabs") {
        CHECK(validate_field(f, "a\nb") == "Use a single line, without line breaks or tabs.");
        CHECK(validate_field(f, "a\tb") == "Use a single line, without line breaks or tabs.");
        CHECK(validate_field(f, "a\rb") == "Use a single line, without line breaks or tabs.");
    }
    SECTION("no control characters") {
        CHECK(validate_field(f, raw(std::string("a\0b", 3))) == "Remove the invisible control characters.");
        CHECK(validate_field(f, "a\x1b[31m") == "Remove the invisible control characters.");
        CHECK(validate_field(f, "a\x7f") == "Remove the invisible control characters.");
        CHECK(validate_field(f, "a\xC2\x85") == "Remove the invisible control characters.");  // U+0085 (C1)
    }
    SECTION("invalid UTF-8") {
        CHECK(validate_field(f, raw("caf\xE9")) == "This text contains invalid characters.");  // Latin-1 é
        CHECK(validate_field(f, raw("\xED\xA0\x80")) == "This text contains invalid characters.");
    }
    SECTION("required text must not be blank") {
        f.required = true;
        CHECK(validate_field(f, "") == "This field is required.");
        CHECK(validate_field(f, "   ") == "This field is required.");
        CHECK(validate_field(f, "\xC2\xA0") == "This field is required.");
        CHECK(validate_field(f, " x ") == none());
    }
    SECTION("the default limit is 300") {
        CHECK(validate_field(f, std::string(300, 'a')) == none());
        CHECK(validate_field(f, std::string(301, 'a')) == "Enter at most 300 characters.");
    }
}

TEST_CASE("validate_field: max_length counts code points", "[validation]") {
    auto f = make(field_type::text);
    f.max_length = 500;
    CHECK(validate_field(f, std::string(500, 'a')) == none());
    CHECK(validate_field(f, std::string(501, 'a')) == "Enter at most 500 characters.");
    SECTION("Cyrillic: 2 bytes per character") {
        CHECK(validate_field(f, repeat("ж", 500)) == none());  // 1000 bytes
        CHECK(validate_field(f, repeat("ж", 501)) == "Enter at most 500 characters.");
    }
    SECTION("CJK: 3 bytes per character") {
        CHECK(validate_field(f, repeat("中", 500)) == none());
        CHECK(validate_field(f, repeat("中", 501)) == "Enter at most 500 characters.");
    }
    SECTION("emoji: 4 bytes per character") {
        CHECK(validate_field(f, repeat("😀", 500)) == none());
        CHECK(validate_field(f, repeat("😀", 501)) == "Enter at most 500 characters.");
    }
    SECTION("singular") {
        f.max_length = 1;
        CHECK(validate_field(f, "ab") == "Enter at most 1 character.");
    }
}

TEST_CASE("validate_field: text allows line breaks and tabs, nothing else", "[validation]") {
    const auto f = make(field_type::text);
    CHECK(validate_field(f, "line one\nline two\n\tindented") == none());
    CHECK(validate_field(f, "windows\r\nline") == "Remove the invisible control characters.");
    CHECK(validate_field(f, "bell\a") == "Remove the invisible control characters.");
    CHECK(validate_field(f, std::string(2000, 'x')) == none());
    CHECK(validate_field(f, std::string(2001, 'x')) == "Enter at most 2000 characters.");
}

namespace {
// A hand-built field with `pattern` compiled by the app's engine.
field_def with_pattern(field_def f, const std::string& pattern) {
    f.pattern = pattern;
    std::string error;
    f.matcher = compile_std_regex(pattern, error);
    REQUIRE(f.matcher);
    return f;
}
}  // namespace

TEST_CASE("validate_field: pattern matches the whole value", "[validation]") {
    auto f = with_pattern(make(field_type::string), "[a-z]+");
    CHECK(validate_field(f, "abc") == none());
    CHECK(validate_field(f, "abc1") == "Enter a value in the expected format.");  // a prefix match is not enough
    CHECK(validate_field(f, "1abc") == "Enter a value in the expected format.");
    SECTION("the schema's own message") {
        f.pattern_message = "Use lower-case letters.";
        CHECK(validate_field(f, "ABC") == "Use lower-case letters.");
    }
    SECTION("compiled by parse_schema with the compiler it is given") {
        const auto s = parse_schema(
            json{{"version", 1}, {"fields", {{{"key", "k"}, {"label", "K"}, {"type", "string"}, {"pattern", "x+"}}}}},
            compile_std_regex);
        REQUIRE(s.ok());
        const auto& parsed = s.schema->fields[0];
        REQUIRE(parsed.matcher);
        CHECK(validate_field(parsed, "xxx") == none());
        CHECK(validate_field(parsed, "xy") == "Enter a value in the expected format.");
    }
    SECTION("a hand-built field with a pattern and no matcher fails closed") {
        f.matcher = nullptr;
        CHECK(validate_field(f, "abc") == "Enter a value in the expected format.");
    }
    SECTION("length is checked before the pattern runs") {
        f.max_length = 3;
        CHECK(validate_field(f, "abcd") == "Enter at most 3 characters.");
    }
    SECTION("the default timezone pattern") {
        const auto schema = default_schema(compile_std_regex);
        const field_def& tz = *schema.find("timezone");
        CHECK(validate_field(tz, "Europe/London") == none());
        CHECK(validate_field(tz, "America/Argentina/Buenos_Aires") == none());
        CHECK(validate_field(tz, "America/Port-au-Prince") == none());
        CHECK(validate_field(tz, "Etc/GMT+5") == none());
        CHECK(validate_field(tz, "UTC") == none());
        CHECK(validate_field(tz, "London") == "Enter a time zone name, like Europe/London or America/New_York.");
        CHECK(validate_field(tz, "Europe/") == "Enter a time zone name, like Europe/London or America/New_York.");
    }
}

TEST_CASE("validate_field: email", "[validation]") {
    const auto f = make(field_type::email);
    const std::string msg = "Enter an email address, like name@example.com.";
    for (const char* ok : {"ada@example.com", "ada.lovelace+tag@mail.example.co.uk", "o'brien@example.ie",
                           "user@xn--bcher-kva.example", "ж@пример.рф"}) {
        CAPTURE(ok);
        CHECK(validate_field(f, ok) == none());
    }
    for (const char* bad : {"",
                            "ada",
                            "ada@",
                            "@example.com",
                            "ada@example",
                            "ada@@example.com",
                            "a@b@example.com",
                            "ada @example.com",
                            "ada@exa mple.com",
                            "ada@example.com ",
                            ".ada@example.com",
                            "ada.@example.com",
                            "ad..a@example.com",
                            "ada@example..com",
                            "ada@.example.com",
                            "ada@-example.com",
                            "ada@example-.com",
                            "ada@example.c",
                            "ada@127.0.0.1",
                            "<ada>@example.com",
                            "\"ada\"@example.com",
                            "ada@exam_ple.com",
                            "ada@example.com\xC2\xA0"}) {
        CAPTURE(bad);
        CHECK(validate_field(f, bad) == msg);
    }
    SECTION("length limits") {
        CHECK(validate_field(f, std::string(64, 'a') + "@example.com") == none());
        CHECK(validate_field(f, std::string(65, 'a') + "@example.com") == msg);
        // 254 in all at most; a longer one fails the length rule first.
        const std::string domain = std::string(63, 'd') + "." + std::string(63, 'd') + "." + std::string(63, 'd') +
                                   ".com";
        CHECK(validate_field(f, std::string(60, 'a') + "@" + domain) == "Enter at most 254 characters.");
    }
    SECTION("not a string") { CHECK(validate_field(f, 42) == msg); }
}

TEST_CASE("validate_field: phone in international format", "[validation]") {
    const auto f = make(field_type::phone);
    const std::string msg = "Enter a phone number in international format, like +44 20 7946 0958.";
    for (const char* ok :
         {"+442079460958", "+44 20 7946 0958", "+1-555-123-4567", "+49 30 12345678", "+12345678", "+123456789012345"}) {
        CAPTURE(ok);
        CHECK(validate_field(f, ok) == none());
    }
    for (const char* bad :
         {"", "+", "020 7946 0958", "442079460958", "+44 (0)20 7946 0958", "+44.20.7946.0958", "+1234567",
          "+1234567890123456", "+0441234567", "+ 44 20 7946 0958", "+44  20 7946 0958", "+44 20 7946 0958 ",
          "+44-20--7946", "+44 20 7946 0958 ext 12", "++442079460958", "+٤٤٢٠٧٩٤٦٠٩٥٨"}) {
        CAPTURE(bad);
        CHECK(validate_field(f, bad) == msg);
    }
    SECTION("a tab gets the single-line message, which every one-line type shares") {
        CHECK(validate_field(f, "+44\t2079460958") == "Use a single line, without line breaks or tabs.");
    }
    SECTION("phone_digits gives the E.164 form") { CHECK(phone_digits("+44 20 7946-0958") == "+442079460958"); }
}

TEST_CASE("validate_field: url", "[validation]") {
    const auto f = make(field_type::url);
    const std::string msg = "Enter a web address starting with https:// or http://, like https://example.com.";
    for (const char* ok :
         {"https://example.com", "http://example.com", "HTTPS://Example.com/Path", "https://example.com/",
          "https://example.com:8443/a/b?c=d&e=f#frag", "https://sub.example.co.uk/~ada", "https://localhost",
          "http://127.0.0.1:8080/", "https://[2001:db8::1]/x", "https://[::1]:443", "https://bücher.example/straße",
          "https://my_host.example.com"}) {
        CAPTURE(ok);
        CHECK(validate_field(f, ok) == none());
    }
    for (const char* bad : {"",
                            "example.com",
                            "www.example.com",
                            "ftp://example.com",
                            "javascript:alert(1)",
                            "https://",
                            "https:///path",
                            "https://exa mple.com",
                            "https://example.com/a b",
                            "https://user:pass@example.com",
                            "https://bank.example@evil.example",
                            "https://example.com:0",
                            "https://example.com:65536",
                            "https://example.com:",
                            "https://example.com:http",
                            "https://[::1",
                            "https://[xyz]",
                            "https://-example.com",
                            "https://example..com",
                            "https://example.com\\@evil.example",
                            "https://example.com/<script>",
                            "//example.com",
                            "https:example.com"}) {
        CAPTURE(bad);
        CHECK(validate_field(f, bad) == msg);
    }
    SECTION("at most 2048 characters by default") {
        const std::string base = "https://example.com/";
        CHECK(validate_field(f, base + std::string(2048 - base.size(), 'a')) == none());
        CHECK(validate_field(f, base + std::string(2049 - base.size(), 'a')) == "Enter at most 2048 characters.");
    }
}

TEST_CASE("validate_field: enum", "[validation]") {
    auto f = make(field_type::enumeration);
    f.options = {{"en", "English"}, {"fr", "Français"}};
    CHECK(validate_field(f, "fr") == none());
    CHECK(validate_field(f, "Français") == "Choose one of the options.");  // the label is not the value
    CHECK(validate_field(f, "FR") == "Choose one of the options.");
    CHECK(validate_field(f, "") == "Choose one of the options.");
    CHECK(validate_field(f, 1) == "Choose one of the options.");
}

TEST_CASE("validate_field: bool", "[validation]") {
    const auto f = make(field_type::boolean);
    CHECK(validate_field(f, true) == none());
    CHECK(validate_field(f, false) == none());
    CHECK(validate_field(f, "true") == "Choose yes or no.");
    CHECK(validate_field(f, 1) == "Choose yes or no.");
}

TEST_CASE("validate_field: date", "[validation]") {
    auto f = make(field_type::date);
    CHECK(validate_field(f, "2024-02-29") == none());
    CHECK(validate_field(f, "2023-02-29") == "This date does not exist; check the day and the month.");
    CHECK(validate_field(f, "1900-02-29") == "This date does not exist; check the day and the month.");
    CHECK(validate_field(f, "2023-13-01") == "This date does not exist; check the day and the month.");
    CHECK(validate_field(f, "29/02/2024") == "Enter a date as YYYY-MM-DD, like 1990-12-31.");
    CHECK(validate_field(f, "") == "Enter a date as YYYY-MM-DD, like 1990-12-31.");
    CHECK(validate_field(f, 20240229) == "Enter a date as YYYY-MM-DD, like 1990-12-31.");
    SECTION("within min and max, inclusive") {
        f.min_date = "1900-01-01";
        f.max_date = "2024-12-31";
        CHECK(validate_field(f, "1900-01-01") == none());
        CHECK(validate_field(f, "2024-12-31") == none());
        CHECK(validate_field(f, "1899-12-31") == "Enter a date from 1900-01-01 to 2024-12-31.");
        CHECK(validate_field(f, "2025-01-01") == "Enter a date from 1900-01-01 to 2024-12-31.");
    }
    SECTION("one-sided bounds") {
        f.min_date = "1900-01-01";
        CHECK(validate_field(f, "1800-05-05") == "Enter a date on or after 1900-01-01.");
        f.min_date.reset();
        f.max_date = "2000-01-01";
        CHECK(validate_field(f, "2000-01-02") == "Enter a date on or before 2000-01-01.");
    }
}

TEST_CASE("validate_field: number", "[validation]") {
    auto f = make(field_type::number);
    CHECK(validate_field(f, 0) == none());
    CHECK(validate_field(f, -3.25) == none());
    CHECK(validate_field(f, 18446744073709551615u) == none());
    CHECK(validate_field(f, "5") == "Enter a number.");
    CHECK(validate_field(f, true) == "Enter a number.");
    CHECK(validate_field(f, std::nan("")) == "Enter a number.");
    SECTION("within min and max, inclusive") {
        f.min = 1;
        f.max = 10;
        CHECK(validate_field(f, 1) == none());
        CHECK(validate_field(f, 10.0) == none());
        CHECK(validate_field(f, 0.999) == "Enter a number from 1 to 10.");
        CHECK(validate_field(f, 11) == "Enter a number from 1 to 10.");
    }
    SECTION("one-sided, fractional bounds") {
        f.min = 0.5;
        CHECK(validate_field(f, 0.25) == "Enter a number of at least 0.5.");
        f.min.reset();
        f.max = -2;
        CHECK(validate_field(f, 0) == "Enter a number of at most -2.");
    }
}

TEST_CASE("validate_root_attribute: Auth0's limits", "[validation]") {
    SECTION("name and nickname: 1-300 code points") {
        for (const char* attr : {"name", "nickname"}) {
            CAPTURE(attr);
            CHECK(validate_root_attribute(attr, "Ada Lovelace") == none());
            CHECK(validate_root_attribute(attr, repeat("ж", 300)) == none());
            CHECK(validate_root_attribute(attr, repeat("ж", 301)) == "Enter at most 300 characters.");
        }
    }
    SECTION("given_name and family_name: 1-150 code points") {
        for (const char* attr : {"given_name", "family_name"}) {
            CAPTURE(attr);
            CHECK(validate_root_attribute(attr, repeat("中", 150)) == none());
            CHECK(validate_root_attribute(attr, repeat("中", 151)) == "Enter at most 150 characters.");
        }
    }
    SECTION("blank or null is refused: a name is replaced, not removed") {
        CHECK(validate_root_attribute("name", "") == "Enter a name.");
        CHECK(validate_root_attribute("name", "   ") == "Enter a name.");
        CHECK(validate_root_attribute("name", nullptr) == "Enter a name.");
        CHECK(validate_root_attribute("nickname", nullptr) == "Enter a nickname.");
        CHECK(validate_root_attribute("given_name", "") == "Enter a given name.");
        CHECK(validate_root_attribute("family_name", "\t") == "Use a single line, without line breaks or tabs.");
        CHECK(validate_root_attribute("family_name", " ") == "Enter a family name.");
    }
    SECTION("single line, valid UTF-8, text") {
        CHECK(validate_root_attribute("name", "Ada\nLovelace") == "Use a single line, without line breaks or tabs.");
        CHECK(validate_root_attribute("name", raw("Ad\xC3")) == "This text contains invalid characters.");
        CHECK(validate_root_attribute("name", 7) == "Enter text.");
    }
    SECTION("picture: an absolute https URL") {
        const std::string msg = "Enter the web address of a picture, starting with https://.";
        CHECK(validate_root_attribute("picture", "https://cdn.example.com/a.png") == none());
        CHECK(validate_root_attribute("picture", "http://cdn.example.com/a.png") == msg);
        CHECK(validate_root_attribute("picture", "data:image/png;base64,AAAA") == msg);
        CHECK(validate_root_attribute("picture", "/avatar.png") == msg);
        CHECK(validate_root_attribute("picture", "") == msg);
        CHECK(validate_root_attribute("picture", nullptr) == msg);
        CHECK(validate_root_attribute("picture", "https://" + std::string(2041, 'a')) ==
              "Enter at most 2048 characters.");
    }
    SECTION("anything else") {
        CHECK(validate_root_attribute("email", "a@example.com") == "This field cannot be changed here.");
        CHECK(validate_root_attribute("Name", "Ada") == "This field cannot be changed here.");
    }
}

TEST_CASE("validate_changes: a valid change set", "[validation]") {
    const auto report = validate_changes(
        default_schema(compile_std_regex),
        {{"name", "Ada"},
         {"picture", "https://example.com/a.png"},
         {"user_metadata", {{"bio", "Hello\nthere"}, {"newsletter", true}, {"phone", nullptr}}}});
    CHECK(report.ok());
    CHECK(report.errors.empty());
    CHECK(report.not_allowed.empty());
    SECTION("nothing at all") { CHECK(validate_changes(default_schema(compile_std_regex), json::object()).ok()); }
    SECTION("an empty user_metadata changes nothing") {
        CHECK(validate_changes(default_schema(compile_std_regex), {{"user_metadata", json::object()}}).ok());
    }
}

TEST_CASE("validate_changes: per-field messages keyed by field id", "[validation]") {
    const auto report = validate_changes(
        default_schema(compile_std_regex),
        {{"name", ""},
         {"nickname", repeat("x", 301)},
         {"user_metadata", {{"bio", repeat("é", 501)}, {"birthday", "2023-02-29"}, {"city", "Paris"}}}});
    CHECK_FALSE(report.ok());
    CHECK(report.not_allowed.empty());
    CHECK(report.errors == std::map<std::string, std::string>{
                               {"name", "Enter a name."},
                               {"nickname", "Enter at most 300 characters."},
                               {"user_metadata.bio", "Enter at most 500 characters."},
                               {"user_metadata.birthday", "This date does not exist; check the day and the month."}});
}

TEST_CASE("validate_changes: forbidden fields are named exactly as sent", "[validation]") {
    const json changes = {{"app_metadata", {{"plan", "gold"}}},
                          {"email", "x@example.com"},
                          {"email_verified", true},
                          {"blocked", false},
                          {"password", "hunter2"},
                          {"connection", "Username-Password-Authentication"},
                          {"user_id", "auth0|other"},
                          {"phone_number", "+4412345678"},
                          {"favourite_colour", "blue"},
                          {"name", "Ada"}};
    const auto report = validate_changes(default_schema(compile_std_regex), changes);
    CHECK_FALSE(report.ok());
    CHECK(report.errors.empty());
    CHECK(report.not_allowed == std::vector<std::string>{"app_metadata", "blocked", "connection", "email",
                                                         "email_verified", "favourite_colour", "password",
                                                         "phone_number", "user_id"});
}

TEST_CASE("validate_changes: case variants are not allowed", "[validation]") {
    const json changes = {{"Name", "Ada"},
                          {"NICKNAME", "ada"},
                          {"USER_METADATA", {{"bio", "x"}}},
                          {"User_Metadata", {{"bio", "x"}}},
                          {"user_metadata", {{"Bio", "x"}, {"CITY", "y"}, {"city", "Paris"}}}};
    const auto report = validate_changes(default_schema(compile_std_regex), changes);
    CHECK(report.errors.empty());
    CHECK(report.not_allowed == std::vector<std::string>{"NICKNAME", "Name", "USER_METADATA", "User_Metadata",
                                                         "user_metadata.Bio", "user_metadata.CITY"});
}

TEST_CASE("validate_changes: undeclared metadata keys are not allowed", "[validation]") {
    const auto report = validate_changes(default_schema(compile_std_regex),
                                         {{"user_metadata", {{"role", "admin"}, {"a.b", 1}, {"$set", 1}}}});
    CHECK(report.not_allowed ==
          std::vector<std::string>{"user_metadata.$set", "user_metadata.a.b", "user_metadata.role"});
}

TEST_CASE("validate_changes: shapes that would wipe metadata or are not objects", "[validation]") {
    SECTION("user_metadata: null") {
        const auto report = validate_changes(default_schema(compile_std_regex), {{"user_metadata", nullptr}});
        CHECK(report.errors.count("user_metadata") == 1);
    }
    SECTION("user_metadata: a string") {
        const auto report = validate_changes(default_schema(compile_std_regex), {{"user_metadata", "x"}});
        CHECK(report.errors.count("user_metadata") == 1);
    }
    SECTION("changes: not an object") {
        const auto report = validate_changes(default_schema(compile_std_regex), json::array());
        CHECK(report.errors.count("changes") == 1);
        CHECK_FALSE(report.ok());
    }
}

TEST_CASE("validate_changes: a required metadata field cannot be removed", "[validation]") {
    const auto schema = parse_schema(
        json{{"version", 1},
             {"fields", {{{"key", "team"}, {"label", "Team"}, {"type", "string"}, {"required", true}}}}},
        compile_std_regex);
    REQUIRE(schema.ok());
    const auto report = validate_changes(*schema.schema, {{"user_metadata", {{"team", nullptr}}}});
    CHECK(report.errors == std::map<std::string, std::string>{{"user_metadata.team", "This field is required."}});
}
