// The controller: the keyboard (controller_keyboard.cpp).
#include "app/controller.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

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
