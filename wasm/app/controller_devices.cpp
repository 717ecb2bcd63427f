// Where you're signed in, the data export and deleting the account (devices.hpp).
#include "app/devices.hpp"

#include "app/controller_steps.hpp"
#include "app/formats.hpp"
#include "app/reauth.hpp"

#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/email_confirmation.hpp"
#include "profiledesk/core/reauthentication.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <utility>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

namespace {

const std::string sessions_url = "/api/sessions";
const std::string end_session_prefix = "end-session:";

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// A handle in a path segment: opaque, so anything beyond the unreserved
// characters (RFC 3986 2.3) is percent-encoded.
std::string path_segment(const std::string& handle) {
    std::string out;
    for (const unsigned char c : handle) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

const core::session_entry_view* find_session(const devices_state& d, const std::string& handle) {
    const auto it = std::find_if(d.sessions.begin(), d.sessions.end(),
                                 [&](const core::session_entry_view& e) { return e.handle == handle; });
    return it == d.sessions.end() ? nullptr : &*it;
}

bool has_other_sessions(const devices_state& d) {
    return std::any_of(d.sessions.begin(), d.sessions.end(), [](const auto& e) { return !e.current; });
}

void show_result(devices_state& d, std::string text, bool is_error) {
    d.result = std::move(text);
    d.result_is_error = is_error;
}

effects list_again(devices_state& d) {
    d.list = devices_state::list_status::loading;
    return {{effect::kind::get_sessions, sessions_url, {}}};
}

// The session ended meanwhile (expired, or signed out from another device):
// the welcome panel, as when the profile load finds it gone.
effects session_gone(app_state& s) {
    s.current = phase::signed_out;
    s.user.reset();
    return {};
}

// What every answer does first: an account closed or a session gone ends
// the page's work. True when it did.
bool handled_as_gone(app_state& s, const net::api_result& r, effects& out) {
    if (is_account_closed(r)) {
        out = account_closed(s, r);
        return true;
    }
    if (r.kind == net::outcome::unauthenticated) {
        out = session_gone(s);
        return true;
    }
    return false;
}

bool signed_in(const app_state& s) { return s.profile && s.user && !s.devices.farewell; }

}  // namespace

bool is_devices_action(const std::string& a) {
    return a == "sessions-toggle" || a.rfind(end_session_prefix, 0) == 0 || a == "end-other-sessions" ||
           a == "export-data" || a == "delete-open" || a == "delete-cancel" || a == "delete-confirm";
}

bool deletion_allowed(const app_state& s) { return s.profile && s.account.view.deletion; }

bool can_confirm_deletion(const app_state& s) {
    const auto& d = s.devices;
    // The server's own test (core/email_confirmation.hpp): the button is
    // enabled exactly when the server will accept what was typed.
    return signed_in(s) && d.delete_open && !d.deleting && deletion_allowed(s) &&
           core::confirms_email(d.confirm_text, s.profile->email);
}

void edit_delete_confirmation(app_state& s, const std::string& text) {
    if (!s.devices.delete_open || s.devices.deleting) return;
    s.devices.confirm_text = text;
    s.devices.delete_error.clear();
}

effects devices_action(app_state& s, const std::string& a) {
    if (!signed_in(s)) return {};
    auto& d = s.devices;
    const bool listed = d.list == devices_state::list_status::ready;
    if (a == "sessions-toggle") {
        if (d.list != devices_state::list_status::closed) {
            d.list = devices_state::list_status::closed;
            d.sessions.clear();
            d.result.clear();
            return {};
        }
        d.result.clear();
        return list_again(d);
    }
    if (a.rfind(end_session_prefix, 0) == 0) {
        const std::string handle = a.substr(end_session_prefix.size());
        const auto* e = find_session(d, handle);
        // Only another device's session: this one signs out with "Sign out".
        if (!listed || !d.ending.empty() || e == nullptr || e->current) return {};
        d.ending = handle;
        d.result.clear();
        return {{effect::kind::end_sessions, sessions_url + "/" + path_segment(handle), {}}};
    }
    if (a == "end-other-sessions") {
        if (!listed || !d.ending.empty() || !has_other_sessions(d)) return {};
        d.ending = others_handle;
        d.result.clear();
        return {{effect::kind::end_sessions, sessions_url + "?others=true", {}}};
    }
    if (a == "export-data") {
        if (d.exporting) return {};
        d.exporting = true;
        d.result.clear();
        return {{effect::kind::download_export, "/api/account/export", {}}};
    }
    if (a == "delete-open") {
        if (!deletion_allowed(s) || d.delete_open) return {};
        d.delete_open = true;
        d.confirm_text.clear();
        d.delete_error.clear();
        return {};
    }
    if (a == "delete-cancel") {
        if (d.deleting) return {};
        d.delete_open = false;
        d.confirm_text.clear();
        d.delete_error.clear();
        return {};
    }
    if (a == "delete-confirm") {
        if (!can_confirm_deletion(s)) return {};
        d.deleting = true;
        d.delete_error.clear();
        return {{effect::kind::delete_account, "/api/account", json{{"confirm", trimmed(d.confirm_text)}}.dump()}};
    }
    return {};
}

effects on_sessions(app_state& s, const net::api_result& r, std::int64_t now_unix, int utc_offset_min) {
    effects out;
    if (handled_as_gone(s, r, out)) return out;
    auto& d = s.devices;
    if (d.list == devices_state::list_status::closed) return {};  // closed while the answer was on its way
    if (r.kind != net::outcome::ok) {
        d.list = devices_state::list_status::failed;
        show_result(d, tr("devices.list_failed", {{"reason", r.message}}), true);
        return {};
    }
    d.sessions = core::sessions_view_from_json(r.body);
    d.list = devices_state::list_status::ready;
    d.listed_at = now_unix;
    d.utc_offset_min = utc_offset_min;
    return {};
}

effects on_sessions_ended(app_state& s, const net::api_result& r) {
    effects out;
    if (handled_as_gone(s, r, out)) return out;
    auto& d = s.devices;
    const std::string ending = std::exchange(d.ending, {});
    if (r.kind == net::outcome::ok) {
        const auto* e = ending == others_handle ? nullptr : find_session(d, ending);
        show_result(d,
                    ending == others_handle ? tr("devices.signed_out_others")
                    : e != nullptr          ? tr("devices.signed_out_device", {{"device", e->device}})
                                            : tr("devices.signed_out"),
                    false);
    } else if (r.error == core::api_error::session_not_found) {
        show_result(d, r.message, false);
    } else {
        show_result(d, tr("devices.not_signed_out", {{"reason", r.message}}), true);
        return {};
    }
    // The list afresh: what is left, and any device that signed in meanwhile.
    if (d.list == devices_state::list_status::closed) return {};
    return list_again(d);
}

effects on_account_deleted(app_state& s, const net::api_result& r) {
    auto& d = s.devices;
    d.deleting = false;
    if (r.kind == net::outcome::ok) {
        // The server deleted the user at the provider and ended every session:
        // nothing of the account stays in the tab, and the farewell replaces the app.
        net::api_result gone = r;
        gone.kind = net::outcome::account_deleted;
        effects out = account_closed(s, gone);
        s.account_error.clear();
        s.devices.farewell = true;
        out.push_back({effect::kind::clear_step, {}, {}});
        return out;
    }
    if (r.kind == net::outcome::reauthenticate) {
        // Sign in again, then back to this step with what was typed.
        return reauthenticate(s, core::reauth::action::delete_account, {{"confirm", d.confirm_text}}, r);
    }
    effects out;
    if (handled_as_gone(s, r, out)) return out;
    if (r.error == core::api_error::confirmation_mismatch || r.error == core::api_error::account_deletion_disabled) {
        d.delete_error = r.message;  // says it all: no "not deleted" before it
    } else {
        d.delete_error = tr("devices.delete_failed", {{"reason", r.message}});
    }
    return {};
}

effects on_export(app_state& s, const net::api_result& r) {
    effects out;
    s.devices.exporting = false;
    if (handled_as_gone(s, r, out)) return out;
    if (r.kind == net::outcome::ok) {
        show_result(s.devices, tr("devices.exported"), false);
    } else {
        show_result(s.devices, tr("devices.export_failed", {{"reason", r.message}}), true);
    }
    return {};
}

effects reopen_delete_step(app_state& s, const json& input) {
    auto& d = s.devices;
    if (!signed_in(s) || !deletion_allowed(s)) return {};  // turned off meanwhile: nothing to reopen
    d.delete_open = true;
    d.confirm_text = input.is_object() ? str(input, "confirm") : std::string();
    d.delete_error.clear();
    return {};
}

std::string when_text(std::int64_t t, std::int64_t now, int utc_offset_min) {
    if (t <= 0) return tr("devices.unknown");
    const std::int64_t ago = now - t;
    if (ago < 60) return tr("devices.just_now");  // also a server clock slightly ahead
    // In the app's language, by the browser's Intl (formats.hpp).
    if (ago < 3600) return format_ago(ago / 60, "minute");
    if (ago < 86400) return format_ago(ago / 3600, "hour");
    return format_date_time(t, utc_offset_min);
}

}  // namespace profiledesk::app
