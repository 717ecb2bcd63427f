#include "app/devices_mirror.hpp"

#include "app/devices.hpp"
#include "app/form_mirror.hpp"
#include "app/i18n.hpp"

namespace profiledesk::app {

using nlohmann::json;

const char* const farewell_title = "devices.farewell_title";
const char* const farewell_text = "devices.farewell_text";
const char* const delete_explanation[3] = {
    "devices.delete_what",
    "devices.delete_sessions",
    "devices.delete_download_first",
};

std::string delete_confirm_label(const app_state& s) {
    return tr("devices.confirm_label", {{"address", s.profile ? s.profile->email : std::string()}});
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
                    {"address", e.address.empty() ? tr("devices.unknown") : e.address},
                    {"started", when_text(e.created_at, d.listed_at, d.utc_offset_min)},
                    {"lastActive", when_text(e.last_active_at, d.listed_at, d.utc_offset_min)},
                    {"current", e.current},
                    {"action", nullptr}};
        if (!e.current) {
            others = true;
            const bool this_one = d.ending == e.handle;
            row["action"] = action("end-session:" + e.handle,
                                   this_one ? tr("devices.signing_out")
                                            : tr("mirror.sign_out_device", {{"device", e.device}}),
                                   ready && d.ending.empty());
        }
        sessions.push_back(std::move(row));
    }
    json actions = json::array();
    json toggle = action("sessions-toggle", tr("devices.where"));
    toggle["expanded"] = open;
    actions.push_back(std::move(toggle));
    if (open) {
        actions.push_back(
            action("end-other-sessions",
                   tr(d.ending == others_handle ? "devices.signing_out_others" : "devices.sign_out_others"),
                   ready && others && d.ending.empty()));
    }
    actions.push_back(action("export-data", tr(d.exporting ? "devices.exporting" : "devices.export"), !d.exporting));
    if (deletion_allowed(s)) actions.push_back(action("delete-open", tr("devices.delete"), !d.delete_open));
    json del = nullptr;
    if (d.delete_open) {
        del = {{"title", tr("devices.delete")},
               {"lines", {tr(delete_explanation[0]), tr(delete_explanation[1]), tr(delete_explanation[2])}},
               {"error", d.delete_error},
               {"actions",
                {action("delete-confirm", tr(d.deleting ? "devices.deleting" : "devices.delete_for_good"),
                        can_confirm_deletion(s)),
                 action("delete-cancel", tr("devices.cancel"), !d.deleting)}}};
    }
    return {{"heading", tr("devices.heading")},
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
              {"changed", false},           {"section", tr("devices.delete")},  {"place", "devices"}};
    if (!d.delete_error.empty()) j["error"] = d.delete_error;
    return j;
}

json farewell_mirror(const app_state& s) {
    return {{"screen", "farewell"},
            {"heading", tr(farewell_title)},
            {"status", tr(farewell_text)},
            {"alerts", json::array()},
            {"focused", ""},
            {"fields", json::array()},
            {"actions", s.current == phase::signed_out ? json::array({{{"id", "sign-in"},
                                                                       {"label", tr("devices.sign_in_another")},
                                                                       {"enabled", true},
                                                                       {"item", "button:sign-in"}}})
                                                       : json::array()},
            {"dialog", nullptr},
            {"texts", mirror_texts()}};
}

}  // namespace profiledesk::app
