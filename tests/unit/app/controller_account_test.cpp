// "Sign-in and security" (controller_account.cpp): the email change and its
// pending state, the password's rules live, the server's answers, the keys.
#include "app/controller_account.hpp"
#include "app/controller.hpp"
#include "app/form_mirror.hpp"
#include "fixtures.hpp"

#include <algorithm>

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

namespace {

json account_member(std::int64_t recent_for = 300, json pending = nullptr, const std::string& level = "good") {
    json a = {{"emailChange", true},
              {"passwordChange", true},
              {"deletion", false},
              {"recentSignInFor", recent_for},
              {"passwordPolicy", {{"level", level}}}};
    if (!pending.is_null()) a["pendingEmail"] = pending;
    return a;
}

app_state ada(const json& account = account_member()) {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session()));
    auto view = fixtures::profile_view();
    view["account"] = account;
    on_profile(s, fixtures::answer(200, view));
    return s;
}

std::vector<std::string> unmet(const app_state& s) {
    std::vector<std::string> out;
    for (const auto& l : password_rule_lines(s)) {
        if (!l.met) out.push_back(l.id);
    }
    return out;
}

}  // namespace

TEST_CASE("account: a pending change comes from the profile, so every device shows it") {
    auto s = ada(account_member(300, {{"address", "ada.new@example.com"}, {"expiresAt", 1900000000}}));
    REQUIRE(s.account.view.pending_email);
    CHECK(account_to_json(s)["pendingEmail"]["address"] == "ada.new@example.com");

    SECTION("Resend mails the pending address again") {
        const auto out = account_action(s, "email-resend");
        REQUIRE(out.size() == 1);
        CHECK(out[0].what == effect::kind::start_email_change);
        CHECK(out[0].url == "/api/account/email");
        CHECK(fixtures::body_of(out[0]) == json{{"email", "ada.new@example.com"}});
        CHECK(s.account.busy);
        CHECK(account_action(s, "email-resend").empty());  // one request at a time
    }
    SECTION("Cancel deletes it; on 204 the pending state is gone") {
        const auto out = account_action(s, "email-cancel");
        REQUIRE(out.size() == 1);
        CHECK(out[0].what == effect::kind::cancel_email_change);
        on_email_cancel_result(s, fixtures::answer(204, nullptr));
        CHECK_FALSE(s.account.view.pending_email);
        CHECK_FALSE(s.account.busy);
        CHECK(s.account.notice == "The email change was cancelled: the link no longer works.");
    }
}

TEST_CASE("account: changing the email sends the link, then shows the pending change") {
    auto s = ada();
    CHECK(account_action(s, "email-send").empty());  // the step is not open
    account_action(s, "email-open");
    CHECK(s.account.open == account_state::step::email);
    CHECK(s.focused == account_new_email_id);
    CHECK(focus_order(s).back() == account_new_email_id);

    edit_account_text(s, account_new_email_id, "not an address");
    CHECK_FALSE(can_send_email_link(s));
    edit_account_text(s, account_new_email_id, "ada@example.com");  // the current one
    CHECK_FALSE(can_send_email_link(s));
    edit_account_text(s, account_new_email_id, "ada.new@example.com");
    REQUIRE(can_send_email_link(s));

    // Enter submits, as in any form.
    const auto out = on_key(s, {key::enter, false});
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::start_email_change);
    CHECK(fixtures::body_of(out[0]) == json{{"email", "ada.new@example.com"}});

    SECTION("202: check your inbox, the step closes") {
        on_email_change_result(
            s,
            fixtures::answer(202, {{"pendingEmail", {{"address", "ada.new@example.com"}, {"expiresAt", 1900000000}}}}));
        CHECK(s.account.open == account_state::step::none);
        REQUIRE(s.account.view.pending_email);
        CHECK(s.account.view.pending_email->address == "ada.new@example.com");
        CHECK(s.account.new_email.empty());
        CHECK(s.account.notice == "We sent a link to ada.new@example.com. Follow it to confirm the new address.");
    }
    SECTION("failures are shown beside the step, the address kept") {
        const auto fails_with = [&](int status, const json& body, const std::string& shown,
                                    const std::string& retry_after = {}) {
            auto t = s;
            CHECK(on_email_change_result(t, fixtures::answer(status, body, retry_after)).empty());
            CHECK(t.account.error == shown);
            CHECK(t.account.open == account_state::step::email);
            CHECK(t.account.new_email == "ada.new@example.com");
            CHECK_FALSE(t.account.busy);
            CHECK(t.current == phase::editing);  // the profile form is untouched
        };
        // The catalog's text for each code (web/i18n/en.json), not the server's message.
        fails_with(503, {{"error", "mail_unavailable"}, {"message", "The server's words."}},
                   "We could not send the email. Please try again.");
        fails_with(429, {{"error", "too_many_emails"}, {"message", "The server's words."}},
                   "We sent you several emails already. Wait a while, then try again. Try again in 5 min.", "300");
        fails_with(400, {{"error", "invalid_email"}, {"message", "The server's words."}},
                   "Enter a valid email address other than your current one.");
        fails_with(403, {{"error", "account_change_not_allowed"}, {"message", "The server's words."}},
                   "Your identity provider manages this: change it there.");
    }
    SECTION("Escape closes the step; opening it again shows the address typed") {
        on_email_change_result(s, fixtures::answer(0, nullptr));  // the request failed: the step is free again
        on_key(s, {key::escape, false});
        CHECK(s.account.open == account_state::step::none);
        CHECK(s.focused.empty());
        account_action(s, "email-open");
        CHECK(s.account.new_email == "ada.new@example.com");
    }
    SECTION("the session is gone: sign in again, with the profile's edits kept") {
        auto t = s;
        const auto next = on_email_change_result(t, fixtures::answer(401, {{"error", "unauthenticated"}}));
        REQUIRE_FALSE(next.empty());
        CHECK(next.back().what == effect::kind::navigate);
    }
}

TEST_CASE("account: the password's rules are the policy's, shown met or unmet as the person types") {
    auto s = ada();
    account_action(s, "password-open");
    CHECK(s.focused == account_password_id);
    CHECK(focus_order(s).back() == account_confirm_id);
    CHECK(unmet(s) == std::vector<std::string>{"length", "kinds"});
    edit_account_text(s, account_password_id, "abcdefgh");
    CHECK(unmet(s) == std::vector<std::string>{"kinds"});
    edit_account_text(s, account_password_id, "abcdefgH1");
    CHECK(unmet(s).empty());
    CHECK_FALSE(can_save_password(s));  // not repeated yet
    edit_account_text(s, account_confirm_id, "abcdefgH");
    CHECK(confirm_error(s) == "The two passwords differ.");
    CHECK_FALSE(can_save_password(s));
    edit_account_text(s, account_confirm_id, "abcdefgH1");
    CHECK(confirm_error(s).empty());
    REQUIRE(can_save_password(s));
    // The test hook never shows the password.
    CHECK(account_to_json(s).dump().find("abcdefgH1") == std::string::npos);

    // Enter in the first field moves to the second; there it saves.
    s.focused = account_password_id;
    CHECK(on_key(s, {key::enter, false}).empty());
    CHECK(s.focused == account_confirm_id);
    const auto out = on_key(s, {key::enter, false});
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::change_password);
    CHECK(out[0].url == "/api/account/password");
    CHECK(fixtures::body_of(out[0]) == json{{"password", "abcdefgH1"}});

    SECTION("the tenant refuses it: its rules are shown unmet, the step stays open") {
        on_password_change_result(s, fixtures::answer(400, {{"error", "password_too_weak"},
                                                            {"message", "This password is too weak."},
                                                            {"rules", {"no_triples"}}}));
        CHECK(s.account.error == "This password does not meet the rules for your account.");
        CHECK(s.account.open == account_state::step::password);
        CHECK(unmet(s) == std::vector<std::string>{"no_triples"});
        CHECK_FALSE(can_save_password(s));
        edit_account_text(s, account_password_id, "abcdefgH12");  // typing again: the live rules speak
        CHECK(unmet(s).empty());
    }
    SECTION("200 with a new CSRF token: taken, the step closes and forgets the password") {
        CHECK(on_password_change_result(s, fixtures::answer(200, {{"csrfToken", "csrf-new"}})).empty());
        CHECK(s.csrf_token == "csrf-new");
        CHECK(s.account.open == account_state::step::none);
        CHECK(s.account.password.empty());
        CHECK(s.account.confirm.empty());
        CHECK(s.account.notice.rfind("Your password was changed.", 0) == 0);
    }
    SECTION("200 without one: the session is asked for it") {
        const auto next = on_password_change_result(s, fixtures::answer(200, json::object()));
        REQUIRE(next.size() == 1);
        CHECK(next[0].what == effect::kind::refresh_session);
        on_session_refreshed(s, fixtures::answer(200, fixtures::session()));
        CHECK(s.csrf_token == "csrf-123");
    }
}

TEST_CASE("account: the policy's level decides the rules") {
    auto s = ada(account_member(300, nullptr, "fair"));
    account_action(s, "password-open");
    edit_account_text(s, account_password_id, "abcdefgh");
    CHECK(unmet(s) == std::vector<std::string>{"upper", "digit"});
}

TEST_CASE("account: before the person starts, it says which changes will ask them to sign in again") {
    auto s = ada(account_member(120));
    s.now_s = 1000;
    adopt_account_view(s);
    CHECK(recent_sign_in_left(s) == 120);
    CHECK(reauth_notice(s).empty());
    s.now_s = 1119.5;
    CHECK(recent_sign_in_left(s) == 1);
    s.now_s = 1120;
    CHECK(recent_sign_in_left(s) == 0);
    CHECK(reauth_notice(s) == "You'll be asked to sign in again to change your email or password.");
}

TEST_CASE("account: a social user sees both read-only, with the reason, and cannot start either") {
    auto s = fixtures::signed_in(true);
    CHECK_FALSE(email_read_only_reason(s).empty());
    CHECK(password_read_only_reason(s) == "You sign in with Google: change your password there.");
    CHECK(reauth_notice(s).empty());
    account_action(s, "email-open");
    account_action(s, "password-open");
    CHECK(s.account.open == account_state::step::none);
    CHECK_FALSE(edit_account_text(s, account_new_email_id, "x@example.com"));
}

TEST_CASE("account: the form mirror has the part's inputs, rules as a list, its buttons, and says what happened") {
    auto s = ada(account_member(0, {{"address", "ada.new@example.com"}, {"expiresAt", 1900000000}}));
    const auto section = [](const json& m) { return m["sectionActions"]["Sign-in and security"]; };
    const auto ids = [](const json& list) {
        std::vector<std::string> out;
        for (const auto& x : list) out.push_back(x["id"]);
        return out;
    };
    auto m = form_mirror(s);
    CHECK(ids(section(m)) == std::vector<std::string>{"account:email-open", "account:email-resend",
                                                      "account:email-cancel", "account:password-open"});
    CHECK(m["sectionStatus"]["Sign-in and security"] ==
          "You'll be asked to sign in again to change your email or password. Check your inbox at "
          "ada.new@example.com: follow the link we sent to confirm it.");
    const auto has_field = [](const json& mirror, const std::string& id) {
        return std::any_of(mirror["fields"].begin(), mirror["fields"].end(),
                           [&](const json& f) { return f["id"] == id; });
    };
    CHECK_FALSE(has_field(m, account_new_email_id));  // inputs only once a step is open

    // The mirror's buttons and inputs change the state as the canvas's do.
    on_mirror_action(s, "account:password-open");
    CHECK(s.account.open == account_state::step::password);
    on_mirror_focus(s, account_password_id);
    CHECK(s.focused == account_password_id);
    CHECK(on_mirror_edit(s, account_password_id, "abc", 3, 3));
    CHECK(s.account.password == "abc");
    m = form_mirror(s);
    const auto pw = std::find_if(m["fields"].begin(), m["fields"].end(),
                                 [](const json& f) { return f["id"] == account_password_id; });
    REQUIRE(pw != m["fields"].end());
    CHECK((*pw)["kind"] == "password");
    CHECK((*pw)["rules"][0] == json{{"text", "At least 8 characters"}, {"met", false}});
    CHECK(ids(section(m)) == std::vector<std::string>{"account:email-open", "account:email-resend",
                                                      "account:email-cancel", "account:password-save",
                                                      "account:close"});
    CHECK(section(m)[3]["enabled"] == false);  // Save password: the rules are not met
    CHECK_FALSE(on_mirror_edit(s, account_new_email_id, "x@example.com", 0, 0));  // that step is not open

    // An error is an alert.
    s.account.error = "We could not send the email. Try again.";
    m = form_mirror(s);
    CHECK(std::find(m["alerts"].begin(), m["alerts"].end(), "We could not send the email. Try again.") !=
          m["alerts"].end());
}

TEST_CASE("account: for a social user the mirror says why neither can change, and offers nothing") {
    const auto m = form_mirror(fixtures::signed_in(true));
    CHECK(m["sectionActions"]["Sign-in and security"] == json::array());
    const std::string said = m["sectionStatus"]["Sign-in and security"];
    CHECK(said.find("You sign in with Google: change your password there.") != std::string::npos);
}
