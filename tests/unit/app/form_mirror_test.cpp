#include "app/form_mirror.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

namespace {
const json* field_of(const json& mirror, const std::string& id) {
    for (const auto& f : mirror["fields"]) {
        if (f["id"] == id) return &f;
    }
    return nullptr;
}
const json* action_of(const json& actions, const std::string& id) {
    for (const auto& a : actions) {
        if (a["id"] == id) return &a;
    }
    return nullptr;
}
}  // namespace

TEST_CASE("form mirror: every field in visual order, with label, value and kind") {
    const auto s = fixtures::signed_in();
    const json m = form_mirror(s);
    CHECK(m["screen"] == "editor");
    std::vector<std::string> ids;
    for (const auto& f : m["fields"]) ids.push_back(f["id"]);
    std::vector<std::string> expected{"language:switcher"};  // the header's language switcher first
    for (const auto& sec : s.profile->sections) expected.insert(expected.end(), sec.ids.begin(), sec.ids.end());
    CHECK(ids == expected);
    const auto* name = field_of(m, "name");
    REQUIRE(name != nullptr);
    CHECK((*name)["label"] == "Full name");  // a root attribute's label is the catalog's (field.name)
    CHECK((*name)["value"] == "Ada Lovelace");
    CHECK((*name)["kind"] == "text");
    CHECK((*name)["readonly"] == false);
    CHECK((*field_of(m, "user_metadata.bio"))["kind"] == "textarea");
    CHECK((*field_of(m, "user_metadata.birthday"))["kind"] == "date");
    CHECK((*field_of(m, "user_metadata.newsletter"))["value"] == "false");
    SECTION("a select lists its options, with none when not required") {
        const auto& options = (*field_of(m, "user_metadata.language"))["options"];
        CHECK(options.front() == json{{"value", ""}, {"label", "(not set)"}});
        CHECK(options[1] == json{{"value", "en"}, {"label", "English"}});
    }
}

TEST_CASE("form mirror: read-only fields carry the reason, invalid ones the error") {
    auto s = fixtures::signed_in(true);
    edit_text(s, "user_metadata.birthday", "2023-02-30");
    const json m = form_mirror(s);
    const auto& name = *field_of(m, "name");
    CHECK(name["readonly"] == true);
    CHECK(name["reason"] == "Managed by your Google account: change it there.");
    const auto& birthday = *field_of(m, "user_metadata.birthday");
    CHECK(birthday["invalid"] == true);
    CHECK(birthday["error"] == field_error(s, "user_metadata.birthday"));
    CHECK(birthday["changed"] == true);
    CHECK((*field_of(m, "user_metadata.city"))["invalid"] == false);
}

TEST_CASE("form mirror: actions are offered as the canvas offers them") {
    auto s = fixtures::signed_in();
    json m = form_mirror(s);
    CHECK((*action_of(m["actions"], "save"))["enabled"] == false);
    CHECK((*action_of(m["actions"], "review"))["enabled"] == false);
    CHECK((*action_of(m["actions"], "sign-out"))["item"] == "button:sign-out");
    CHECK((*action_of(m["actions"], "sign-out-everywhere"))["item"] == "button:sign-out-everywhere");
    CHECK(m["status"] == "No changes");
    edit_text(s, "name", "Ada King");
    m = form_mirror(s);
    CHECK((*action_of(m["actions"], "save"))["enabled"] == true);
    CHECK(m["status"] == "1 change not saved");
    SECTION("the review is a dialog with the change, before and after") {
        open_review(s, true);
        m = form_mirror(s);
        REQUIRE(m["dialog"].is_object());
        CHECK(m["dialog"]["title"] == "Review your changes");
        // Each value isolated (FSI ... PDI), so a right-to-left one keeps the line's order.
        CHECK(m["dialog"]["lines"][0] == "Full name: \u2068Ada Lovelace\u2069 \u2192 \u2068Ada King\u2069");
        CHECK((*action_of(m["dialog"]["actions"], "save"))["item"] == "button:review-save");
    }
    SECTION("signed out: only Sign in") {
        app_state out;
        start(out);
        on_session(out, fixtures::answer(200, {{"authenticated", false}}));
        m = form_mirror(out);
        REQUIRE(m["fields"].size() == 1);  // only the language switcher
        CHECK(m["fields"][0]["id"] == "language:switcher");
        REQUIRE(m["actions"].size() == 1);
        CHECK(m["actions"][0]["id"] == "sign-in");
    }
}

TEST_CASE("form mirror: edits change the draft as the canvas would") {
    auto s = fixtures::signed_in();
    SECTION("text, with the caret for the canvas") {
        CHECK(on_mirror_edit(s, "user_metadata.city", "Paris", 2, 5));
        CHECK(s.draft["user_metadata.city"] == "Paris");
        CHECK(s.caret.id == "user_metadata.city");
        CHECK(s.caret.start == 2);
        CHECK(s.caret.end == 5);
    }
    SECTION("a selection past the text is clamped") {
        on_mirror_select(s, "name", 40, 90);
        CHECK(s.caret.start == std::string("Ada Lovelace").size());
        CHECK(s.caret.end == std::string("Ada Lovelace").size());
    }
    SECTION("a checkbox") {
        CHECK(on_mirror_edit(s, "user_metadata.newsletter", "true", 0, 0));
        CHECK(s.draft["user_metadata.newsletter"] == true);
        CHECK_FALSE(on_mirror_edit(s, "user_metadata.newsletter", "yes", 0, 0));
    }
    SECTION("a select takes only its options, or none") {
        CHECK(on_mirror_edit(s, "user_metadata.language", "de", 0, 0));
        CHECK(s.draft["user_metadata.language"] == "de");
        CHECK_FALSE(on_mirror_edit(s, "user_metadata.language", "klingon", 0, 0));
        CHECK(s.draft["user_metadata.language"] == "de");
        CHECK(on_mirror_edit(s, "user_metadata.language", "", 0, 0));
        CHECK(s.draft["user_metadata.language"].is_null());
    }
    SECTION("read-only and unknown fields refuse") {
        CHECK_FALSE(on_mirror_edit(s, "email", "eve@example.com", 0, 0));
        CHECK_FALSE(on_mirror_edit(s, "app_metadata.role", "admin", 0, 0));
        CHECK_FALSE(has_unsaved_changes(s));
    }
    SECTION("nothing is edited under an open dialog") {
        edit_text(s, "name", "Ada King");
        open_review(s, true);
        CHECK_FALSE(on_mirror_edit(s, "user_metadata.city", "Paris", 0, 0));
        CHECK(s.draft["user_metadata.city"] == "London");
    }
}

TEST_CASE("form mirror: a Google user's provider-owned field refuses edits") {
    auto s = fixtures::signed_in(true);
    CHECK_FALSE(on_mirror_edit(s, "name", "Someone Else", 0, 0));
    CHECK(s.draft["name"] == "Gina Google");
}

TEST_CASE("form mirror: focus moves the canvas's focus") {
    auto s = fixtures::signed_in();
    on_mirror_focus(s, "nickname");
    CHECK(s.focused == "nickname");
    CHECK(s.focus_request == "nickname");
    s.focus_request.clear();
    on_mirror_focus(s, "email");  // read-only: the canvas never focuses it
    CHECK(s.focused == "nickname");
}

TEST_CASE("form mirror: buttons act only where the canvas would let them") {
    auto s = fixtures::signed_in();
    CHECK(on_mirror_action(s, "save").empty());  // nothing to save
    CHECK(on_mirror_action(s, "discard").empty());
    on_mirror_action(s, "review");
    CHECK_FALSE(s.review_open);
    edit_text(s, "name", "Ada King");
    on_mirror_action(s, "review");
    CHECK(s.review_open);
    on_mirror_action(s, "close-review");
    CHECK_FALSE(s.review_open);
    const auto e = on_mirror_action(s, "save");
    REQUIRE(e.size() == 1);
    CHECK(e[0].what == effect::kind::patch_profile);
    CHECK(s.current == phase::saving);
    CHECK(on_mirror_action(s, "discard").empty());  // not while saving
    CHECK(on_mirror_action(s, "sign-in").empty());
    const auto everywhere = on_mirror_action(s, "sign-out-everywhere");
    REQUIRE(everywhere.size() == 1);
    CHECK(everywhere[0].what == effect::kind::end_all_sessions);
    CHECK(on_mirror_action(s, "no-such-button").empty());
    CHECK(on_mirror_action(s, "choose:name:mine").empty());
}

TEST_CASE("form mirror: Retry says how long the server asks us to wait, and waits") {
    auto s = fixtures::signed_in();
    edit_text(s, "name", "Ada King");
    save(s);
    s.now_s = 10;
    on_save_result(s, fixtures::answer(503, {{"error", "upstream_rate_limited"}, {"message", "Busy."}}, "2"));
    auto retry_action = *action_of(form_mirror(s)["actions"], "retry");
    CHECK(retry_action["label"] == "Retry in 2 s");
    CHECK(retry_action["enabled"] == false);
    CHECK(on_mirror_action(s, "retry").empty());
    s.now_s = 12;
    retry_action = *action_of(form_mirror(s)["actions"], "retry");
    CHECK(retry_action["label"] == "Retry");
    CHECK(retry_action["enabled"] == true);
    CHECK(on_mirror_action(s, "retry").size() == 1);
}

TEST_CASE("form mirror: a conflict is a dialog whose choices are pressed buttons") {
    auto s = fixtures::signed_in();
    edit_text(s, "name", "Ada King");
    save(s);
    on_save_result(s, fixtures::answer(409, {{"error", "conflict"},
                                             {"message", "Changed elsewhere."},
                                             {"fields", {{"name", "Ada Byron"}}},
                                             {"version", "2024-01-03T00:00:00.000Z"}}));
    REQUIRE(s.current == phase::conflict);
    json m = form_mirror(s);
    REQUIRE(m["dialog"].is_object());
    CHECK((*action_of(m["dialog"]["actions"], "choose:name:mine"))["pressed"] == false);
    CHECK((*action_of(m["dialog"]["actions"], "choose:name:mine"))["label"] == "Full name, mine: \u2068Ada King\u2069");
    CHECK((*action_of(m["dialog"]["actions"], "resolve"))["enabled"] == false);
    CHECK_FALSE(on_mirror_edit(s, "name", "Third", 0, 0));
    on_mirror_action(s, "choose:name:theirs");
    m = form_mirror(s);
    CHECK((*action_of(m["dialog"]["actions"], "choose:name:theirs"))["pressed"] == true);
    CHECK((*action_of(m["dialog"]["actions"], "resolve"))["enabled"] == true);
}
