// What the app keeps for "Your devices and your account" (issue 18): where
// the user is signed in, the data export, and the account's deletion. Part
// of app_state (app_state::devices); controller_devices.cpp is its only writer.
#pragma once

#include "profiledesk/core/sessions_view.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace profiledesk::app {

struct devices_state {
    // "Where you're signed in": shown on request, listed afresh each time it
    // opens and after each action on it.
    enum class list_status { closed, loading, ready, failed };
    list_status list = list_status::closed;
    std::vector<core::session_entry_view> sessions;  // GET /api/sessions, newest sign-in first
    // The browser's clock (Unix seconds) and its UTC offset (minutes east)
    // when the list arrived: the dates are shown relative to it, or local.
    std::int64_t listed_at = 0;
    int utc_offset_min = 0;
    std::string ending;  // the handle being signed out, others_handle for all others, "" for none
    // The last action's outcome, for a person (a live region in the mirror).
    std::string result;
    bool result_is_error = false;

    bool exporting = false;  // GET /api/account/export in flight

    // "Delete my account": the step is open, what the user typed to confirm,
    // the request in flight, and why it failed.
    bool delete_open = false;
    std::string confirm_text;
    bool deleting = false;
    std::string delete_error;
    bool farewell = false;  // deleted: the farewell panel replaces the app
};

// devices_state::ending while "Sign out all other sessions" is in flight
// (never a real handle: handles are non-empty base64url).
inline constexpr const char* others_handle = "*";

}  // namespace profiledesk::app
