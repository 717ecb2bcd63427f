// Re-authentication for a sensitive step (core/reauthentication.hpp has the
// whole flow): when the server answers a step's request 401
// reauthentication_required, the app keeps the step's input in the tab's
// sessionStorage and leaves for the body's reauthenticateUrl; the provider
// sends the browser back to "/?resume=<action>", and once the profile has
// loaded the app reopens the same step with that input and cleans the URL.
//
// Generic: a step names its action and hands over its input (a JSON object);
// reopen_step() gives the input back to the step's owner. Never put a password
// in `input`: sessionStorage is readable by any script of the page for as long
// as the tab lives (a password step keeps only that it was open).
#pragma once

#include "app/app_state.hpp"
#include "app/controller.hpp"
#include "net/api_result.hpp"

#include "profiledesk/core/reauthentication.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::app {

// The sessionStorage key of the interrupted step, {sub, action, input}: like
// the draft's, it survives the sign-in round trip in this tab only.
inline constexpr const char* reauth_step_storage_key = "profiledesk.reauth";

struct resumed_step {
    core::reauth::action what = core::reauth::action::email;
    nlohmann::json input = nlohmann::json::object();  // what the step kept; always an object
};

// The step `what` was answered `r` (a 401 reauthentication_required): keep
// `input` in the tab (store_step) and go to the answer's reauthenticateUrl
// (core::reauth::url(what) when the body lacks it: the same place). The
// status line says why the page is leaving.
effects reauthenticate(app_state& s, core::reauth::action what, const nlohmann::json& input, const net::api_result& r);

// The action the page's query string ("?resume=email", with or without the
// "?") asks to resume, if it names one.
std::optional<core::reauth::action> resume_requested(std::string_view query);

// Once the profile has loaded (a user is signed in): the step kept in the tab
// (`stored`, "" when none) if the query resumes it and it is this user's.
// `out` gets what cleans up either way: the stored step is forgotten (used, or
// left behind by a sign-in that never came back), and a "resume" query is
// replaced by "/" so a reload does not reopen the step again.
std::optional<resumed_step> take_resumed_step(const app_state& s, std::string_view query, const std::string& stored,
                                              effects& out);

// Gives a resumed step back to its owner, which reopens it with its input.
effects reopen_step(app_state& s, const resumed_step& step);

// What main.cpp calls after each profile answer: take_resumed_step, then
// reopen_step. `query` is the page's location.search.
effects resume_after_profile(app_state& s, std::string_view query, const std::string& stored);

}  // namespace profiledesk::app
