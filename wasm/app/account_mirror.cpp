#include "app/account_mirror.hpp"

#include "app/controller_account.hpp"
#include "app/i18n.hpp"

#include <algorithm>
#include <vector>

namespace profiledesk::app {

using nlohmann::json;
using step = account_state::step;

namespace {

constexpr const char* action_prefix = "account:";

json action(const std::string& name, const std::string& label, bool enabled) {
    return {{"id", action_prefix + name}, {"label", label}, {"enabled", enabled}, {"item", "button:account:" + name}};
}

json input(const app_state& s, const char* id, const std::string& label, const char* kind) {
    return {{"id", id},
            {"label", label},
            {"kind", kind},
            {"value", account_field_text(s, id)},
            {"readonly", s.account.busy},
            {"invalid", false},
            {"changed", false},
            {"section", account_section_label()}};
}

}  // namespace

void add_account_to_mirror(const app_state& s, json& j) {
    if (!s.profile) return;
    const auto& a = s.account;
    json& fields = j["fields"];
    json actions = json::array();

    // Said in the section's live region: what will ask for a sign-in, the
    // pending change, why a change is not offered, what just happened.
    std::vector<std::string> status;
    status.push_back(reauth_notice(s));
    if (a.view.pending_email) {
        status.push_back(tr("account.pending", {{"address", a.view.pending_email->address}}));
    }
    status.push_back(email_read_only_reason(s));
    status.push_back(password_read_only_reason(s));
    status.push_back(a.notice);
    if (a.view.email_change && a.open != step::email) {
        actions.push_back(action(
            "email-open", tr(a.view.pending_email ? "account.change_to_another" : "account.change_email"), !a.busy));
    }
    if (a.view.pending_email) {
        actions.push_back(action("email-resend", tr("mirror.resend_link"), !a.busy));
        actions.push_back(action("email-cancel", tr("mirror.cancel_email_change"), !a.busy));
    }
    if (a.open == step::email) {
        fields.push_back(input(s, account_new_email_id, tr("mirror.new_email"), "email-address"));
        actions.push_back(
            action("email-send", tr(a.busy ? "account.sending" : "account.send_link"), can_send_email_link(s)));
        actions.push_back(action("close", tr("account.cancel"), !a.busy));
    }

    if (!a.view.password_change) {
        // Nothing to offer: the reason is in the status.
    } else if (a.open != step::password) {
        actions.push_back(action("password-open", tr("account.change_password"), !a.busy));
    } else {
        json password = input(s, account_password_id, tr("account.new_password"), "password");
        json rules = json::array();
        for (const auto& r : password_rule_lines(s)) rules.push_back({{"text", r.text}, {"met", r.met}});
        password["rules"] = std::move(rules);
        fields.push_back(std::move(password));
        json confirm = input(s, account_confirm_id, tr("mirror.repeat_password"), "password");
        if (const auto e = confirm_error(s); !e.empty()) {
            confirm["invalid"] = true;
            confirm["error"] = e;
        }
        fields.push_back(std::move(confirm));
        actions.push_back(
            action("password-save", tr(a.busy ? "account.saving" : "account.save_password"), can_save_password(s)));
        actions.push_back(action("close", tr("account.cancel"), !a.busy));
    }

    const std::string section = account_section_label();
    j["sectionActions"] = {{section, actions}};
    std::string said;
    for (const auto& line : status) {
        if (!line.empty()) said += (said.empty() ? "" : " ") + line;
    }
    j["sectionStatus"] = {{section, said}};
    if (!a.error.empty()) j["alerts"].push_back(a.error);
}

bool account_mirror_focus(app_state& s, const std::string& id) {
    if (!is_account_field(id)) return false;
    const auto order = account_focus_order(s);
    if (std::find(order.begin(), order.end(), id) != order.end()) {
        s.focused = id;
        s.focus_request = id;
    }
    return true;
}

bool account_mirror_edit(app_state& s, const std::string& id, const std::string& value) {
    return is_account_field(id) && edit_account_text(s, id, value);
}

bool account_mirror_action(app_state& s, const std::string& name, effects& out) {
    if (name.rfind(action_prefix, 0) != 0) return false;
    out = account_action(s, name.substr(std::string(action_prefix).size()));
    return true;
}

}  // namespace profiledesk::app
