// The app's own words in the pseudo-locale (en-XA): every text the form
// mirror (what assistive technology reads) carries is wrapped "[!! ... !!]",
// except the person's own values and the schema's texts. Any text still
// plain here was made without the catalog. The browser-side twin is
// tests/e2e/pseudo_locale.test.mjs (the canvas too, and the fit).
#include "app/controller_account.hpp"
#include "app/form_mirror.hpp"
#include "app/i18n.hpp"
#include "fixtures.hpp"
#include "profiledesk/core/languages.hpp"
#include "profiledesk/core/localized_text.hpp"
#include "profiledesk/core/messages.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

using namespace profiledesk;
using namespace profiledesk::app;
using nlohmann::json;

namespace {

// Switches to the pseudo-locale for one test, back to English after.
struct pseudo_locale {
    core::messages before = current_messages();
    pseudo_locale() {
        std::ifstream in(PD_SOURCE_DIR "/web/i18n/en.json");
        std::stringstream text;
        text << in.rdbuf();
        std::string error;
        const auto english = core::message_catalog::parse(text.str(), error);
        REQUIRE(english);
        use_messages(core::messages(std::string(core::pseudo_language), *english, nullptr));
    }
    ~pseudo_locale() { use_messages(before); }
};

// Members whose strings are words for a person (not ids, values or kinds).
const std::set<std::string> worded = {"label", "title",       "heading", "status", "lines", "alerts",        "reason",
                                      "error", "placeholder", "section", "result", "texts", "sectionStatus", "address"};

bool pseudo(const std::string& s) {
    static const std::regex wrapped(R"(^\[!! [\s\S]* !!\]$)");
    return std::regex_match(s, wrapped);
}

// Every worded string in `j`, with where it was.
void collect(const json& j, const std::string& path, bool words,
             std::vector<std::pair<std::string, std::string>>& out) {
    if (j.is_string()) {
        if (words && !j.get<std::string>().empty()) out.emplace_back(path, j.get<std::string>());
    } else if (j.is_object()) {
        for (const auto& [k, v] : j.items()) collect(v, path + "." + k, words || worded.count(k) != 0, out);
    } else if (j.is_array()) {
        for (std::size_t i = 0; i < j.size(); ++i) collect(j[i], path + "[" + std::to_string(i) + "]", words, out);
    }
}

// The plain strings, less the exempt ones: the schema's own texts (metadata
// fields' labels, help and groups: the schema's, localised by the schema),
// the person's values, and the section keys the mirror groups by (the
// section's own label, checked where it is a label).
std::vector<std::string> plain_texts(const json& mirror, const std::set<std::string>& exempt) {
    std::vector<std::pair<std::string, std::string>> texts;
    collect(mirror, "", false, texts);
    std::vector<std::string> plain;
    for (const auto& [path, text] : texts) {
        if (!pseudo(text) && exempt.count(text) == 0) plain.push_back(path + ": " + text);
    }
    return plain;
}

std::set<std::string> schema_texts(const app_state& s) {
    std::set<std::string> out;
    for (const auto& f : s.profile->fields) {
        if (f.key.empty()) continue;
        out.insert(f.label);
        out.insert(f.help);
        out.insert(f.placeholder);
    }
    for (const auto& sec : s.profile->sections) {
        if (sec.ids.empty() || sec.ids.front().rfind("user_metadata.", 0) != 0) continue;
        out.insert(sec.label);
    }
    // The switcher's entries: each language by its own name, never translated.
    for (const auto& l : profiledesk::core::languages) out.insert(std::string(l.native_name));
    for (const auto& def : s.profile->schema.fields) {
        for (const auto& o : def.options)
            out.insert(profiledesk::core::resolve(o.label, profiledesk::app::current_messages().language()));
    }
    return out;
}

}  // namespace

TEST_CASE("pseudo-locale: the editor's mirror, with a change, has only catalog texts but the person's own") {
    pseudo_locale xa;
    auto s = fixtures::signed_in(true);  // Gina, Google: read-only reasons with the provider in them
    edit_text(s, "user_metadata.city", "Bergen");
    auto exempt = schema_texts(s);
    exempt.insert({"Gina Google", "gina@example.com"});
    const json m = form_mirror(s);
    CHECK(plain_texts(m, exempt) == std::vector<std::string>{});
    // The reason names the provider the server sent, inside the catalog's sentence.
    CHECK(s.profile->field("name")->reason ==
          core::format_message(core::pseudo_localize("Managed by your {provider} account: change it there."),
                               {{"provider", "Google"}}));
    CHECK(m["texts"]["mirror.actions"] == core::pseudo_localize("Actions"));
}

TEST_CASE("pseudo-locale: the review and conflict dialogs, the error banner, the account's steps") {
    pseudo_locale xa;
    auto s = fixtures::signed_in();
    auto exempt = schema_texts(s);
    exempt.insert({"Ada Lovelace", "ada@example.com", "Ada King", "Ada Byron"});
    edit_text(s, "name", "Ada King");
    open_review(s, true);
    CHECK(plain_texts(form_mirror(s), exempt) == std::vector<std::string>{});
    open_review(s, false);

    save(s);
    on_save_result(s, fixtures::answer(0, nullptr));  // no answer: the error banner
    REQUIRE(s.current == phase::error);
    CHECK(plain_texts(form_mirror(s), exempt) == std::vector<std::string>{});

    retry(s);
    on_save_result(s, fixtures::answer(409, {{"error", "conflict"},
                                             {"fields", {{"name", "Ada Byron"}}},
                                             {"version", "2024-01-03T00:00:00.000Z"}}));
    REQUIRE(s.current == phase::conflict);
    CHECK(plain_texts(form_mirror(s), exempt) == std::vector<std::string>{});
}

TEST_CASE("pseudo-locale: the welcome panel's mirror and the status line at start") {
    pseudo_locale xa;
    app_state s;
    // Not the catalog's: the brand's name, and each language's own name in the switcher.
    std::set<std::string> exempt = {s.brand_name};
    for (const auto& l : profiledesk::core::languages) exempt.insert(std::string(l.native_name));
    start(s);
    CHECK(pseudo(s.status_text.shown()));
    CHECK(plain_texts(form_mirror(s), exempt) == std::vector<std::string>{});
    on_session(s, fixtures::answer(200, {{"authenticated", false}}));
    REQUIRE(s.current == phase::signed_out);
    CHECK(plain_texts(form_mirror(s), exempt) == std::vector<std::string>{});
}
