// The controller: the session, a closed account, the avatar (controller_session.cpp).
#include "app/controller.hpp"
#include "app/form_mirror.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

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
