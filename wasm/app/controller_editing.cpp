// Editing: the draft, what changed, its validation and the review.
#include "app/controller.hpp"

#include "app/controller_steps.hpp"
#include "app/i18n.hpp"
#include "app/profile_form.hpp"

#include "profiledesk/core/number_format.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/validation.hpp"

#include <cmath>
#include <cstdlib>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

namespace {

// The text a widget shows for a draft value ("" for none).
std::string canonical_text(const json& v) {
    if (v.is_null()) return {};
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
    if (v.is_number_float()) return core::number_to_text(v.get<double>());
    return v.dump();
}

// The draft value `text` typed into a text-like field stands for.
json value_of_text(const form_field& f, const std::string& text) {
    if (f.key.empty()) return text;    // root attributes: "" is refused by validation, never turned into a removal
    if (text.empty()) return nullptr;  // a cleared optional field is removed
    if (f.kind != widget::number) return text;
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (end != text.c_str() && *end == '\0' && std::isfinite(d)) {
        return core::number_to_json(d);
    }
    return text;  // kept as typed; validation says it is not a number
}

}  // namespace

namespace controller_steps {

void refresh_errors(app_state& s, const std::string& id) {
    s.client_errors.erase(id);
    if (!s.profile) return;
    const auto* f = s.profile->field(id);
    if (f == nullptr || !f->editable || !is_changed(s, id)) return;
    const json& v = value_of(s.draft, id);
    std::optional<core::validation_problem> problem;
    if (const auto* def = s.profile->def_of(*f)) {
        problem = core::check_field(*def, v);
    } else {
        problem = core::check_root_attribute(id, v);
    }
    if (problem) s.client_errors[id] = core::localized_message(*problem, current_messages());
}

void set_draft(app_state& s, const std::string& id, json value) {
    s.draft[id] = std::move(value);
    s.server_errors.erase(id);
    s.notice.clear();
    refresh_errors(s, id);
}

std::string display(const app_state& s, const std::string& id, const json& v) {
    if (v.is_null()) return tr("form.empty");
    if (v.is_boolean()) return tr(v.get<bool>() ? "form.yes" : "form.no");
    if (v.is_string()) {
        const auto* f = s.profile ? s.profile->field(id) : nullptr;
        const auto* def = f != nullptr ? s.profile->def_of(*f) : nullptr;
        if (def != nullptr && f->kind == widget::combo) {
            if (const auto* o = def->find_option(v.get<std::string>())) return option_label(*o);
        }
        return v.get<std::string>();
    }
    return v.dump();
}

}  // namespace controller_steps

std::string field_text(const app_state& s, const std::string& id) {
    if (id == core::root_key::email) return s.profile ? s.profile->email : std::string();
    const json& v = value_of(s.draft, id);
    // What was typed ("1.", "2.50") while it still means the draft's value,
    // so a widget never rewrites the text under the person's caret.
    if (const auto it = s.typed.find(id); it != s.typed.end() && s.profile) {
        if (const auto* f = s.profile->field(id); f != nullptr && value_of_text(*f, it->second) == v) return it->second;
    }
    return canonical_text(v);
}

void edit_text(app_state& s, const std::string& id, const std::string& text) {
    if (!s.profile) return;
    const auto* f = s.profile->field(id);
    if (f == nullptr || !f->editable) return;
    s.typed[id] = text;
    set_draft(s, id, value_of_text(*f, text));
}

void edit_value(app_state& s, const std::string& id, const json& value) {
    if (!s.profile) return;
    const auto* f = s.profile->field(id);
    if (f == nullptr || !f->editable) return;
    set_draft(s, id, value);
}

void revert_field(app_state& s, const std::string& id) {
    if (!s.profile || s.profile->field(id) == nullptr) return;
    s.draft[id] = value_of(s.profile->values, id);
    s.client_errors.erase(id);
    s.server_errors.erase(id);
}

effects discard(app_state& s) {
    if (!s.profile) return {};
    s.draft = s.profile->values;
    s.client_errors.clear();
    s.server_errors.clear();
    s.draft_restored = false;
    s.review_open = false;
    s.notice = tr("status.discarded");
    return {{effect::kind::clear_draft, {}, {}}};
}

bool is_changed(const app_state& s, const std::string& id) {
    if (!s.profile || id == core::root_key::email) return false;
    return value_of(s.profile->values, id) != value_of(s.draft, id);
}

json pending_changes(const app_state& s) {
    if (!s.profile) return json::object();
    core::field_values draft;
    for (const auto& [id, v] : s.draft) {
        if (id != core::root_key::email) draft[id] = v;
    }
    return core::diff(s.profile->values, draft);
}

std::vector<std::string> changed_fields(const app_state& s) {
    std::vector<std::string> out;
    if (!s.profile) return out;
    for (const auto& sec : s.profile->sections) {
        for (const auto& id : sec.ids) {
            if (is_changed(s, id)) out.push_back(id);
        }
    }
    return out;
}

std::string field_error(const app_state& s, const std::string& id) {
    if (const auto it = s.server_errors.find(id); it != s.server_errors.end()) return it->second;
    if (const auto it = s.client_errors.find(id); it != s.client_errors.end()) return it->second;
    return {};
}

bool can_save(const app_state& s) {
    // Not while the switcher's language is being saved: both PATCHes would
    // start from one version, and the form's answer, carrying the old
    // language, would switch the page back.
    return s.current == phase::editing && !changed_fields(s).empty() && s.client_errors.empty() &&
           s.language.saving.empty();
}

bool has_unsaved_changes(const app_state& s) { return !changed_fields(s).empty(); }

std::vector<review_line> review(const app_state& s) {
    std::vector<review_line> out;
    for (const auto& id : changed_fields(s)) {
        const auto* f = s.profile->field(id);
        out.push_back({id, f ? f->label : id, display(s, id, value_of(s.profile->values, id)),
                       display(s, id, value_of(s.draft, id))});
    }
    return out;
}

void open_review(app_state& s, bool open) { s.review_open = open && has_unsaved_changes(s); }

}  // namespace profiledesk::app
