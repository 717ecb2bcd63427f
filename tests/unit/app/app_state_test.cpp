#include "app/app_state.hpp"
#include "app/form_mirror.hpp"
#include "fixtures.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

TEST_CASE("app state: starts loading and asks for the session") {
    app_state s;
    const auto out = start(s);
    CHECK(s.current == phase::loading);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::get_session);
    CHECK(out[0].url == "/api/session");
    CHECK(state_to_json(s)["phase"] == "loading");
    CHECK(state_to_json(s)["ready"] == false);
}

TEST_CASE("app state: no session shows the welcome panel") {
    app_state s;
    start(s);
    const auto out = on_session(s, fixtures::answer(200, {{"authenticated", false}}));
    CHECK(out.empty());
    CHECK(s.current == phase::signed_out);
    CHECK(state_to_json(s)["user"].is_null());
}

TEST_CASE("app state: sign in navigates to /login and comes back to the app") {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, {{"authenticated", false}}));
    const auto out = sign_in(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::navigate);
    CHECK(out[0].url == "/login?returnTo=%2F");
}

TEST_CASE("app state: sign out forgets the tab's draft, ends the session, then goes to the provider's logout") {
    auto s = fixtures::signed_in();
    const auto out = sign_out(s);
    // Nothing of this person stays in the tab (a shared computer's next user).
    // And a step kept across a re-authentication (reauth.hpp), which names a new address.
    REQUIRE(out.size() == 3);
    CHECK(out[0].what == effect::kind::clear_draft);
    CHECK(out[1].what == effect::kind::clear_step);
    // A POST from our page: GET /logout changes nothing.
    CHECK(out[2].what == effect::kind::end_session);
    CHECK(out[2].url == "/api/session/end");
    SECTION("ended: on to the provider's logout, which ends its session too and comes back") {
        const auto next = on_session_ended(
            s, fixtures::answer(200, {{"logoutUrl", "https://tenant.example/v2/logout?x=1"}}));
        REQUIRE(next.size() == 1);
        CHECK(next[0].what == effect::kind::navigate);
        CHECK(next[0].url == "https://tenant.example/v2/logout?x=1");
    }
    SECTION("refused or unreachable: the person is told and stays") {
        const auto next = on_session_ended(s, fixtures::answer(0, nullptr));
        CHECK(next.empty());
        CHECK(s.account_error.rfind("Not signed out: Cannot reach the server", 0) == 0);
        CHECK(s.current == phase::editing);
    }
}

TEST_CASE("app state: sign out everywhere ends every session, then signs out here") {
    auto s = fixtures::signed_in();
    const auto out = sign_out_everywhere(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::end_all_sessions);
    CHECK(out[0].url == "/api/session/end-all");
    CHECK(json::parse(out[0].body) == json::object());
    const auto signs_out_here = [](const effects& next) {
        REQUIRE(next.size() == 3);
        CHECK(next[0].what == effect::kind::clear_draft);
        CHECK(next[1].what == effect::kind::clear_step);
        CHECK(next[2].what == effect::kind::end_session);
    };
    SECTION("ended: signed out here, draft forgotten, then the provider's logout") {
        signs_out_here(on_end_all_sessions(s, fixtures::answer(200, {{"ended", 2}})));
    }
    SECTION("the session was already gone: signed out here all the same") {
        signs_out_here(on_end_all_sessions(
            s, fixtures::answer(401, {{"error", "unauthenticated"}, {"message", "Please sign in."}})));
    }
    SECTION("refused: the person is told and stays, edits and all") {
        edit_text(s, "user_metadata.city", "Paris");
        const auto next = on_end_all_sessions(
            s, fixtures::answer(403, {{"error", "csrf_failed"},
                                      {"message", "This request did not come from Profile Desk's own page."}}));
        CHECK(next.empty());
        const auto alerts = form_mirror(s)["alerts"];
        CHECK(std::find(alerts.begin(), alerts.end(),
                        "Not signed out everywhere: This request did not come from this page. Reload the page and try "
                        "again.") != alerts.end());
        CHECK(status_line(s).text == "1 change not saved");
        CHECK(s.current == phase::editing);
        CHECK(s.draft.at("user_metadata.city") == "Paris");
    }
}

TEST_CASE("app state: a session loads the profile, then the form") {
    app_state s;
    start(s);
    const auto out = on_session(s, fixtures::answer(200, fixtures::session()));
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::get_profile);
    CHECK(s.csrf_token == "csrf-123");
    REQUIRE(s.user);
    CHECK(s.user->name == "Ada Lovelace");
    on_profile(s, fixtures::answer(200, fixtures::profile_view()));
    CHECK(s.current == phase::editing);
    CHECK(s.draft.at("user_metadata.city") == "London");
    CHECK(s.draft.at("name") == "Ada Lovelace");
    CHECK(field_text(s, "email") == "ada@example.com");
}

TEST_CASE("app state: the session request failing is an error with Retry") {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(0, nullptr));
    CHECK(s.current == phase::error);
    CHECK(s.retry == retry_action::load_session);
    CHECK(state_to_json(s)["error"]["message"].get<std::string>().find("Cannot reach the server") == 0);
    const auto out = retry(s);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::get_session);
}

TEST_CASE("app state: a profile answer that is not a profile is an error, not a crash") {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session()));
    SECTION("not JSON") {
        on_profile(s, net::classify(200, "<html>proxy</html>"));
        CHECK(s.current == phase::error);
        CHECK(s.retry == retry_action::load_profile);
    }
    SECTION("a schema the app cannot read") {
        auto view = fixtures::profile_view();
        view["schema"]["fields"][0]["type"] = "colour";
        on_profile(s, fixtures::answer(200, view));
        CHECK(s.current == phase::error);
        CHECK(s.error_message == "The server's answer could not be read. Please try again.");
    }
}

TEST_CASE("app state: the form is grouped as the schema says, in visual order") {
    const auto s = fixtures::signed_in();
    const auto& sections = s.profile->sections;
    REQUIRE(sections.size() == 4);
    CHECK(sections[0].label == "Account");
    CHECK(sections[0].ids.front() == "name");
    CHECK(sections[1].label == "About you");
    CHECK(sections[1].ids == std::vector<std::string>{"user_metadata.display_title", "user_metadata.bio",
                                                      "user_metadata.pronouns", "user_metadata.birthday"});
    CHECK(sections[3].label == "Preferences");
    CHECK(s.profile->field("user_metadata.bio")->kind == widget::multi_line);
    CHECK(s.profile->field("user_metadata.pronouns")->kind == widget::combo);
    CHECK(s.profile->field("user_metadata.birthday")->kind == widget::date);
    CHECK(s.profile->field("user_metadata.newsletter")->kind == widget::checkbox);
    CHECK(s.profile->field("email")->kind == widget::read_only);
}

TEST_CASE("app state: the test hook's JSON shows the draft, changes and errors") {
    auto s = fixtures::signed_in();
    edit_text(s, "user_metadata.city", "Paris");
    edit_text(s, "user_metadata.website", "not a url");
    const auto j = state_to_json(s);
    CHECK(j["phase"] == "editing");
    CHECK(j["draft"]["user_metadata.city"] == "Paris");
    CHECK(j["profile"]["saved"]["user_metadata.city"] == "London");
    CHECK(j["changed"] == json{"user_metadata.website", "user_metadata.city"});
    CHECK(j["errors"].contains("user_metadata.website"));
    CHECK(j["readOnly"].contains("email"));
}
