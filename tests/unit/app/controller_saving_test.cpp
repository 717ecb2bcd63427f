// The controller: saving and the conflict dialog (controller_saving.cpp).
#include "app/controller.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;
using fixtures::body_of;

TEST_CASE("controller: save sends baseVersion and only the changes") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    const auto out = save(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::patch_profile);
    CHECK(body_of(out[0]) ==
          json{{"baseVersion", "2024-01-01T00:00:00.000Z"}, {"changes", {{"user_metadata", {{"city", "Paris"}}}}}});
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
    on_save_result(
        s, fixtures::answer(
               400, {{"error", "validation_failed"},
                     {"message", "Some fields need attention."},
                     {"fields", {{"user_metadata.city", "Enter at most 3 characters."}}},
                     {"problems", {{"user_metadata.city", {{"code", "too_long"}, {"args", {{"max", "3"}}}}}}}}));
    CHECK(s.current == phase::editing);
    CHECK(field_error(s, "user_metadata.city") == "Enter at most 3 characters.");
    CHECK(s.draft.at("user_metadata.city") == "Paris");
    SECTION("editing the field clears the server's message") {
        edit_text(s, "user_metadata.city", "Lyon");
        CHECK(field_error(s, "user_metadata.city").empty());
    }
}

TEST_CASE("controller: a conflict asks per field; the chosen value is saved with the new version") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    edit_text(s, "nickname", "countess");
    save(s);
    on_save_result(s, fixtures::answer(409, {{"error", "conflict"},
                                             {"message", "Changed elsewhere."},
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
        CHECK(body_of(out[0]) ==
              json{{"baseVersion", "2024-01-03T00:00:00.000Z"}, {"changes", {{"nickname", "countess"}}}});
        CHECK(s.draft.at("user_metadata.city") == "Berlin");
    }
}

TEST_CASE("controller: a conflict where theirs wins everywhere leaves nothing to save") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    on_save_result(
        s, fixtures::answer(
               409, {{"error", "conflict"}, {"fields", {{"user_metadata.city", "Berlin"}}}, {"version", "v2"}}));
    choose(s, "user_metadata.city", conflict_item::choice::theirs);
    const auto out = resolve_conflicts(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::clear_draft);
    CHECK(s.current == phase::editing);
    CHECK(s.profile->values.at("user_metadata.city") == "Berlin");
    CHECK_FALSE(has_unsaved_changes(s));
}
