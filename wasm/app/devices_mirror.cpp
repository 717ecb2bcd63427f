#include "app/devices_mirror.hpp"

#include "app/devices.hpp"

namespace profiledesk::app {

using nlohmann::json;

const char* const farewell_title = "Your account has been deleted";
const char* const farewell_text =
    "Your profile and your sign-in are gone, and every device you were signed in on has been signed out. "
    "Thank you for having been with us.";
namespace {
const char* const delete_what =
    "This deletes your account for good: your profile (name, picture, preferences and everything else on this "
    "page) and your sign-in with it. It cannot be undone.";
}  // namespace
const char* const delete_explanation[3] = {
    delete_what,
    "Every device you are signed in on is signed out.",
    "You may want to download your data first.",
};

std::string delete_confirm_label(const app_state& s) {
    return "Type your email address (" + (s.profile ? s.profile->email : std::string()) + ") to confirm";
}

namespace {

json action(const std::string& id, const std::string& label, bool enabled = true) {
    return {{"id", id}, {"label", label}, {"enabled", enabled}, {"item", "button:" + id}};
}

const char* list_status_name(devices_state::list_status l) {
    switch (l) {
        case devices_state::list_status::closed: return "closed";
        case devices_state::list_status::loading: return "loading";
        case devices_state::list_status::ready: return "ready";
        case devices_state::list_status::failed: return "failed";
    }
    return "closed";
}

}  // namespace

json devices_mirror(const app_state& s) {
    const auto& d = s.devices;
    const bool open = d.list != devices_state::list_status::closed;
    const bool ready = d.list == devices_state::list_status::ready;
    json sessions = json::array();
    bool others = false;
    for (const auto& e : d.sessions) {
        json row = {{"device", e.device},
                    {"address", e.address.empty() ? "unknown" : e.address},
                    {"started", when_text(e.created_at, d.listed_at, d.utc_offset_min)},
                    {"lastActive", when_text(e.last_active_at, d.listed_at, d.utc_offset_min)},
                    {"current", e.current},
                    {"action", nullptr}};
        if (!e.current) {
            others = true;
            const bool this_one = d.ending == e.handle;
            row["action"] = action("end-session:" + e.handle, this_one ? "Signing out..." : "Sign out " + e.device,
                                   ready && d.ending.empty());
        }
        sessions.push_back(std::move(row));
    }
    json actions = json::array();
    json toggle = action("sessions-toggle", "Where you're signed in");
    toggle["expanded"] = open;
    actions.push_back(std::move(toggle));
    if (open) {
        actions.push_back(
            action("end-other-sessions",
                   d.ending == others_handle ? "Signing out other sessions..." : "Sign out all other sessions",
                   ready && others && d.ending.empty()));
    }
    actions.push_back(action("export-data", d.exporting ? "Preparing your data..." : "Download my data", !d.exporting));
    if (deletion_allowed(s)) actions.push_back(action("delete-open", "Delete my account", !d.delete_open));
    json del = nullptr;
    if (d.delete_open) {
        del = {{"title", "Delete my account"},
               {"lines", {delete_explanation[0], delete_explanation[1], delete_explanation[2]}},
               {"error", d.delete_error},
               {"actions",
                {action("delete-confirm", d.deleting ? "Deleting..." : "Delete my account for good",
                        can_confirm_deletion(s)),
                 action("delete-cancel", "Cancel", !d.deleting)}}};
    }
    return {{"heading", "Your devices and your account"},
            {"sessionsOpen", open},
            {"listStatus", list_status_name(d.list)},
            {"sessions", sessions},
            {"result", d.result},
            {"resultIsError", d.result_is_error},
            {"actions", actions},
            {"delete", del}};
}

json delete_confirm_entry(const app_state& s) {
    const auto& d = s.devices;
    if (!d.delete_open) return nullptr;
    json j = {{"id", delete_confirm_field}, {"label", delete_confirm_label(s)}, {"kind", "text"},
              {"value", d.confirm_text},    {"readonly", d.deleting},           {"invalid", !d.delete_error.empty()},
              {"changed", false},           {"section", "Delete my account"},   {"place", "devices"}};
    if (!d.delete_error.empty()) j["error"] = d.delete_error;
    return j;
}

json farewell_mirror(const app_state& s) {
    return {{"screen", "farewell"},
            {"heading", farewell_title},
            {"status", farewell_text},
            {"alerts", json::array()},
            {"focused", ""},
            {"fields", json::array()},
            {"actions", s.current == phase::signed_out ? json::array({{{"id", "sign-in"},
                                                                       {"label", "Sign in with another account"},
                                                                       {"enabled", true},
                                                                       {"item", "button:sign-in"}}})
                                                       : json::array()},
            {"dialog", nullptr}};
}

}  // namespace profiledesk::app
