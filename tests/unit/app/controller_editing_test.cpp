// The controller: editing, validation as the person types, discard and review (controller_editing.cpp).
#include "app/controller.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

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
    CHECK(pending_changes(s) ==
          json{{"name", "Ada King"}, {"user_metadata", {{"city", nullptr}, {"newsletter", true}}}});
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

TEST_CASE("controller: a field shows the text as typed while it means the draft's value") {
    // A schema with a number field (the default one has none).
    json view = fixtures::profile_view();
    view["schema"]["fields"].push_back(
        {{"key", "height"}, {"label", "Height"}, {"type", "number"}, {"group", "about"}});
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
