// Where you're signed in, the data export and deleting the account
// (controller_devices.cpp, devices_mirror.cpp): what each action sends, how
// each answer changes the state, and what the form mirror shows of it.
#include "app/controller.hpp"
#include "app/devices.hpp"
#include "app/form_mirror.hpp"
#include "app/reauth.hpp"
#include "fixtures.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::app;
using nlohmann::json;

namespace {

constexpr std::int64_t now = 1764770000;  // 2025-12-03 13:53:20 UTC

// Ada signed in, with the operator allowing deletion or not.
app_state ada(bool deletion = true) {
    app_state s;
    start(s);
    on_session(s, fixtures::answer(200, fixtures::session()));
    json view = fixtures::profile_view();
    view["account"] = {{"emailChange", true}, {"passwordChange", true}, {"deletion", deletion}, {"recentSignInFor", 0}};
    on_profile(s, fixtures::answer(200, view));
    return s;
}

json two_sessions() {
    return {{"sessions",
             {{{"handle", "h-this"},
               {"device", "Chrome on Linux"},
               {"address", "127.0.0.x"},
               {"createdAt", now - 120},
               {"lastActiveAt", now - 5},
               {"current", true}},
              {{"handle", "h/other"},
               {"device", "Firefox on Windows"},
               {"address", "203.0.113.x"},
               {"createdAt", now - 3 * 86400},
               {"lastActiveAt", now - 2 * 3600},
               {"current", false}}}}};
}

app_state listed() {
    auto s = ada();
    const auto out = devices_action(s, "sessions-toggle");
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::get_sessions);
    CHECK(out[0].url == "/api/sessions");
    CHECK(on_sessions(s, fixtures::answer(200, two_sessions()), now, 60).empty());
    return s;
}

const json* mirror_action(const json& actions, const std::string& id) {
    for (const auto& a : actions) {
        if (a["id"] == id) return &a;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("devices: opening the section lists the sessions, this device marked, dates for a person") {
    auto s = listed();
    REQUIRE(s.devices.list == devices_state::list_status::ready);
    REQUIRE(s.devices.sessions.size() == 2);

    const json m = form_mirror(s)["devices"];
    CHECK(m["sessionsOpen"] == true);
    REQUIRE(m["sessions"].size() == 2);
    CHECK(m["sessions"][0]["device"] == "Chrome on Linux");
    CHECK(m["sessions"][0]["current"] == true);
    CHECK(m["sessions"][0]["action"].is_null());  // this device signs out with "Sign out"
    CHECK(m["sessions"][0]["started"] == "2 minutes ago");
    CHECK(m["sessions"][0]["lastActive"] == "just now");
    CHECK(m["sessions"][1]["address"] == "203.0.113.x");
    CHECK(m["sessions"][1]["lastActive"] == "2 hours ago");
    CHECK(m["sessions"][1]["started"] == "2025-11-30 14:53");  // local time, UTC+1
    CHECK(m["sessions"][1]["action"]["id"] == "end-session:h/other");
    CHECK(m["sessions"][1]["action"]["enabled"] == true);
    CHECK((*mirror_action(m["actions"], "end-other-sessions"))["enabled"] == true);

    SECTION("closing it forgets the list; an answer arriving after that is dropped") {
        devices_action(s, "sessions-toggle");
        CHECK(s.devices.list == devices_state::list_status::closed);
        CHECK(s.devices.sessions.empty());
        on_sessions(s, fixtures::answer(200, two_sessions()), now, 0);
        CHECK(s.devices.sessions.empty());
        CHECK(mirror_action(form_mirror(s)["devices"]["actions"], "end-other-sessions") == nullptr);
    }
}

TEST_CASE("devices: signing out another session, then the list afresh") {
    auto s = listed();
    auto out = devices_action(s, "end-session:h/other");
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::end_sessions);
    CHECK(out[0].url == "/api/sessions/h%2Fother");  // the opaque handle, encoded as one path segment
    // One at a time: the buttons wait for the answer.
    CHECK(devices_action(s, "end-other-sessions").empty());
    CHECK(form_mirror(s)["devices"]["sessions"][1]["action"]["enabled"] == false);

    out = on_sessions_ended(s, fixtures::answer(204, nullptr));
    CHECK(s.devices.result == "Signed out Firefox on Windows.");
    CHECK_FALSE(s.devices.result_is_error);
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::get_sessions);
    CHECK(form_mirror(s)["devices"]["result"] == "Signed out Firefox on Windows.");

    SECTION("already gone: said so, and listed again") {
        s = listed();
        devices_action(s, "end-session:h/other");
        out = on_sessions_ended(s, fixtures::answer(404, {{"error", "session_not_found"}, {"message", "x"}}));
        CHECK(s.devices.result == "That session had already ended.");
        REQUIRE(out.size() == 1);
        CHECK(out[0].what == effect::kind::get_sessions);
    }
    SECTION("a failure is shown and the list stays") {
        s = listed();
        devices_action(s, "end-session:h/other");
        out = on_sessions_ended(s,
                                fixtures::answer(503, {{"error", "session_store_unavailable"}, {"message", "Busy."}}));
        CHECK(out.empty());
        CHECK(s.devices.result == "Not signed out: Sessions are briefly unavailable. Please try again in a moment.");
        CHECK(s.devices.result_is_error);
        CHECK(s.devices.ending.empty());
    }
    SECTION("our own session gone meanwhile: the welcome panel") {
        s = listed();
        devices_action(s, "end-session:h/other");
        on_sessions_ended(s, fixtures::answer(401, {{"error", "unauthenticated"}}));
        CHECK(s.current == phase::signed_out);
        CHECK_FALSE(s.user);
    }
}

TEST_CASE("devices: this device and unknown handles cannot be ended from the list") {
    auto s = listed();
    CHECK(devices_action(s, "end-session:h-this").empty());
    CHECK(devices_action(s, "end-session:someone-elses").empty());
    CHECK(s.devices.ending.empty());
    // Not before the list is there either.
    auto fresh = ada();
    CHECK(devices_action(fresh, "end-session:h/other").empty());
    CHECK(devices_action(fresh, "end-other-sessions").empty());
}

TEST_CASE("devices: signing out all other sessions") {
    auto s = listed();
    auto out = devices_action(s, "end-other-sessions");
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::end_sessions);
    CHECK(out[0].url == "/api/sessions?others=true");
    CHECK((*mirror_action(form_mirror(s)["devices"]["actions"], "end-other-sessions"))["label"] ==
          "Signing out other sessions...");
    out = on_sessions_ended(s, fixtures::answer(200, {{"ended", 1}}));
    CHECK(s.devices.result == "Signed out of all other sessions.");
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::get_sessions);
    // Only this device left: nothing more to sign out.
    on_sessions(s, fixtures::answer(200, {{"sessions", {two_sessions()["sessions"][0]}}}), now, 0);
    CHECK(devices_action(s, "end-other-sessions").empty());
    CHECK((*mirror_action(form_mirror(s)["devices"]["actions"], "end-other-sessions"))["enabled"] == false);
}

TEST_CASE("devices: a list that fails says why") {
    auto s = ada();
    devices_action(s, "sessions-toggle");
    on_sessions(s, fixtures::answer(500, {{"error", "internal_error"}, {"message", "Oops."}}), now, 0);
    CHECK(s.devices.list == devices_state::list_status::failed);
    CHECK(s.devices.result == "Your sessions could not be listed: Something went wrong on our side. Please try again.");
    CHECK(s.devices.result_is_error);
}

TEST_CASE("devices: download my data") {
    auto s = ada();
    auto out = devices_action(s, "export-data");
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::download_export);
    CHECK(out[0].url == "/api/account/export");
    CHECK(devices_action(s, "export-data").empty());  // one at a time
    CHECK((*mirror_action(form_mirror(s)["devices"]["actions"], "export-data"))["enabled"] == false);
    on_export(s, fixtures::answer(200, {{"profile", json::object()}}));
    CHECK_FALSE(s.devices.exporting);
    CHECK(s.devices.result == "Your data was downloaded as a JSON file.");

    devices_action(s, "export-data");
    on_export(s, fixtures::answer(429, {{"error", "too_many_exports"}, {"message", "Try again in an hour."}}, "3600"));
    CHECK(s.devices.result ==
          "Your data was not downloaded: You downloaded your data several times recently. Please try again later.");
    CHECK(s.devices.result_is_error);
}

TEST_CASE("devices: deletion is offered only when the operator allows it") {
    auto off = ada(false);
    CHECK_FALSE(deletion_allowed(off));
    CHECK(devices_action(off, "delete-open").empty());
    CHECK_FALSE(off.devices.delete_open);
    CHECK(mirror_action(form_mirror(off)["devices"]["actions"], "delete-open") == nullptr);

    // A profile view without the account member (an older server) offers none either.
    auto older = fixtures::signed_in();
    CHECK_FALSE(deletion_allowed(older));

    auto on = ada(true);
    CHECK(deletion_allowed(on));
    CHECK(mirror_action(form_mirror(on)["devices"]["actions"], "delete-open") != nullptr);
}

TEST_CASE("devices: deleting asks for the email address, typed exactly") {
    auto s = ada();
    devices_action(s, "delete-open");
    REQUIRE(s.devices.delete_open);
    CHECK_FALSE(can_confirm_deletion(s));
    CHECK(devices_action(s, "delete-confirm").empty());

    // The mirror: the explanation, the field in the step, the button disabled.
    auto m = form_mirror(s);
    REQUIRE(m["devices"]["delete"].is_object());
    CHECK(m["devices"]["delete"]["lines"].size() == 3);
    CHECK((*mirror_action(m["devices"]["delete"]["actions"], "delete-confirm"))["enabled"] == false);
    const auto& confirm = m["fields"].back();
    CHECK(confirm["id"] == delete_confirm_field);
    CHECK(confirm["place"] == "devices");
    CHECK(confirm["label"] == "Type your email address (ada@example.com) to confirm");

    CHECK(on_mirror_edit(s, delete_confirm_field, "ada@example.co", 0, 0));
    CHECK_FALSE(can_confirm_deletion(s));
    edit_delete_confirmation(s, "Ada@example.com");  // the local part may be case-sensitive
    CHECK_FALSE(can_confirm_deletion(s));
    edit_delete_confirmation(s, "ada@EXAMPLE.com");  // a domain is not
    CHECK(can_confirm_deletion(s));
    edit_delete_confirmation(s, " ada@example.com ");
    CHECK(can_confirm_deletion(s));
    CHECK((*mirror_action(form_mirror(s)["devices"]["delete"]["actions"], "delete-confirm"))["enabled"] == true);

    const auto out = on_mirror_action(s, "delete-confirm");
    REQUIRE(out.size() == 1);
    CHECK(out[0].what == effect::kind::delete_account);
    CHECK(out[0].url == "/api/account");
    CHECK(fixtures::body_of(out[0]) == json{{"confirm", "ada@example.com"}});
    CHECK(s.devices.deleting);
    CHECK(devices_action(s, "delete-confirm").empty());  // not twice
    CHECK(devices_action(s, "delete-cancel").empty());   // nor cancelled on the way
    CHECK_FALSE(on_mirror_edit(s, delete_confirm_field, "x", 0, 0));

    SECTION("the server disagrees: the step stays with its message") {
        on_account_deleted(s, fixtures::answer(400, {{"error", "confirmation_mismatch"}, {"message", "x"}}));
        CHECK(s.devices.delete_open);
        CHECK_FALSE(s.devices.deleting);
        CHECK(s.devices.delete_error == "That is not your account's email address: type it exactly as shown.");
        CHECK(form_mirror(s)["fields"].back()["invalid"] == true);
    }
    SECTION("turned off meanwhile") {
        on_account_deleted(s, fixtures::answer(403, {{"error", "account_deletion_disabled"}, {"message", "x"}}));
        CHECK(s.devices.delete_error ==
              "Deleting accounts is turned off here. Ask the organisation that runs this page.");
    }
    SECTION("cancel closes the step and forgets what was typed") {
        on_account_deleted(s, fixtures::answer(502, {{"error", "upstream_unavailable"}, {"message", "Down."}}));
        CHECK(s.devices.delete_error ==
              "Your account was not deleted: The identity provider is unavailable. Please try again in a moment.");
        devices_action(s, "delete-cancel");
        CHECK_FALSE(s.devices.delete_open);
        CHECK(s.devices.confirm_text.empty());
        CHECK(form_mirror(s)["devices"]["delete"].is_null());
    }
}

TEST_CASE("devices: deleted: the farewell, nothing of the account left in the tab") {
    auto s = ada();
    edit_text(s, "user_metadata.city", "Paris");
    devices_action(s, "delete-open");
    edit_delete_confirmation(s, "ada@example.com");
    devices_action(s, "delete-confirm");
    const auto out = on_account_deleted(s, fixtures::answer(204, nullptr));
    CHECK(s.devices.farewell);
    CHECK(s.current == phase::signed_out);
    CHECK_FALSE(s.user);
    CHECK_FALSE(s.profile);
    CHECK(s.draft.empty());
    CHECK(s.csrf_token.empty());
    CHECK(s.account_error.empty());
    REQUIRE(out.size() == 2);
    CHECK(out[0].what == effect::kind::clear_draft);
    CHECK(out[1].what == effect::kind::clear_step);
    const auto m = form_mirror(s);
    CHECK(m["screen"] == "farewell");
    CHECK(m["heading"] == "Your account has been deleted");
    CHECK(devices_action(s, "export-data").empty());  // nothing of the account to act on
}

TEST_CASE("devices: a stale sign-in: sign in again, then the step opens again with what was typed") {
    auto s = ada();
    edit_text(s, "user_metadata.city", "Paris");  // an unsaved edit survives the round trip too
    devices_action(s, "delete-open");
    edit_delete_confirmation(s, "ada@example.com");
    devices_action(s, "delete-confirm");
    const auto out = on_account_deleted(s, fixtures::answer(401, {{"error", "reauthentication_required"},
                                                                  {"message", "Sign in again."},
                                                                  {"reauthenticateUrl", "/login?reauth=delete"}}));
    // The generic machinery (reauth.hpp): the step kept, the draft kept, then away.
    REQUIRE(out.size() == 3);
    CHECK(out[0].what == effect::kind::store_step);
    const json kept = fixtures::body_of(out[0]);
    CHECK(kept["action"] == "delete");
    CHECK(kept["input"] == json{{"confirm", "ada@example.com"}});
    CHECK(out[1].what == effect::kind::store_draft);
    CHECK(out[2].what == effect::kind::navigate);
    CHECK(out[2].url == "/login?reauth=delete");
    CHECK(s.user);  // not a lost session: nothing is signed out

    // Back at "/?resume=delete", signed in again: the step is open with the email typed.
    app_state back = ada();
    resume_after_profile(back, "?resume=delete", out[0].body);
    CHECK(back.devices.delete_open);
    CHECK(back.devices.confirm_text == "ada@example.com");
    CHECK(can_confirm_deletion(back));

    SECTION("deletion turned off meanwhile: the step stays closed") {
        app_state off = ada(false);
        resume_after_profile(off, "?resume=delete", out[0].body);
        CHECK_FALSE(off.devices.delete_open);
    }
}

TEST_CASE("devices: the mirror's controls act as the canvas's") {
    auto s = ada();
    CHECK(on_mirror_action(s, "sessions-toggle").size() == 1);
    on_sessions(s, fixtures::answer(200, two_sessions()), now, 0);
    CHECK(on_mirror_action(s, "end-session:h/other").size() == 1);
    // Focusing the confirmation field leaves the form's focus (Tab order, Enter, Esc).
    s.focused = "user_metadata.city";
    devices_action(s, "delete-open");
    on_mirror_focus(s, delete_confirm_field);
    CHECK(s.focused.empty());
}

TEST_CASE("devices: when_text") {
    CHECK(when_text(0, now, 0) == "unknown");
    CHECK(when_text(now + 30, now, 0) == "just now");  // a clock slightly ahead
    CHECK(when_text(now - 59, now, 0) == "just now");
    CHECK(when_text(now - 60, now, 0) == "1 minute ago");
    CHECK(when_text(now - 3599, now, 0) == "59 minutes ago");
    CHECK(when_text(now - 3600, now, 0) == "1 hour ago");
    CHECK(when_text(now - 86399, now, 0) == "23 hours ago");
    // Past a day, the date and time (the browser's Intl formats them in the
    // app's language; natively the plain ISO form of formats.cpp).
    CHECK(when_text(now - 86400, now, 0) == "2025-12-02 13:53");
    CHECK(when_text(now - 86400, now, -300) == "2025-12-02 08:53");  // UTC-5
    CHECK(when_text(951782400, now, 0) == "2000-02-29 00:00");       // a leap day
    CHECK(when_text(951782400, now, -60) == "2000-02-28 23:00");     // the day before, west of UTC
}
