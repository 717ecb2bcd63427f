// web/i18n/en.json against the app's sources: every key the app names is
// there, every key of the app's areas is used, and the file keeps the shape
// the catalogs share (sorted, 2-space indent, one key per line), so that
// translators and merges see one line per text.
#include "app/controller_account.hpp"
#include "app/i18n.hpp"
#include "app/keyed_text.hpp"
#include "profiledesk/core/languages.hpp"
#include "profiledesk/core/messages.hpp"
#include "profiledesk/core/password_policy.hpp"
#include "profiledesk/core/root_attributes.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

const fs::path source_dir = PD_SOURCE_DIR;

json english() { return json::parse(read(source_dir / "web/i18n/en.json")); }

// The areas whose keys the app's own sources name (others' areas, error.*
// and validation.* by code, language.* by tag, come with their own checks).
const std::set<std::string> own_areas = {"account", "banner", "bar",    "conflict", "devices", "field",  "form",
                                         "header",  "mirror", "reason", "reauth",   "review",  "status", "welcome"};

std::string area_of(const std::string& key) { return key.substr(0, key.find('.')); }

// Literals of that shape that are ids, not keys: the inputs of Sign-in and
// security (account_state.hpp).
const std::set<std::string> not_a_key = {"account.confirm", "account.password"};

// Every string literal in the app's sources (wasm/, shell/form_mirror.js)
// that is a key of one of those areas.
std::set<std::string> keys_named_in_sources() {
    std::set<std::string> keys;
    const std::regex literal(R"re(["']([a-z_]+\.[a-z0-9_.-]+)["'])re");
    std::vector<fs::path> files{source_dir / "shell/form_mirror.js"};
    for (const auto& e : fs::recursive_directory_iterator(source_dir / "wasm")) {
        const auto ext = e.path().extension();
        if (ext == ".cpp" || ext == ".hpp") files.push_back(e.path());
    }
    for (const auto& f : files) {
        const std::string text = read(f);
        for (std::sregex_iterator it(text.begin(), text.end(), literal), end; it != end; ++it) {
            const std::string key = (*it)[1];
            if (own_areas.count(area_of(key)) != 0 && key.back() != '.' && not_a_key.count(key) == 0) keys.insert(key);
        }
    }
    return keys;
}

// Keys made at run time from a code: field.<root attribute>, reason.<code>
// (core/profile_view.hpp's reasonCode), account.rule.<password rule>, and
// devices.<unit>_ago_<one|other> (when_text).
std::set<std::string> keys_made_from_codes() {
    std::set<std::string> keys;
    for (const auto& a : profiledesk::core::root_attributes) keys.insert("field." + std::string(a.key));
    for (const char* code : {"synced_from_identity_provider", "email_not_database", "sign_in_identifier"}) {
        keys.insert(std::string("reason.") + code);
    }
    using profiledesk::core::password_level;
    for (const auto level : {password_level::none, password_level::low, password_level::fair, password_level::good,
                             password_level::excellent}) {
        for (const auto& rule : profiledesk::core::password_rules({level, std::nullopt})) {
            if (rule.id == "length") {
                keys.insert("account.rule.length_one");
                keys.insert("account.rule.length_other");
            } else {
                keys.insert("account.rule." + rule.id);
            }
        }
    }
    return keys;
}

}  // namespace

TEST_CASE("en.json is sorted, two-space indented, one key per line, and parses as a catalog") {
    const std::string text = read(source_dir / "web/i18n/en.json");
    const json j = json::parse(text);
    REQUIRE(j.is_object());
    // nlohmann's objects are sorted by key: its dump is the canonical file.
    CHECK(text == j.dump(2, ' ', false) + "\n");
    std::string error;
    CHECK(profiledesk::core::message_catalog::parse(text, error).has_value());
    CHECK(error.empty());
}

TEST_CASE("every key the app names, literally or from a code, is in en.json") {
    const json en = english();
    std::set<std::string> wanted = keys_named_in_sources();
    REQUIRE(wanted.size() > 100);  // the scan found the sources
    const auto made = keys_made_from_codes();
    wanted.insert(made.begin(), made.end());
    for (const auto& key : wanted) {
        INFO(key);
        CHECK(en.contains(key));
    }
}

TEST_CASE("every key of the app's areas in en.json is used") {
    const auto named = keys_named_in_sources();
    const auto made = keys_made_from_codes();
    const json en = english();  // a named object: items() refers to it
    for (const auto& [key, text] : en.items()) {
        if (own_areas.count(area_of(key)) == 0) continue;
        INFO(key);
        // account.password is both an input's id and its label's key (account_view.cpp).
        CHECK((named.count(key) != 0 || made.count(key) != 0 || not_a_key.count(key) != 0));
    }
}

TEST_CASE("every password rule core knows reads as a sentence, never as its id") {
    using profiledesk::core::password_level;
    for (const auto& rule : profiledesk::core::password_rules({password_level::excellent, std::nullopt})) {
        INFO(rule.id);
        CHECK(profiledesk::app::rule_text(rule) != rule.id);
    }
    CHECK(profiledesk::app::rule_text({"length", 1}) == "At least 1 character");
    CHECK(profiledesk::app::rule_text({"length", 12}) == "At least 12 characters");
    CHECK(profiledesk::app::rule_text({"unheard_of", 0}) == "unheard_of");
}

TEST_CASE("a keyed text is looked up when shown, so it follows a language switch") {
    using namespace profiledesk;
    const auto english_messages = app::current_messages();
    std::string error;
    const auto catalog = core::message_catalog::parse(read(source_dir / "web/i18n/en.json"), error);
    REQUIRE(catalog);
    const app::keyed_text saved{"status.saved_other", {{"count", "3"}}};
    CHECK(saved.shown() == "Saved 3 changes.");
    app::use_messages(core::messages(std::string(core::pseudo_language), *catalog, nullptr));
    CHECK(saved.shown() == core::format_message(core::pseudo_localize("Saved {count} changes."), {{"count", "3"}}));
    CHECK(saved.shown().rfind("[!! ", 0) == 0);
    app::use_messages(english_messages);
    CHECK(saved.shown() == "Saved 3 changes.");
    CHECK(app::keyed_text{}.shown().empty());
}
