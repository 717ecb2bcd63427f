// The "Sign-in and security" part: email and password changes (controller_account.hpp).
#include "app/controller_account.hpp"

#include "app/controller_steps.hpp"
#include "app/i18n.hpp"

#include "profiledesk/core/api_errors.hpp"
#include "profiledesk/core/json_members.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/session_view.hpp"
#include "profiledesk/core/value_formats.hpp"

#include <algorithm>
#include <cmath>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;
namespace reauth = core::reauth;
using step = account_state::step;

namespace {

constexpr const char* email_url = "/api/account/email";
constexpr const char* password_url = "/api/account/password";

}  // namespace

std::string rule_text(const core::password_rule& r) {
    const core::message_args n{{"count", std::to_string(r.min)}};
    if (r.id == "length") return tr(r.min == 1 ? "account.rule.length_one" : "account.rule.length_other", n);
    // Every other rule core knows has its key (en.json, checked by the unit tests).
    const std::string key = "account.rule." + r.id;
    return current_messages().has(key) ? tr(key, n) : r.id;
}

namespace {

void forget_password_input(account_state& a) {
    a.password.clear();
    a.confirm.clear();
    a.refused.clear();
}

void open_step(app_state& s, step which) {
    auto& a = s.account;
    if (a.open != which) forget_password_input(a);
    a.open = which;
    a.error.clear();
    a.notice.clear();
    s.focused = which == step::email ? account_new_email_id : account_password_id;
    s.focus_request = s.focused;
}

void close_step(app_state& s) {
    auto& a = s.account;
    if (is_account_field(s.focused)) s.focused.clear();
    a.open = step::none;
    a.error.clear();
    forget_password_input(a);  // the typed address stays, should the person open the step again
}

// A request of the part failed: shown beside the step, the input kept.
effects failed(app_state& s, const net::api_result& r, reauth::action what, const json& input) {
    auto& a = s.account;
    a.busy = false;
    switch (r.kind) {
        case net::outcome::reauthenticate: return reauthenticate(s, what, input, r);
        case net::outcome::account_blocked:
        case net::outcome::account_deleted: return account_closed(s, r);
        case net::outcome::unauthenticated: {
            // The session is gone: sign in again, with the profile's unsaved edits kept.
            effects out;
            if (has_unsaved_changes(s)) out.push_back({effect::kind::store_draft, {}, draft_to_json(s)});
            for (auto& e : go_to_sign_in(s)) out.push_back(std::move(e));
            return out;
        }
        default: break;
    }
    a.error = r.message;
    if (r.kind == net::outcome::rate_limited && r.retry_after_s > 0) {
        const int minutes = (r.retry_after_s + 59) / 60;
        a.error += " " + (r.retry_after_s < 60
                              ? tr("error.retry_in_seconds", {{"seconds", std::to_string(r.retry_after_s)}})
                              : tr("error.retry_in_minutes", {{"minutes", std::to_string(minutes)}}));
    }
    return {};
}

effects post_email(app_state& s, const std::string& address) {
    auto& a = s.account;
    a.busy = true;
    a.error.clear();
    a.notice.clear();
    const json body = {{std::string(core::root_key::email), address}};
    return {{effect::kind::start_email_change, email_url, body.dump()}};
}

}  // namespace

void adopt_account_view(app_state& s) {
    auto& a = s.account;
    const json* member = nullptr;
    if (s.profile && s.profile->view.is_object()) {
        const auto it = s.profile->view.find("account");
        if (it != s.profile->view.end()) member = &*it;
    }
    a.view = core::account_view_from_json(member ? *member : json());
    a.view_at_s = s.now_s;
    // A step the account no longer offers (another device, an operator) closes.
    if ((a.open == step::email && !a.view.email_change) || (a.open == step::password && !a.view.password_change)) {
        close_step(s);
    }
}

effects reopen_account_step(app_state& s, const resumed_step& resumed) {
    if (resumed.what == reauth::action::email && s.account.view.email_change) {
        open_step(s, step::email);
        const std::string kept = str(resumed.input, std::string(core::root_key::email).c_str());
        if (!kept.empty()) s.account.new_email = kept;
        s.account.notice = tr("account.resumed_email");
    } else if (resumed.what == reauth::action::password && s.account.view.password_change) {
        open_step(s, step::password);
        s.account.notice = tr("account.resumed_password");
    }
    return {};
}

std::int64_t recent_sign_in_left(const app_state& s) {
    const auto& a = s.account;
    const double left = static_cast<double>(a.view.recent_sign_in_for) - (s.now_s - a.view_at_s);
    return left > 0 ? static_cast<std::int64_t>(std::ceil(left)) : 0;
}

std::string reauth_notice(const app_state& s) {
    const auto& v = s.account.view;
    if (recent_sign_in_left(s) > 0 || (!v.email_change && !v.password_change)) return {};
    return tr(v.email_change && v.password_change ? "account.reauth_email_or_password"
              : v.email_change                    ? "account.reauth_email"
                                                  : "account.reauth_password");
}

std::string email_read_only_reason(const app_state& s) {
    if (s.account.view.email_change || !s.profile) return {};
    if (const auto* f = s.profile->field(std::string(core::root_key::email)); f != nullptr && !f->reason.empty()) {
        return f->reason;
    }
    return tr("account.email_read_only");
}

std::string password_read_only_reason(const app_state& s) {
    if (s.account.view.password_change || !s.profile) return {};
    if (s.profile->social && !s.profile->identity_label.empty()) {
        return tr("account.password_elsewhere", {{"provider", s.profile->identity_label}});
    }
    return tr("account.password_read_only");
}

std::vector<password_rule_line> password_rule_lines(const app_state& s) {
    const auto& a = s.account;
    const auto unmet = core::unmet_password_rules(a.view.policy, a.password);
    std::vector<password_rule_line> out;
    const auto refused = [&](const std::string& id) {
        return std::any_of(a.refused.begin(), a.refused.end(), [&](const auto& r) { return r.id == id; });
    };
    for (const auto& rule : core::password_rules(a.view.policy)) {
        const bool failed_here = std::find(unmet.begin(), unmet.end(), rule) != unmet.end();
        out.push_back({rule.id, rule_text(rule), !failed_here && !refused(rule.id)});
    }
    // A rule the tenant refused that our copy of the policy lacks: shown, unmet.
    for (const auto& rule : a.refused) {
        const bool listed = std::any_of(out.begin(), out.end(), [&](const auto& l) { return l.id == rule.id; });
        if (!listed) out.push_back({rule.id, rule_text(rule), false});
    }
    return out;
}

std::string confirm_error(const app_state& s) {
    const auto& a = s.account;
    if (a.confirm.empty() || a.confirm == a.password) return {};
    return tr("account.passwords_differ");
}

bool can_send_email_link(const app_state& s) {
    const auto& a = s.account;
    return a.open == step::email && !a.busy && a.view.email_change && core::is_valid_email(a.new_email) &&
           !(s.profile && a.new_email == s.profile->email);
}

bool can_save_password(const app_state& s) {
    const auto& a = s.account;
    if (a.open != step::password || a.busy || !a.view.password_change || a.password.empty()) return false;
    if (a.password != a.confirm) return false;
    const auto lines = password_rule_lines(s);
    return std::all_of(lines.begin(), lines.end(), [](const auto& l) { return l.met; });
}

bool is_account_field(const std::string& id) {
    return id == account_new_email_id || id == account_password_id || id == account_confirm_id;
}

std::string account_field_text(const app_state& s, const std::string& id) {
    if (id == account_new_email_id) return s.account.new_email;
    if (id == account_password_id) return s.account.password;
    if (id == account_confirm_id) return s.account.confirm;
    return {};
}

std::vector<std::string> account_focus_order(const app_state& s) {
    switch (s.account.open) {
        case step::email: return {account_new_email_id};
        case step::password: return {account_password_id, account_confirm_id};
        case step::none: break;
    }
    return {};
}

bool edit_account_text(app_state& s, const std::string& id, const std::string& text) {
    const auto order = account_focus_order(s);
    if (std::find(order.begin(), order.end(), id) == order.end() || s.account.busy) return false;
    auto& a = s.account;
    if (id == account_new_email_id) a.new_email = text;
    if (id == account_password_id) {
        a.password = text;
        a.refused.clear();  // the live rules speak for the new text
    }
    if (id == account_confirm_id) a.confirm = text;
    a.error.clear();
    return true;
}

effects account_action(app_state& s, const std::string& name) {
    auto& a = s.account;
    if (!s.profile || s.current == phase::loading || a.busy) return {};
    if (name == "email-open" && a.view.email_change) {
        open_step(s, step::email);
    } else if (name == "password-open" && a.view.password_change) {
        open_step(s, step::password);
    } else if (name == "close" && a.open != step::none) {
        close_step(s);
    } else if (name == "email-send" && can_send_email_link(s)) {
        return post_email(s, a.new_email);
    } else if (name == "email-resend" && a.view.pending_email && a.view.email_change) {
        return post_email(s, a.view.pending_email->address);
    } else if (name == "email-cancel" && a.view.pending_email) {
        a.busy = true;
        a.error.clear();
        a.notice.clear();
        return {{effect::kind::cancel_email_change, email_url, {}}};
    } else if (name == "password-save" && can_save_password(s)) {
        a.busy = true;
        a.error.clear();
        a.notice.clear();
        const json body = {{"password", a.password}};
        return {{effect::kind::change_password, password_url, body.dump()}};
    }
    return {};
}

effects on_account_key(app_state& s, key k) {
    if (!is_account_field(s.focused)) return {};
    if (k == key::escape) return account_action(s, "close");
    if (k != key::enter) return {};
    if (s.account.open == step::email) return account_action(s, "email-send");
    // Enter in the first password field moves on to the second, as in the form.
    if (s.focused == account_password_id) {
        s.focused = s.focus_request = account_confirm_id;
        return {};
    }
    return account_action(s, "password-save");
}

effects on_email_change_result(app_state& s, const net::api_result& r) {
    auto& a = s.account;
    if (r.kind != net::outcome::ok) {
        // The address typed (or the pending one, on Resend) comes back after a sign-in.
        const std::string address = !a.new_email.empty() || !a.view.pending_email ? a.new_email
                                                                                  : a.view.pending_email->address;
        return failed(s, r, reauth::action::email, {{std::string(core::root_key::email), address}});
    }
    a.busy = false;
    const auto pending =
        r.body.is_object()
            ? core::account_view_from_json(json{{"pendingEmail", r.body.value("pendingEmail", json())}}).pending_email
            : std::nullopt;
    if (pending) a.view.pending_email = pending;
    const std::string address = a.view.pending_email ? a.view.pending_email->address : a.new_email;
    if (a.open == step::email) close_step(s);
    a.new_email.clear();
    s.focused = s.focused == account_new_email_id ? std::string() : s.focused;
    a.notice = tr("account.link_sent", {{"address", address}});
    return {};
}

effects on_email_cancel_result(app_state& s, const net::api_result& r) {
    auto& a = s.account;
    if (r.kind != net::outcome::ok) return failed(s, r, reauth::action::email, json::object());
    a.busy = false;
    a.view.pending_email.reset();
    a.notice = tr("account.change_cancelled");
    return {};
}

effects on_password_change_result(app_state& s, const net::api_result& r) {
    auto& a = s.account;
    if (r.kind != net::outcome::ok) {
        if (r.error == core::api_error::password_too_weak) {
            a.refused.clear();
            const json rules = r.body.is_object() ? r.body.value("rules", json::array()) : json::array();
            for (const auto& rule : rules) {
                if (rule.is_object() && rule.contains("id") && rule["id"].is_string()) {
                    a.refused.push_back({rule["id"].get<std::string>(), rule.value("min", std::size_t{0})});
                } else if (rule.is_string()) {
                    a.refused.push_back({rule.get<std::string>(), 0});
                }
            }
        }
        if (r.error == core::api_error::session_store_unavailable) {
            // The password did change (server/api/password_routes.cpp): ending the other sessions is what failed.
            net::api_result changed = r;
            changed.message = tr("error.password_changed_sessions_kept");
            return failed(s, changed, reauth::action::password, json::object());
        }
        // Only that the step was open survives a sign-in: never the password.
        return failed(s, r, reauth::action::password, json::object());
    }
    a.busy = false;
    close_step(s);
    a.notice = tr("account.password_changed");
    // The server renewed this session: its new CSRF token, from the answer or the session.
    const std::string token = str(r.body, "csrfToken");
    if (!token.empty()) {
        s.csrf_token = token;
        return {};
    }
    return {{effect::kind::refresh_session, "/api/session", {}}};
}

void on_session_refreshed(app_state& s, const net::api_result& r) {
    if (r.kind != net::outcome::ok) return;  // the next write's answer says what is wrong
    const auto view = core::session_view_from_json(r.body);
    if (view.user && !view.csrf_token.empty()) s.csrf_token = view.csrf_token;
}

json account_to_json(const app_state& s) {
    const auto& a = s.account;
    // The open step by its action's name ("email", "password"), or "none".
    const std::string open = a.open == step::none    ? "none"
                             : a.open == step::email ? std::string(reauth::name(reauth::action::email))
                                                     : std::string(reauth::name(reauth::action::password));
    json rules = json::array();
    for (const auto& l : password_rule_lines(s)) rules.push_back({{"id", l.id}, {"text", l.text}, {"met", l.met}});
    json j = {{"emailChange", a.view.email_change},
              {"passwordChange", a.view.password_change},
              {"recentSignInLeft", recent_sign_in_left(s)},
              {"reauthNotice", reauth_notice(s)},
              {"open", open},
              {"busy", a.busy},
              {"newEmail", a.new_email},
              {"passwordLength", a.password.size()},
              {"passwordsMatch", a.password == a.confirm},
              {"rules", rules},
              {"canSendLink", can_send_email_link(s)},
              {"canSavePassword", can_save_password(s)},
              {"error", a.error},
              {"notice", a.notice},
              {"pendingEmail", nullptr}};
    if (a.view.pending_email) {
        j["pendingEmail"] = {{"address", a.view.pending_email->address},
                             {"expiresAt", a.view.pending_email->expires_at}};
    }
    return j;
}

}  // namespace profiledesk::app
