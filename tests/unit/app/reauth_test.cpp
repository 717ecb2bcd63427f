// Re-authentication for a sensitive step (app/reauth.hpp): the step's input
// kept in the tab across the sign-in, the step reopened on return, the URL
// cleaned, and nothing reopened for another person or another action.
#include "app/reauth.hpp"
#include "app/controller.hpp"
#include "app/controller_account.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;
namespace reauth = profiledesk::core::reauth;

namespace {

// Ada, a database user whose sign-in is no longer recent.
app_state ada(std::int64_t recent_for = 0) {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session()));
    auto view = fixtures::profile_view();
    view["account"] = {{"emailChange", true},
                       {"passwordChange", true},
                       {"deletion", false},
                       {"recentSignInFor", recent_for},
                       {"passwordPolicy", {{"level", "good"}}}};
    on_profile(s, fixtures::answer(200, view));
    return s;
}

net::api_result reauth_required(const std::string& url) {
    return fixtures::answer(401, {{"error", "reauthentication_required"},
                                  {"message", "Sign in again to do this."},
                                  {std::string(reauth::url_key), url}});
}

const effect* find(const effects& out, effect::kind k) {
    for (const auto& e : out) {
        if (e.what == k) return &e;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("reauth: the step's input is kept in the tab, then the browser goes to the answer's URL") {
    auto s = ada();
    const auto out = reauthenticate(s, reauth::action::email, {{"email", "new@example.com"}},
                                    reauth_required("/login?reauth=email"));
    REQUIRE(out.size() == 2);
    CHECK(out[0].what == effect::kind::store_step);
    CHECK(fixtures::body_of(out[0]) ==
          json{{"sub", "auth0|ada"}, {"action", "email"}, {"input", {{"email", "new@example.com"}}}});
    CHECK(out[1].what == effect::kind::navigate);
    CHECK(out[1].url == "/login?reauth=email");

    SECTION("a body without the URL, or with one off our origin, goes to the action's own URL") {
        for (const std::string bad : {"", "https://evil.example/x", "//evil.example/x", "/\\evil.example"}) {
            const auto again = reauthenticate(s, reauth::action::delete_account, json::object(), reauth_required(bad));
            REQUIRE(again.size() == 2);
            CHECK(again[1].url == "/login?reauth=delete");
        }
    }
    SECTION("unsaved edits of the profile are kept as well, as the draft a sign-in restores") {
        edit_text(s, "user_metadata.city", "Paris");
        const auto with_draft = reauthenticate(s, reauth::action::email, json::object(),
                                               reauth_required("/login?reauth=email"));
        REQUIRE(with_draft.size() == 3);
        CHECK(with_draft[1].what == effect::kind::store_draft);
        CHECK(fixtures::body_of(with_draft[1])["draft"]["user_metadata.city"] == "Paris");
        CHECK(with_draft[2].what == effect::kind::navigate);
    }
}

TEST_CASE("reauth: the query names the step to resume") {
    CHECK(resume_requested("?resume=email") == reauth::action::email);
    CHECK(resume_requested("resume=password") == reauth::action::password);
    CHECK(resume_requested("?x=1&resume=delete") == reauth::action::delete_account);
    CHECK_FALSE(resume_requested(""));
    CHECK_FALSE(resume_requested("?resume=everything"));
    CHECK_FALSE(resume_requested("?presume=email"));
}

TEST_CASE("reauth: on return the kept step is taken once, for this user and this action, and the URL is cleaned") {
    auto s = ada();
    const std::string kept =
        json{{"sub", "auth0|ada"}, {"action", "email"}, {"input", {{"email", "n@example.com"}}}}.dump();

    SECTION("the same action: the step with its input; the kept copy forgotten, the URL back to /") {
        effects out;
        const auto step = take_resumed_step(s, "?resume=email", kept, out);
        REQUIRE(step);
        CHECK(step->what == reauth::action::email);
        CHECK(step->input == json{{"email", "n@example.com"}});
        REQUIRE(find(out, effect::kind::clear_step));
        REQUIRE(find(out, effect::kind::replace_url));
        CHECK(find(out, effect::kind::replace_url)->url == "/");
    }
    SECTION("another action, another person, or a broken copy: nothing reopens, and it is forgotten all the same") {
        const std::string other = json{{"sub", "auth0|bob"}, {"action", "email"}, {"input", json::object()}}.dump();
        for (const auto& [query, stored] : std::vector<std::pair<std::string, std::string>>{
                 {"?resume=password", kept}, {"?resume=email", other}, {"?resume=email", "{not json"}}) {
            effects out;
            CHECK_FALSE(take_resumed_step(s, query, stored, out));
            CHECK(find(out, effect::kind::clear_step));
            CHECK(find(out, effect::kind::replace_url));
        }
    }
    SECTION("no resume in the URL: a step left behind by a sign-in that never came back is forgotten") {
        effects out;
        CHECK_FALSE(take_resumed_step(s, "", kept, out));
        REQUIRE(out.size() == 1);
        CHECK(out[0].what == effect::kind::clear_step);
    }
    SECTION("a resume URL with nothing kept (another tab): the URL is cleaned, nothing else") {
        effects out;
        CHECK_FALSE(take_resumed_step(s, "?resume=email", "", out));
        REQUIRE(out.size() == 1);
        CHECK(out[0].what == effect::kind::replace_url);
    }
}

TEST_CASE("reauth: the whole round trip reopens the email step with the address typed before") {
    auto s = ada();
    account_action(s, "email-open");
    edit_account_text(s, account_new_email_id, "ada.new@example.com");
    const auto sent = account_action(s, "email-send");
    REQUIRE(sent.size() == 1);
    const auto out = on_email_change_result(s, reauth_required("/login?reauth=email"));
    const effect* stored = find(out, effect::kind::store_step);
    REQUIRE(stored);
    REQUIRE(find(out, effect::kind::navigate));

    // The page comes back at /?resume=email: a fresh state, as after a page load.
    auto back = ada(300);
    const auto resumed = resume_after_profile(back, "?resume=email", stored->body);
    CHECK(find(resumed, effect::kind::clear_step));
    CHECK(find(resumed, effect::kind::replace_url));
    CHECK(back.account.open == account_state::step::email);
    CHECK(back.account.new_email == "ada.new@example.com");
    CHECK(back.focused == account_new_email_id);
    CHECK(can_send_email_link(back));
}

TEST_CASE("reauth: the password step keeps only that it was open, never the password") {
    auto s = ada();
    account_action(s, "password-open");
    edit_account_text(s, account_password_id, "Correct-Horse-9");
    edit_account_text(s, account_confirm_id, "Correct-Horse-9");
    REQUIRE(account_action(s, "password-save").size() == 1);
    const auto out = on_password_change_result(s, reauth_required("/login?reauth=password"));
    const effect* stored = find(out, effect::kind::store_step);
    REQUIRE(stored);
    CHECK(stored->body.find("Correct-Horse-9") == std::string::npos);
    CHECK(fixtures::body_of(*stored)["input"] == json::object());

    auto back = ada(300);
    resume_after_profile(back, "?resume=password", stored->body);
    CHECK(back.account.open == account_state::step::password);
    CHECK(back.account.password.empty());
    CHECK(back.focused == account_password_id);
}

TEST_CASE("reauth: a resumed step the account no longer offers stays closed") {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session("google-oauth2|1")));
    on_profile(s, fixtures::answer(200, fixtures::profile_view("v", true)));  // no "account": nothing offered
    const std::string kept = json{{"sub", "google-oauth2|1"}, {"action", "email"}, {"input", json::object()}}.dump();
    resume_after_profile(s, "?resume=email", kept);
    CHECK(s.account.open == account_state::step::none);
}
