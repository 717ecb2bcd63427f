#include "fixtures.hpp"
#include "state/controller.hpp"
#include "state/form_mirror.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

namespace {
json body_of(const effect& e) { return json::parse(e.body); }
}  // namespace

TEST_CASE("controller: editing marks the field changed and counts it") {
    auto s = fixtures::signed_in();
    CHECK_FALSE(has_unsaved_changes(s));
    edit_text(s, "name", "Ada King");
    CHECK(is_changed(s, "name"));
    CHECK_FALSE(is_changed(s, "nickname"));
    CHECK(changed_fields(s) == std::vector<std::string>{"name"});
    SECTION("typing the old value back is no change") {
        edit_text(s, "name", "Ada Lovelace");
        CHECK_FALSE(has_unsaved_changes(s));
    }
}

TEST_CASE("controller: the changes are core::diff's minimal PATCH shape") {
    auto s = fixtures::signed_in();
    edit_text(s, "name", "Ada King");
    edit_text(s, "user_metadata.city", "");  // cleared: removed
    edit_value(s, "user_metadata.newsletter", true);
    CHECK(pending_changes(s) == json{{"name", "Ada King"},
                                     {"user_metadata", {{"city", nullptr}, {"newsletter", true}}}});
}

TEST_CASE("controller: validation messages come from core as the person types") {
    auto s = fixtures::signed_in();
    SECTION("a metadata field") {
        edit_text(s, "user_metadata.birthday", "2023-02-29");
        CHECK_FALSE(field_error(s, "user_metadata.birthday").empty());
        CHECK_FALSE(can_save(s));
        edit_text(s, "user_metadata.birthday", "2024-02-29");
        CHECK(field_error(s, "user_metadata.birthday").empty());
        CHECK(can_save(s));
    }
    SECTION("a root attribute") {
        edit_text(s, "name", "   ");
        CHECK_FALSE(field_error(s, "name").empty());
        CHECK_FALSE(can_save(s));
    }
    SECTION("a pattern with its own message") {
        edit_text(s, "user_metadata.timezone", "london");
        CHECK(field_error(s, "user_metadata.timezone") ==
              "Enter a time zone name, like Europe/London or America/New_York.");
    }
    SECTION("a length limit") {
        edit_text(s, "user_metadata.city", std::string(101, 'x'));
        CHECK_FALSE(field_error(s, "user_metadata.city").empty());
    }
}

TEST_CASE("controller: a save with errors sends nothing") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.website", "ftp://nope");
    CHECK(save(s).empty());
    CHECK(s.current == phase::editing);
    CHECK(s.saves_sent == 0);
}

TEST_CASE("controller: read-only fields cannot be edited") {
    auto s = fixtures::signed_in(/*social=*/true);
    edit_text(s, "name", "Someone else");
    CHECK_FALSE(has_unsaved_changes(s));
    const auto* f = s.profile->field("name");
    REQUIRE(f);
    CHECK_FALSE(f->editable);
    CHECK(f->reason == "Managed by your Google account: change it there.");
    edit_text(s, "user_metadata.city", "Berlin");
    CHECK(changed_fields(s) == std::vector<std::string>{"user_metadata.city"});
    CHECK(focus_order(s).front() == "user_metadata.display_title");
}

TEST_CASE("controller: save sends baseVersion and only the changes") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    const auto out = save(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::patch_profile);
    CHECK(body_of(out[0]) == json{{"baseVersion", "2024-01-01T00:00:00.000Z"},
                                  {"changes", {{"user_metadata", {{"city", "Paris"}}}}}});
    CHECK(s.current == phase::saving);
    CHECK(save(s).empty());  // one save at a time
}

TEST_CASE("controller: a successful save shows the new values and a confirmation") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    edit_text(s, "nickname", "countess");
    save(s);
    auto view = fixtures::profile_view("2024-01-02T00:00:00.000Z", false, {{"city", "Paris"}});
    view["user"]["nickname"] = "countess";
    const auto out = on_save_result(s, fixtures::answer(200, view));
    CHECK(s.current == phase::editing);
    CHECK(s.profile->version == "2024-01-02T00:00:00.000Z");
    CHECK_FALSE(has_unsaved_changes(s));
    CHECK(s.notice == "Saved 2 changes.");
    REQUIRE_FALSE(out.empty());
    CHECK(out[0].what == effect::kind::clear_draft);
}

TEST_CASE("controller: server validation errors land on their fields") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    on_save_result(s, fixtures::answer(400, {{"error", "validation_failed"}, {"message", "Some fields need attention."},
                                             {"fields", {{"user_metadata.city", "Not that city."}}}}));
    CHECK(s.current == phase::editing);
    CHECK(field_error(s, "user_metadata.city") == "Not that city.");
    CHECK(s.draft.at("user_metadata.city") == "Paris");
    SECTION("editing the field clears the server's message") {
        edit_text(s, "user_metadata.city", "Lyon");
        CHECK(field_error(s, "user_metadata.city").empty());
    }
}

TEST_CASE("controller: a network or upstream failure keeps the edits and Retry saves again") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    SECTION("upstream 502") {
        on_save_result(s, fixtures::answer(502, {{"error", "upstream_unavailable"}, {"message", "The identity provider failed."}}));
        CHECK(s.error_message == "The identity provider failed.");
    }
    SECTION("network") {
        on_save_result(s, net::classify(0, "", "", "timeout"));
        CHECK(s.error_message.find("Cannot reach the server") == 0);
    }
    SECTION("rate limited, once the server's wait is over") {
        s.now_s = 100;
        on_save_result(s, fixtures::answer(503, {{"error", "upstream_rate_limited"}, {"message", "Busy."}}, "3"));
        CHECK(s.error_message == "Busy.");
        s.now_s = 103;
    }
    CHECK(s.current == phase::error);
    CHECK(retry_wait_s(s) == 0);
    CHECK(retry_label(s) == "Retry");
    CHECK(s.draft.at("user_metadata.city") == "Paris");
    const auto out = retry(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::patch_profile);
    CHECK(body_of(out[0])["changes"] == json{{"user_metadata", {{"city", "Paris"}}}});
    CHECK(s.current == phase::saving);
}

TEST_CASE("controller: Retry waits as long as the server's Retry-After asks, counting down") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    s.now_s = 50.25;
    on_save_result(s, fixtures::answer(503, {{"error", "upstream_unavailable"}, {"message", "Unavailable."}}, "10"));
    REQUIRE(s.current == phase::error);
    CHECK(retry_wait_s(s) == 10);
    CHECK(retry_label(s) == "Retry in 10 s");
    s.now_s = 55.0;
    CHECK(retry_wait_s(s) == 6);  // 5.25 s left: the label never says 0 before it may be pressed
    CHECK(retry_label(s) == "Retry in 6 s");
    CHECK(retry(s).empty());      // pressed too early (keyboard, screen reader): nothing happens
    CHECK(s.current == phase::error);
    CHECK(s.retry == retry_action::save);
    s.now_s = 60.25;
    CHECK(retry_label(s) == "Retry");
    const auto out = retry(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::patch_profile);
    CHECK(s.draft.at("user_metadata.city") == "Paris");
    SECTION("a wait of an hour is cut to two minutes: then Retry asks again") {
        on_save_result(s, fixtures::answer(503, {{"error", "upstream_rate_limited"}, {"message", "Busy."}}, "3600"));
        CHECK(retry_wait_s(s) == 120);
    }
}

TEST_CASE("controller: a conflict asks per field; the chosen value is saved with the new version") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    edit_text(s, "nickname", "countess");
    save(s);
    on_save_result(s, fixtures::answer(409, {{"error", "conflict"}, {"message", "Changed elsewhere."},
                                             {"fields", {{"user_metadata.city", "Berlin"}}},
                                             {"version", "2024-01-03T00:00:00.000Z"}}));
    CHECK(s.current == phase::conflict);
    REQUIRE(s.conflicts.size() == 1);
    CHECK(s.conflicts[0].mine == "Paris");
    CHECK(s.conflicts[0].theirs == "Berlin");
    CHECK(resolve_conflicts(s).empty());  // undecided: nothing happens

    SECTION("mine") {
        choose(s, "user_metadata.city", conflict_item::choice::mine);
        const auto out = resolve_conflicts(s);
        REQUIRE(out.size() == 1);
        CHECK(body_of(out[0]) == json{{"baseVersion", "2024-01-03T00:00:00.000Z"},
                                      {"changes", {{"nickname", "countess"}, {"user_metadata", {{"city", "Paris"}}}}}});
    }
    SECTION("theirs: my other changes still go, theirs is kept") {
        choose(s, "user_metadata.city", conflict_item::choice::theirs);
        const auto out = resolve_conflicts(s);
        REQUIRE(out.size() == 1);
        CHECK(body_of(out[0]) == json{{"baseVersion", "2024-01-03T00:00:00.000Z"}, {"changes", {{"nickname", "countess"}}}});
        CHECK(s.draft.at("user_metadata.city") == "Berlin");
    }
}

TEST_CASE("controller: a conflict where theirs wins everywhere leaves nothing to save") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    on_save_result(s, fixtures::answer(409, {{"error", "conflict"}, {"fields", {{"user_metadata.city", "Berlin"}}},
                                             {"version", "v2"}}));
    choose(s, "user_metadata.city", conflict_item::choice::theirs);
    const auto out = resolve_conflicts(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::clear_draft);
    CHECK(s.current == phase::editing);
    CHECK(s.profile->values.at("user_metadata.city") == "Berlin");
    CHECK_FALSE(has_unsaved_changes(s));
}

TEST_CASE("controller: an expired session stores the draft and signs in again") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    const auto out = on_save_result(s, fixtures::answer(401, {{"error", "unauthenticated"}, {"message", "Please sign in."}}));
    REQUIRE(out.size() == 2);
    CHECK(out[0].what == effect::kind::store_draft);
    CHECK(out[1].what == effect::kind::navigate);
    CHECK(out[1].url == "/login?returnTo=%2F");
    const auto stored = json::parse(out[0].body);
    CHECK(stored["sub"] == "auth0|ada");
    CHECK(stored["draft"] == json{{"user_metadata.city", "Paris"}});
    CHECK(stored["base"] == json{{"user_metadata.city", "London"}});

    SECTION("on return the draft is restored and marked unsaved") {
        const auto back = fixtures::signed_in(false, out[0].body);
        CHECK(back.current == phase::editing);
        CHECK(back.draft_restored);
        CHECK(back.draft.at("user_metadata.city") == "Paris");
        CHECK(changed_fields(back) == std::vector<std::string>{"user_metadata.city"});
    }
    SECTION("another user's draft is ignored") {
        auto other = json::parse(out[0].body);
        other["sub"] = "auth0|grace";
        const auto back = fixtures::signed_in(false, other.dump());
        CHECK_FALSE(back.draft_restored);
        CHECK_FALSE(has_unsaved_changes(back));
    }
    SECTION("a field changed elsewhere meanwhile becomes a conflict") {
        app_state back;
        start(back);
        on_session(back, fixtures::answer(200, fixtures::session()));
        on_profile(back, fixtures::answer(200, fixtures::profile_view("v9", false, {{"city", "Rome"}})), out[0].body);
        CHECK(back.current == phase::conflict);
        REQUIRE(back.conflicts.size() == 1);
        CHECK(back.conflicts[0].mine == "Paris");
        CHECK(back.conflicts[0].theirs == "Rome");
    }
}

// The server ended every session of a blocked or deleted account (the
// tenant said so): signing in again cannot help, so the app must not send the
// person round the sign-in loop, and nothing of the account stays in the tab.
TEST_CASE("controller: a blocked or deleted account is told so, not sent to sign in, and its draft is gone") {
    const auto closed = [](const char* code) {
        return fixtures::answer(401, {{"error", code}, {"message", "The server's own words."}});
    };
    const auto only_clears_the_draft = [](const effects& out) {
        REQUIRE(out.size() == 1);
        CHECK(out[0].what == effect::kind::clear_draft);
    };
    const auto shows_only = [](const app_state& s, const std::string& message) {
        CHECK(s.account_error == message);
        CHECK(s.current == phase::signed_out);
        CHECK_FALSE(s.user);
        CHECK_FALSE(s.profile);
        CHECK(s.draft.empty());
        CHECK_FALSE(s.draft_restored);
        CHECK(s.csrf_token.empty());
        // The accessibility mirror says it too, as an alert.
        const auto mirror = form_mirror(s);
        CHECK(mirror["screen"] == "welcome");
        CHECK(mirror["alerts"] == json::array({message}));
    };
    const std::string blocked = "Your account has been blocked. Contact support.";
    const std::string deleted = "This account no longer exists. Its unsaved changes were discarded.";

    SECTION("a save of a blocked account") {
        auto s = fixtures::signed_in();
        edit_text(s, "user_metadata.city", "Paris");
        save(s);
        only_clears_the_draft(on_save_result(s, closed("account_blocked")));
        shows_only(s, blocked);
    }
    SECTION("a save of a deleted account") {
        auto s = fixtures::signed_in();
        edit_text(s, "user_metadata.city", "Paris");
        save(s);
        only_clears_the_draft(on_save_result(s, closed("account_deleted")));
        shows_only(s, deleted);
    }
    SECTION("the profile load of a deleted account does not restore the draft kept in the tab") {
        auto earlier = fixtures::signed_in();
        edit_text(earlier, "user_metadata.city", "Paris");
        const std::string stored = draft_to_json(earlier);
        app_state s;
        start(s);
        on_session(s, fixtures::answer(200, fixtures::session()));
        only_clears_the_draft(on_profile(s, closed("account_deleted"), stored));
        shows_only(s, deleted);
    }
    SECTION("the profile load of a blocked account") {
        app_state s;
        start(s);
        on_session(s, fixtures::answer(200, fixtures::session()));
        only_clears_the_draft(on_profile(s, closed("account_blocked")));
        shows_only(s, blocked);
    }
    SECTION("a plain expiry still goes round the sign-in, draft kept") {
        auto s = fixtures::signed_in();
        edit_text(s, "user_metadata.city", "Paris");
        save(s);
        const auto out = on_save_result(s, closed("unauthenticated"));
        REQUIRE(out.size() == 2);
        CHECK(out[0].what == effect::kind::store_draft);
        CHECK(out[1].url == "/login?returnTo=%2F");
        CHECK(s.account_error.empty());
    }
}

TEST_CASE("controller: discard reverts everything and forgets the stored draft") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    const auto out = discard(s);
    CHECK_FALSE(has_unsaved_changes(s));
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::clear_draft);
}

TEST_CASE("controller: review lists before -> after in visual order, with option labels") {
    auto s = fixtures::signed_in();
    edit_value(s, "user_metadata.language", "de");
    edit_text(s, "name", "Ada King");
    edit_text(s, "user_metadata.city", "");
    const auto lines = review(s);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].id == "name");
    CHECK(lines[0].before == "Ada Lovelace");
    CHECK(lines[0].after == "Ada King");
    CHECK(lines[1].after == "(empty)");
    CHECK(lines[2].before == "(empty)");
    CHECK(lines[2].after == "Deutsch");
    open_review(s, true);
    CHECK(s.review_open);
}

TEST_CASE("controller: Tab and Shift+Tab follow the visual order, skipping read-only fields") {
    auto s = fixtures::signed_in();
    const auto order = focus_order(s);
    REQUIRE(order.size() == 15);  // 5 root + 10 metadata; email is read-only
    CHECK(order[0] == "name");
    CHECK(std::find(order.begin(), order.end(), "email") == order.end());
    on_key(s, {key::tab, false});
    CHECK(s.focused == "name");
    CHECK(s.focus_request == "name");
    on_key(s, {key::tab, false});
    CHECK(s.focused == order[1]);
    on_key(s, {key::tab, true});
    on_key(s, {key::tab, true});
    CHECK(s.focused == order.back());  // wraps around
}

TEST_CASE("controller: Enter moves on from a single-line field, not from a multi-line one") {
    auto s = fixtures::signed_in();
    set_focus(s, "user_metadata.display_title");
    CHECK(takes_key(s, {key::enter}));
    on_key(s, {key::enter});
    CHECK(s.focused == "user_metadata.bio");
    CHECK_FALSE(takes_key(s, {key::enter}));  // a line break in the bio
}

TEST_CASE("controller: Esc reverts the focused field only") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    edit_text(s, "nickname", "countess");
    set_focus(s, "user_metadata.city");
    on_key(s, {key::escape});
    CHECK_FALSE(is_changed(s, "user_metadata.city"));
    CHECK(is_changed(s, "nickname"));
    CHECK(s.focus_request == "user_metadata.city");
}

TEST_CASE("controller: Ctrl/Cmd+S saves") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    const auto out = on_key(s, {key::save_shortcut});
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::patch_profile);
}

TEST_CASE("controller: Space toggles a focused checkbox, arrows pick combo options") {
    auto s = fixtures::signed_in();
    set_focus(s, "user_metadata.newsletter");
    on_key(s, {key::space});
    CHECK(s.draft.at("user_metadata.newsletter") == true);
    set_focus(s, "user_metadata.language");
    on_key(s, {key::down});
    CHECK(s.draft.at("user_metadata.language") == "en");
    on_key(s, {key::down});
    CHECK(s.draft.at("user_metadata.language") == "de");
    on_key(s, {key::up});
    CHECK(s.draft.at("user_metadata.language") == "en");
}

TEST_CASE("controller: keys belong to the widgets while a dialog is open or nothing is loaded") {
    app_state empty;
    CHECK_FALSE(takes_key(empty, {key::tab}));
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    open_review(s, true);
    CHECK_FALSE(takes_key(s, {key::tab}));
    CHECK_FALSE(takes_key(s, {key::save_shortcut}));
}

TEST_CASE("controller: Esc closes the review and keeps the changes") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    set_focus(s, "user_metadata.city");
    open_review(s, true);
    REQUIRE(takes_key(s, {key::escape}));
    on_key(s, {key::escape});
    CHECK_FALSE(s.review_open);
    CHECK(s.draft.at("user_metadata.city") == "Paris");
}

TEST_CASE("controller: the avatar is requested for a picture, and fails to initials") {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session()));
    auto view = fixtures::profile_view();
    view["user"]["picture"] = "https://example.com/a.png";
    const auto out = on_profile(s, fixtures::answer(200, view));
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::load_avatar);
    CHECK(out[0].url == "https://example.com/a.png");
    CHECK(s.avatar.state == avatar_state::status::loading);
    on_avatar(s, false);
    CHECK(s.avatar.state == avatar_state::status::failed);
}

TEST_CASE("controller: initials") {
    CHECK(initials("Ada Lovelace") == "AL");
    CHECK(initials("grace") == "G");
    CHECK(initials("Zoë Łukasiewicz · Софья · 李小龍") == "Z李");
    CHECK(initials("  ") == "?");
    CHECK(initials("") == "?");
}

TEST_CASE("controller: a field shows the text as typed while it means the draft's value") {
    // A schema with a number field (the default one has none).
    json view = fixtures::profile_view();
    view["schema"]["fields"].push_back({{"key", "height"}, {"label", "Height"}, {"type", "number"}, {"group", "about"}});
    view["fields"].push_back({{"id", "user_metadata.height"}, {"label", "Height"}, {"editable", true}});
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session()));
    on_profile(s, fixtures::answer(200, view));
    REQUIRE(s.profile->field("user_metadata.height") != nullptr);
    REQUIRE(s.profile->field("user_metadata.height")->kind == widget::number);

    edit_text(s, "user_metadata.height", "1.");
    CHECK(s.draft["user_metadata.height"] == 1);
    CHECK(field_text(s, "user_metadata.height") == "1.");  // not "1": the caret stays after the point
    edit_text(s, "user_metadata.height", "2.50");
    CHECK(s.draft["user_metadata.height"] == 2.5);
    CHECK(field_text(s, "user_metadata.height") == "2.50");
    SECTION("once the value changes elsewhere, its own text shows") {
        discard(s);
        CHECK(field_text(s, "user_metadata.height").empty());
        edit_value(s, "user_metadata.height", 7);
        CHECK(field_text(s, "user_metadata.height") == "7");
    }
}
