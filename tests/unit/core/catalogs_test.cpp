// The shipped message catalogs (web/i18n/<tag>.json, one per language of
// core/languages.hpp) against English's. At run time a key missing from a
// translation quietly shows English (messages.hpp), and a placeholder renamed
// in one shows "{nmae}" to the user: neither is an error the app can see, so
// this test is where they are caught, when English gains or changes a text.
#include "profiledesk/core/languages.hpp"
#include "profiledesk/core/messages.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

using namespace profiledesk::core;
namespace fs = std::filesystem;

namespace {

fs::path catalog_path(std::string_view tag) {
    return fs::path(PD_SOURCE_DIR) / "web" / "i18n" / (std::string(tag) + ".json");
}

std::optional<std::string> read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

message_catalog parse_catalog(std::string_view json) {
    std::string error;
    auto catalog = message_catalog::parse(json, error);
    INFO(error);
    REQUIRE(catalog);
    return *catalog;
}

std::string names(std::vector<std::string> placeholders) {
    if (placeholders.empty()) return "none";
    std::string out;
    for (const auto& p : placeholders) out += (out.empty() ? "{" : " {") + p + "}";
    return out;
}

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n'; });
}

// What is wrong with `translation` next to `english`, one line per problem
// (empty when nothing is): a key English has and it lacks, a key English
// lacks (a typo, or a text English dropped), a text whose placeholders are not
// English's (compared as a multiset: a translation may reorder them, never
// rename, drop or add one), and a blank text.
std::vector<std::string> differences(const message_catalog& english, const message_catalog& translation) {
    std::vector<std::string> problems;
    for (const auto& [key, text] : english.entries()) {
        if (translation.find(key) == nullptr) problems.push_back(key + ": missing");
    }
    for (const auto& [key, text] : translation.entries()) {
        const auto* original = english.find(key);
        if (original == nullptr) {
            problems.push_back(key + ": not in en.json");
            continue;
        }
        if (blank(text)) problems.push_back(key + ": empty");
        auto want = message_placeholders(*original), have = message_placeholders(text);
        std::sort(want.begin(), want.end());
        std::sort(have.begin(), have.end());
        if (want != have) problems.push_back(key + ": placeholders " + names(have) + ", English has " + names(want));
    }
    return problems;
}

// The shared layout (a clean diff and merge when several people add keys):
// one `  "key": "text",` per line between the braces, keys in byte order,
// each once (a JSON parser keeps one of two equal keys silently), and UTF-8
// written as itself, not as \u escapes a translator cannot read.
std::vector<std::string> layout_problems(const std::string& file) {
    std::vector<std::string> problems;
    std::istringstream lines(file);
    std::string line, previous;
    const std::regex entry(R"re(^  "([a-z0-9._-]+)": "(.*)",?$)re");
    std::getline(lines, line);
    if (line != "{") problems.push_back("line 1: want \"{\"");
    bool closed = false;
    for (int n = 2; std::getline(lines, line); ++n) {
        if (line == "}") {
            closed = true;
            break;
        }
        std::smatch m;
        if (!std::regex_match(line, m, entry)) {
            problems.push_back("line " + std::to_string(n) + ": not one `  \"key\": \"text\",` entry");
            continue;
        }
        const auto key = m[1].str();
        if (!previous.empty() && !(previous < key)) {
            problems.push_back("line " + std::to_string(n) + ": " + key + " after " + previous + " (sort the keys)");
        }
        if (m[2].str().find("\\u") != std::string::npos) {
            problems.push_back("line " + std::to_string(n) + ": " + key + " has a \\u escape; write the character");
        }
        previous = key;
    }
    if (!closed) problems.push_back("no closing \"}\" on a line of its own");
    return problems;
}

}  // namespace

TEST_CASE("catalogs: the comparison finds a missing key, an extra one, a renamed placeholder and a blank text") {
    const auto english = parse_catalog(R"({"a.save": "Save", "a.count": "{count} of {total}", "a.x": "X"})");
    CHECK(differences(english, parse_catalog(R"({"a.save": "Enregistrer", "a.count": "{total} : {count}",
                                                 "a.x": "X"})"))
              .empty());
    CHECK(differences(english, parse_catalog(R"({"a.save": "Enregistrer", "a.x": "X"})")) ==
          std::vector<std::string>{"a.count: missing"});
    CHECK(differences(english, parse_catalog(R"({"a.save": "E", "a.count": "{count} {total}", "a.x": "X",
                                                 "a.y": "Y"})")) == std::vector<std::string>{"a.y: not in en.json"});
    CHECK(differences(english, parse_catalog(R"({"a.save": "E", "a.count": "{cuont} sur {total}", "a.x": "X"})")) ==
          std::vector<std::string>{"a.count: placeholders {cuont} {total}, English has {count} {total}"});
    CHECK(differences(english, parse_catalog(R"({"a.save": "E", "a.count": "{count} {count} {total}", "a.x": "X"})"))
              .size() == 1);
    CHECK(differences(english, parse_catalog(R"({"a.save": " ", "a.count": "{count} {total}", "a.x": "X"})")) ==
          std::vector<std::string>{"a.save: empty"});

    CHECK(layout_problems("{\n  \"a.b\": \"B\",\n  \"a.c\": \"C\"\n}\n").empty());
    CHECK(layout_problems("{\n  \"a.c\": \"C\",\n  \"a.b\": \"B\"\n}\n").size() == 1);
    CHECK(layout_problems("{\n  \"a.b\": \"B\",\n  \"a.b\": \"C\"\n}\n").size() == 1);
    CHECK(layout_problems("{\n    \"a.b\": \"B\"\n}\n").size() == 1);
    CHECK(layout_problems("{\"a.b\": \"B\"}\n").size() == 2);
    CHECK(layout_problems("{\n  \"a.b\": \"\\u00e9\"\n}\n").size() == 1);
}

TEST_CASE("catalogs: every shipped language has one, with English's keys and placeholders, laid out alike") {
    const auto english_file = read_file(catalog_path(default_language));
    REQUIRE(english_file);
    const auto english = parse_catalog(*english_file);
    REQUIRE(english.entries().size() > 100);  // the real catalog, not a stub

    for (const auto& lang : languages) {
        INFO(catalog_path(lang.tag).string());
        const auto file = read_file(catalog_path(lang.tag));
        REQUIRE(file);
        const auto catalog = parse_catalog(*file);
        for (const auto& problem : layout_problems(*file)) FAIL_CHECK(problem);
        if (lang.tag == default_language) {
            for (const auto& [key, text] : catalog.entries()) {
                if (blank(text)) FAIL_CHECK(key << ": empty");
            }
            continue;
        }
        for (const auto& problem : differences(english, catalog)) FAIL_CHECK(problem);
    }
}
