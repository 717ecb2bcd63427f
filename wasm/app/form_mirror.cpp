#include "app/form_mirror.hpp"

#include "app/account_mirror.hpp"
#include "app/controller_account.hpp"
#include "app/devices.hpp"
#include "app/devices_mirror.hpp"
#include "app/i18n.hpp"
#include "app/language.hpp"
#include "app/profile_form.hpp"

#include <algorithm>

namespace profiledesk::app {
namespace {

using nlohmann::json;

const char* html_kind(widget w) {
    switch (w) {
        case widget::multi_line: return "textarea";
        case widget::checkbox: return "checkbox";
        case widget::combo: return "select";
        case widget::date: return "date";
        case widget::number: return "number";
        case widget::single_line:
        case widget::read_only: return "text";
    }
    return "text";
}

// `item`: the canvas widget the action mirrors (views record it under that
// name), so the mirror's button can lie over it.
json action(const std::string& id, const std::string& label, const std::string& item, bool enabled = true) {
    return {{"id", id}, {"label", label}, {"enabled", enabled}, {"item", item}};
}

json field_entry(const app_state& s, const form_field& f) {
    const std::string error = field_error(s, f.id);
    json j = {{"id", f.id},
              {"label", f.label},
              {"kind", f.editable ? html_kind(f.kind) : "text"},
              {"value", field_text(s, f.id)},
              {"readonly", !f.editable},
              {"invalid", !error.empty()},
              {"changed", is_changed(s, f.id)}};
    if (!error.empty()) j["error"] = error;
    if (!f.editable) j["reason"] = f.reason;
    if (!f.help.empty()) j["help"] = f.help;
    if (!f.placeholder.empty()) j["placeholder"] = f.placeholder;
    if (f.editable && f.kind == widget::checkbox) {
        const auto it = s.draft.find(f.id);
        j["value"] = it != s.draft.end() && it->second.is_boolean() && it->second.get<bool>() ? "true" : "false";
    }
    if (f.editable && f.kind == widget::combo) {
        json options = json::array();
        const auto* def = s.profile->def_of(f);
        if (def == nullptr || !def->required) options.push_back({{"value", ""}, {"label", tr("form.not_set")}});
        if (def != nullptr) {
            for (const auto& o : def->options) options.push_back({{"value", o.value}, {"label", option_label(o)}});
        }
        j["options"] = std::move(options);
    }
    return j;
}

// A person's value inside a sentence, isolated (UAX #9 FSI ... PDI): a
// right-to-left value neither reorders the text around it nor its
// neighbour ("City: قمر → שלום" would otherwise read after before before).
std::string isolated(const std::string& value) { return "\u2068" + value + "\u2069"; }

json review_dialog(const app_state& s) {
    json lines = json::array();
    for (const auto& line : review(s)) {
        lines.push_back(
            tr("mirror.review_line",
               {{"label", line.label}, {"before", isolated(line.before)}, {"after", isolated(line.after)}}));
    }
    return {{"title", tr("review.title")},
            {"lines", lines},
            {"actions",
             {action("save", tr("review.save"), "button:review-save", can_save(s)),
              action("close-review", tr("review.keep_editing"), "button:review-close")}}};
}

json conflict_dialog(const app_state& s) {
    json actions = json::array();
    for (const auto& c : s.conflicts) {
        const auto choice = [&](const char* key, const json& v, conflict_item::choice which, const char* suffix) {
            json a = action("choose:" + c.id + ":" + suffix,
                            tr(key, {{"label", c.label}, {"value", isolated(conflict_text(v))}}),
                            "conflict:" + c.id + ":" + suffix);
            a["pressed"] = c.chosen == which;
            actions.push_back(std::move(a));
        };
        choice("mirror.conflict_mine", c.mine, conflict_item::choice::mine, "mine");
        choice("mirror.conflict_theirs", c.theirs, conflict_item::choice::theirs, "theirs");
    }
    actions.push_back(action("resolve", tr("conflict.save"), "button:resolve", conflicts_decided(s)));
    return {{"title", tr("conflict.title")}, {"lines", {tr("conflict.explain")}}, {"actions", actions}};
}

json editor(const app_state& s) {
    const bool editable = s.current == phase::editing;
    const bool changes = has_unsaved_changes(s);
    json fields = json::array({language_switcher_entry(s)});  // the header's switcher comes first
    for (const auto& sec : s.profile->sections) {
        for (const auto& id : sec.ids) {
            if (const auto* f = s.profile->field(id)) {
                json entry = field_entry(s, *f);
                entry["section"] = sec.label;
                fields.push_back(std::move(entry));
            }
        }
    }
    if (auto confirm = delete_confirm_entry(s); !confirm.is_null()) fields.push_back(std::move(confirm));
    json actions = json::array();
    if (s.current == phase::error) {
        actions.push_back(action("retry", retry_label(s), "button:retry", retry_wait_s(s) == 0));
    }
    actions.push_back(action("review", tr("bar.review"), "button:review", editable && changes));
    actions.push_back(
        action("save", tr(s.current == phase::saving ? "bar.saving" : "bar.save"), "button:save", can_save(s)));
    actions.push_back(action("discard", tr("bar.discard"), "button:discard", editable && changes));
    actions.push_back(action("theme", theme_toggle_label(s), "button:theme"));
    actions.push_back(action("sign-out-everywhere", tr("header.sign_out_everywhere"), "button:sign-out-everywhere"));
    actions.push_back(action("sign-out", tr("header.sign_out"), "button:sign-out"));
    json alerts = json::array();
    if (s.draft_restored) alerts.push_back(tr("mirror.restored"));
    if (s.current == phase::error) alerts.push_back(tr("banner.not_saved", {{"reason", s.error_message}}));
    if (!s.account_error.empty()) alerts.push_back(s.account_error);
    json j = {{"screen", "editor"},
              {"heading", tr("form.heading", {{"person", s.user ? s.user->name : std::string()}})},
              {"status", status_line(s).text},
              {"alerts", alerts},
              {"focused", s.focused},
              {"fields", fields},
              {"actions", actions},
              {"dialog", nullptr},
              {"devices", devices_mirror(s)},
              {"texts", mirror_texts()}};
    add_account_to_mirror(s, j);
    if (s.review_open) j["dialog"] = review_dialog(s);
    if (s.current == phase::conflict) j["dialog"] = conflict_dialog(s);
    return j;
}

}  // namespace

json mirror_texts() {
    json t = json::object();
    for (const char* key :
         {"mirror.actions", "mirror.section_actions", "mirror.text_input", "mirror.password_rules", "mirror.rule_met",
          "mirror.rule_not_met", "mirror.this_device", "form.section_account", "devices.where", "devices.column_device",
          "devices.column_address", "devices.column_signed_in", "devices.column_last_active", "devices.sign_out"}) {
        t[key] = tr(key);
    }
    return t;
}

std::string conflict_text(const json& v) {
    if (v.is_null()) return tr("form.empty");
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return tr(v.get<bool>() ? "form.yes" : "form.no");
    return v.dump();
}

save_status status_line(const app_state& s) {
    const auto n = changed_fields(s).size();
    const core::message_args count{{"count", std::to_string(n)}};
    if (s.current == phase::saving) {
        return {save_status::tone::accent, tr(n == 1 ? "status.saving_one" : "status.saving_other", count)};
    }
    if (n > 0) return {save_status::tone::warning, tr(n == 1 ? "status.unsaved_one" : "status.unsaved_other", count)};
    if (!s.notice.empty()) return {save_status::tone::success, s.notice};
    return {save_status::tone::muted, tr("status.no_changes")};
}

namespace {

// The description of what the canvas shows now, without the site-wide parts.
json form_mirror_screen(const app_state& s) {
    if (s.profile && s.user) return editor(s);
    if (s.devices.farewell) return farewell_mirror(s);
    json actions = json::array();
    std::string status = s.status_text.shown();
    if (s.current == phase::error) {
        status = tr("status.failed", {{"reason", s.error_message}});
        actions.push_back(action("retry", retry_label(s), "button:retry", retry_wait_s(s) == 0));
    } else if (s.current == phase::signed_out) {
        status = tr("welcome.intro");
        actions.push_back(action("sign-in", tr("welcome.sign_in"), "button:sign-in"));
    }
    json alerts = json::array();
    if (!s.account_error.empty()) alerts.push_back(s.account_error);  // why the account's sessions ended
    return {{"screen", s.current == phase::error ? "error" : "welcome"},
            {"heading", s.brand_name},
            {"status", status},
            {"alerts", alerts},
            {"focused", ""},
            {"fields", json::array({language_switcher_entry(s)})},
            {"actions", actions},
            {"dialog", nullptr},
            {"texts", mirror_texts()}};
}

// SUPPORT_URL's "Get help" link, shown after read-only reasons and alerts; null without one.
json support_link(const app_state& s) {
    if (s.support_url.empty()) return nullptr;
    return {{"url", s.support_url}, {"text", tr("support.get_help")}};
}

}  // namespace

json form_mirror(const app_state& s) {
    json j = form_mirror_screen(s);
    j["help"] = support_link(s);
    return j;
}

bool form_accepts_edits(const app_state& s) {
    return s.profile.has_value() && !s.review_open && s.current != phase::conflict && s.current != phase::loading;
}

void on_mirror_focus(app_state& s, const std::string& id) {
    if (id == delete_confirm_field) {  // not a profile field: the form's Tab order and keys leave it alone
        s.focused.clear();
        return;
    }
    if (!form_accepts_edits(s) || account_mirror_focus(s, id)) return;
    const auto* f = s.profile->field(id);
    if (f == nullptr || !f->editable) return;
    // Even when it is the focused field already: the canvas may have let go
    // of it (a tap elsewhere), and the request makes it active again.
    s.focused = id;
    s.focus_request = id;
}

bool on_mirror_edit(app_state& s, const std::string& id, const std::string& value, std::size_t start, std::size_t end) {
    if (id == delete_confirm_field) {
        if (!s.devices.delete_open || s.devices.deleting) return false;
        edit_delete_confirmation(s, value);
        return true;
    }
    if (!form_accepts_edits(s)) return false;
    if (is_account_field(id)) return account_mirror_edit(s, id, value);
    const auto* f = s.profile->field(id);
    if (f == nullptr || !f->editable) return false;
    if (f->kind == widget::checkbox) {
        if (value != "true" && value != "false") return false;
        edit_value(s, id, value == "true");
        return true;
    }
    if (f->kind == widget::combo) {
        const auto* def = s.profile->def_of(*f);
        if (value.empty()) {
            if (def != nullptr && def->required) return false;
            edit_value(s, id, nullptr);
            return true;
        }
        if (def == nullptr || def->find_option(value) == nullptr) return false;
        edit_value(s, id, value);
        return true;
    }
    edit_text(s, id, value);
    on_mirror_select(s, id, start, end);
    return true;
}

void on_mirror_select(app_state& s, const std::string& id, std::size_t start, std::size_t end) {
    if (!form_accepts_edits(s)) return;
    const auto* f = s.profile->field(id);
    if (f == nullptr || !f->editable) return;
    const std::size_t size = field_text(s, id).size();
    end = std::min(end, size);
    s.caret = {id, std::min(start, end), end};
}

effects on_mirror_action(app_state& s, const std::string& a) {
    const bool editable = s.current == phase::editing && s.profile && !s.review_open;
    if (is_devices_action(a)) return devices_action(s, a);
    if (a == "sign-in") return s.current == phase::signed_out ? sign_in(s) : effects{};
    if (a == "sign-out") return s.user ? sign_out(s) : effects{};
    if (a == "sign-out-everywhere") return s.user ? sign_out_everywhere(s) : effects{};
    if (a == "retry") return s.current == phase::error ? retry(s) : effects{};
    if (a == "theme") return s.user ? toggle_theme(s) : effects{};
    if (a == "save") return save(s);  // can_save() guards it
    if (a == "review") {
        if (editable) open_review(s, true);
        return {};
    }
    if (a == "close-review") {
        open_review(s, false);
        return {};
    }
    if (a == "discard") return editable && has_unsaved_changes(s) ? discard(s) : effects{};
    if (a == "resolve") return resolve_conflicts(s);  // guarded by phase and choices
    if (effects out; account_mirror_action(s, a, out)) return out;
    if (a.rfind("choose:", 0) == 0 && s.current == phase::conflict) {
        const auto colon = a.rfind(':');
        const std::string id = a.substr(7, colon - 7);
        const std::string who = a.substr(colon + 1);
        if (colon > 7 && (who == "mine" || who == "theirs")) {
            choose(s, id, who == "mine" ? conflict_item::choice::mine : conflict_item::choice::theirs);
        }
    }
    return {};
}

}  // namespace profiledesk::app
