// The app's language (controller_language.cpp): choosing, catalogs in,
// following the profile, the switcher, saving the choice; the form's schema
// texts in the current language; dates through formats.hpp.
#include "app/language.hpp"
#include "app/devices.hpp"
#include "app/form_mirror.hpp"
#include "app/formats.hpp"
#include "app/glyphs.hpp"
#include "app/i18n.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace profiledesk::app;
using nlohmann::json;
using fixtures::body_of;

namespace {

const std::string english = R"({"language.choose": "Language", "language.not_saved": "Not saved."})";
const std::string french = R"({"language.choose": "Langue"})";

// The messages are one per page (i18n.hpp): each test leaves English behind.
struct english_after {
    ~english_after() { use_messages(profiledesk::core::messages()); }
};

bool has(const effects& out, effect::kind k, const std::string& url = {}) {
    return std::any_of(out.begin(), out.end(),
                       [&](const effect& e) { return e.what == k && (url.empty() || e.url == url); });
}

const effect* find(const effects& out, effect::kind k) {
    const auto it = std::find_if(out.begin(), out.end(), [&](const effect& e) { return e.what == k; });
    return it == out.end() ? nullptr : &*it;
}

// Ada's profile with user_metadata `metadata`, the browser in `browser`, its catalog in.
app_state signed_in_with(const json& metadata, const std::string& browser = "en") {
    app_state s;
    start_language(s, "", {browser});
    std::string problem;
    on_catalog(s, s.language.loading, english, browser == "fr" ? french : "", problem);
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session()));
    on_profile(s, fixtures::answer(200, fixtures::profile_view("2024-01-01T00:00:00.000Z", false, metadata)));
    return s;
}

}  // namespace

TEST_CASE("language: the browser's choice at start, its catalog asked for") {
    english_after reset;
    app_state s;
    SECTION("navigator.languages, by primary subtag") {
        const auto out = start_language(s, "", {"fr-CA", "en"});
        CHECK(s.language.browser == "fr");
        REQUIRE(out.size() == 1);
        CHECK(out[0].what == effect::kind::load_catalog);
        CHECK(out[0].url == "fr");
    }
    SECTION("the language last chosen in this browser wins") {
        start_language(s, "de", {"fr"});
        CHECK(s.language.browser == "de");
    }
    SECTION("nothing we ship: English") { CHECK(start_language(s, "xx", {"pt-BR"}).at(0).url == "en"); }
    SECTION("the pseudo-locale when asked for") { CHECK(start_language(s, "", {"en-XA"}).at(0).url == "en-XA"); }
}

TEST_CASE("language: a catalog in switches the texts, the page's lang and dir") {
    english_after reset;
    app_state s;
    start_language(s, "", {"ar"});
    std::string problem;
    const auto out = on_catalog(s, "ar", english, R"({"language.choose": "اللغة"})", problem);
    CHECK(problem.empty());
    CHECK(s.language.current == "ar");
    CHECK(tr("language.choose") == "اللغة");
    CHECK(tr("language.not_saved") == "Not saved.");  // missing in ar: English
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::set_page_language);
    CHECK(out[0].url == "ar");
    CHECK(out[0].body == "rtl");
    CHECK(state_to_json(s)["language"] == "ar");
    CHECK(state_to_json(s)["dir"] == "rtl");
}

TEST_CASE("language: a catalog that failed or is malformed falls back to English") {
    english_after reset;
    app_state s;
    start_language(s, "", {"fr"});
    std::string problem;
    SECTION("not fetched") { on_catalog(s, "fr", english, "", problem); }
    SECTION("not a catalog") { on_catalog(s, "fr", english, "[1, 2]", problem); }
    SECTION("not JSON") { on_catalog(s, "fr", english, "{\"language.choose\": ", problem); }
    CHECK_THAT(problem, Catch::StartsWith("fr.json"));
    CHECK(s.language.current == "en");
    CHECK(tr("language.choose") == "Language");
    CHECK(state_to_json(s)["dir"] == "ltr");
}

TEST_CASE("language: without English the keys show, and the console is told") {
    english_after reset;
    app_state s;
    start_language(s, "", {"en"});
    std::string problem;
    on_catalog(s, "en", "", "", problem);
    CHECK_THAT(problem, Catch::StartsWith("en.json"));
    CHECK(tr("language.choose") == "language.choose");
}

TEST_CASE("language: an answer for a language no longer wanted is dropped") {
    english_after reset;
    app_state s;
    start_language(s, "", {"fr"});
    choose_language_tag(s, "de");
    std::string problem;
    CHECK(on_catalog(s, "fr", english, french, problem).empty());
    CHECK(s.language.loading == "de");
    CHECK(current_messages().language() == "en");
}

TEST_CASE("language: the profile's saved preference wins over the browser's") {
    english_after reset;
    SECTION("a language we ship") {
        app_state s;
        start_language(s, "", {"fr"});
        std::string problem;
        on_catalog(s, "fr", english, french, problem);
        start(s);
        on_session(s, fixtures::answer(200, fixtures::session()));
        const auto out = on_profile(
            s, fixtures::answer(200, fixtures::profile_view("2024-01-01T00:00:00.000Z", false, {{"language", "de"}})));
        CHECK(has(out, effect::kind::load_catalog, "de"));
        CHECK(s.language.browser == "fr");  // this browser's own choice is unchanged
    }
    SECTION("one we do not ship: the browser's stays") {
        auto s = signed_in_with({{"language", "it"}}, "fr");
        CHECK(s.language.current == "fr");
        CHECK(s.language.loading.empty());
    }
}

TEST_CASE("language: the form's schema texts follow the language") {
    english_after reset;
    auto s = signed_in_with({{"city", "Paris"}}, "fr");
    CHECK(s.profile->field("user_metadata.city")->label == "Ville");
    CHECK(s.profile->field("user_metadata.display_title")->placeholder == "Designer produit");
    const auto contact = std::find_if(s.profile->sections.begin(), s.profile->sections.end(),
                                      [](const form_section& sec) { return sec.label == "Contact"; });
    CHECK(contact != s.profile->sections.end());
    edit_text(s, "user_metadata.bio", "unsaved");
    SECTION("a switch relabels the form; values and the draft stay") {
        choose_language_tag(s, "de");
        std::string problem;
        on_catalog(s, "de", english, "{}", problem);
        CHECK(s.profile->field("user_metadata.city")->label == "Stadt");
        CHECK(s.profile->sections.back().label == "Einstellungen");
        CHECK(s.draft.at("user_metadata.bio") == "unsaved");
        // An option's label, in the review and the mirror.
        edit_value(s, "user_metadata.pronouns", "name");
        const auto lines = review(s);
        const auto line = std::find_if(lines.begin(), lines.end(),
                                       [](const review_line& l) { return l.id == "user_metadata.pronouns"; });
        REQUIRE(line != lines.end());
        CHECK(line->after == "Meinen Namen verwenden");
    }
}

TEST_CASE("language: the switcher lists the shipped languages by their own names, not the pseudo-locale") {
    const auto list = switcher_languages();
    REQUIRE(list.size() == 6);
    CHECK(list[0].tag == "en");
    CHECK(list[5].name == "العربية");
    CHECK(std::none_of(list.begin(), list.end(), [](const language_choice& c) { return c.tag == "en-XA"; }));
}

TEST_CASE("language: choosing saves to the profile as its own PATCH of only the language") {
    english_after reset;
    auto s = signed_in_with({{"city", "London"}, {"language", "en"}});
    edit_text(s, "user_metadata.city", "Paris");  // an unsaved edit: not sent, kept
    const auto out = choose_language_tag(s, "fr");
    CHECK(has(out, effect::kind::store_language));
    CHECK(find(out, effect::kind::store_language)->body == "fr");
    CHECK(has(out, effect::kind::load_catalog, "fr"));
    const auto* patch = find(out, effect::kind::patch_language);
    REQUIRE(patch != nullptr);
    CHECK(body_of(*patch) ==
          json{{"baseVersion", "2024-01-01T00:00:00.000Z"}, {"changes", {{"user_metadata", {{"language", "fr"}}}}}});
    CHECK(s.language.saving == "fr");
    CHECK(s.current == phase::editing);  // the form is not saving
    // Not the form's Save meanwhile: its answer would carry the old language
    // and switch the page back (two PATCHes on one version).
    CHECK_FALSE(can_save(s));

    SECTION("saved: the form shows it, the other edit stays unsaved") {
        const auto view = fixtures::profile_view("2024-01-02T00:00:00.000Z", false,
                                                 {{"city", "London"}, {"language", "fr"}});
        on_language_saved(s, fixtures::answer(200, view));
        CHECK(s.language.saving.empty());
        CHECK_FALSE(s.language.save_failed);
        CHECK(s.profile->version == "2024-01-02T00:00:00.000Z");
        CHECK(s.draft.at("user_metadata.language") == "fr");
        CHECK_FALSE(is_changed(s, "user_metadata.language"));
        CHECK(s.draft.at("user_metadata.city") == "Paris");
        CHECK(changed_fields(s) == std::vector<std::string>{"user_metadata.city"});
        CHECK(s.current == phase::editing);
    }
    SECTION("a field the person changed was saved elsewhere meanwhile: a conflict, as the next save would find") {
        const auto view = fixtures::profile_view("2024-01-02T00:00:00.000Z", false,
                                                 {{"city", "Oslo"}, {"language", "fr"}});
        on_language_saved(s, fixtures::answer(200, view));
        CHECK(s.current == phase::conflict);
        REQUIRE(s.conflicts.size() == 1);
        CHECK(s.conflicts[0].id == "user_metadata.city");
        CHECK(s.conflicts[0].mine == "Paris");
        CHECK(s.conflicts[0].theirs == "Oslo");
    }
    SECTION("a 409: sent once more on the server's version") {
        const auto again = on_language_saved(s,
                                             fixtures::answer(409, {{"error", "conflict"},
                                                                    {"version", "2024-01-03T00:00:00.000Z"},
                                                                    {"fields", {{"user_metadata.language", "de"}}}}));
        REQUIRE(again.size() == 1);
        CHECK(body_of(again[0])["baseVersion"] == "2024-01-03T00:00:00.000Z");
        CHECK(body_of(again[0])["changes"] == json{{"user_metadata", {{"language", "fr"}}}});
        on_language_saved(s, fixtures::answer(409, {{"error", "conflict"}, {"version", "x"}}));
        CHECK(s.language.save_failed);  // not a loop
    }
    SECTION("a failure: said, the UI keeps the language, the draft is untouched") {
        on_language_saved(s, fixtures::answer(503, {{"error", "upstream_unavailable"}, {"message", "down"}}));
        CHECK(s.language.save_failed);
        CHECK(s.language.browser == "fr");
        CHECK(s.draft.at("user_metadata.city") == "Paris");
        CHECK(s.current == phase::editing);
    }
    SECTION("a second choice while the first is saved goes after it") {
        CHECK_FALSE(has(choose_language_tag(s, "de"), effect::kind::patch_language));
        const auto view = fixtures::profile_view("2024-01-02T00:00:00.000Z", false,
                                                 {{"city", "London"}, {"language", "fr"}});
        const auto next = on_language_saved(s, fixtures::answer(200, view));
        REQUIRE(next.size() == 1);
        CHECK(body_of(next[0]) == json{{"baseVersion", "2024-01-02T00:00:00.000Z"},
                                       {"changes", {{"user_metadata", {{"language", "de"}}}}}});
        CHECK(s.language.saving == "de");
    }
}

TEST_CASE("language: no save when the schema's language field does not offer the choice, or before sign-in") {
    english_after reset;
    SECTION("signed out: only this browser remembers") {
        app_state s;
        start_language(s, "", {"en"});
        const auto out = choose_language_tag(s, "ja");
        CHECK(has(out, effect::kind::store_language));
        CHECK_FALSE(has(out, effect::kind::patch_language));
    }
    SECTION("a schema without a language field") {
        auto s = signed_in_with({{"city", "London"}});
        auto view = fixtures::profile_view();
        view["schema"]["fields"] = json::array({{{"key", "city"}, {"label", "City"}, {"type", "string"}}});
        on_profile(s, fixtures::answer(200, view));
        CHECK_FALSE(has(choose_language_tag(s, "fr"), effect::kind::patch_language));
    }
    SECTION("a tag the switcher does not offer is refused") {
        auto s = signed_in_with({{"city", "London"}});
        CHECK(choose_language_tag(s, "en-XA").empty());
        CHECK(choose_language_tag(s, "it").empty());
    }
    SECTION("a form save in flight: the choice joins the draft") {
        auto s = signed_in_with({{"city", "London"}});
        edit_text(s, "user_metadata.city", "Paris");
        save(s);
        const auto out = choose_language_tag(s, "fr");
        CHECK_FALSE(has(out, effect::kind::patch_language));
        CHECK(s.draft.at("user_metadata.language") == "fr");
    }
}

TEST_CASE("language: the mirror's switcher, labelled in the language, on every screen") {
    english_after reset;
    app_state s;
    start_language(s, "", {"fr"});
    std::string problem;
    on_catalog(s, "fr", english, french, problem);
    const json welcome = form_mirror(s);
    REQUIRE_FALSE(welcome["fields"].empty());
    const json& entry = welcome["fields"][0];
    CHECK(entry["id"] == language_switcher_field);
    CHECK(entry["label"] == "Langue");
    CHECK(entry["kind"] == "select");
    CHECK(entry["value"] == "fr");
    CHECK(entry["options"].size() == 6);
}

TEST_CASE("language: dates go through the installed formats (the browser's Intl)") {
    const formats before = current_formats();
    formats f = before;
    f.date_time = [](std::int64_t t, int) { return "le " + std::to_string(t); };
    f.ago = [](std::int64_t n, std::string_view unit) {
        return "il y a " + std::to_string(n) + " " + std::string(unit);
    };
    use_formats(f);
    const std::int64_t now = 1764770000;
    CHECK(when_text(now - 300, now, 0) == "il y a 5 minute");
    CHECK(when_text(now - 7200, now, 0) == "il y a 2 hour");
    CHECK(when_text(now - 90000, now, 0) == "le " + std::to_string(now - 90000));
    use_formats(before);
}

TEST_CASE("language: the glyphs a language needs: its catalog's, and the switcher's names once it opened") {
    english_after reset;
    app_state s;
    start_language(s, "", {"en"});
    std::string problem;
    on_catalog(s, "en", english, "", problem);
    CHECK(shown_codepoints(s).count(U'日') == 0);  // an English page asks for nothing more
    on_switcher_opened(s);
    CHECK(shown_codepoints(s).count(U'日') == 1);
    choose_language_tag(s, "ja");
    on_catalog(s, "ja", english, R"({"language.choose": "言語"})", problem);
    CHECK(shown_codepoints(s).count(U'言') == 1);
}
