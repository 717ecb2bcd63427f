// The controller: the draft kept in the tab across a sign-in (controller_draft.cpp).
#include "app/controller.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

TEST_CASE("controller: an expired session stores the draft and signs in again") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    save(s);
    const auto out = on_save_result(
        s, fixtures::answer(401, {{"error", "unauthenticated"}, {"message", "Please sign in."}}));
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
