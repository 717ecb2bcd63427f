// The profile view (core/profile_view.hpp) -> the loaded profile and its form.
#include "app/profile_form.hpp"

#include "app/i18n.hpp"

#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/profile_view.hpp"
#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"

#include <array>
#include <map>

namespace profiledesk::app {

using nlohmann::json;

namespace {

widget widget_for(core::field_type t) {
    switch (t) {
        case core::field_type::text: return widget::multi_line;
        case core::field_type::boolean: return widget::checkbox;
        case core::field_type::enumeration: return widget::combo;
        case core::field_type::date: return widget::date;
        case core::field_type::number: return widget::number;
        default: return widget::single_line;
    }
}

// The account section lists a person's names together (full, first, last)
// before the nickname, then the picture and the sign-in email. The wire
// lists them in the table's order (root_attributes.hpp); labels are the table's.
constexpr std::array<std::string_view, 6> account_fields = {core::root_key::name,        core::root_key::given_name,
                                                            core::root_key::family_name, core::root_key::nickname,
                                                            core::root_key::picture,     core::root_key::email};

}  // namespace

// The API view -> loaded_profile, through core (profile_view_from_json, editable_values).
std::optional<loaded_profile> read_profile(const json& answer, std::string& problem) {
    // The browser runs patterns with std::regex (the server with RE2): the
    // schema's syntax is limited to what both read alike (pattern_syntax.hpp).
    auto view = core::profile_view_from_json(answer, core::compile_std_regex, problem);
    if (!view) return std::nullopt;
    loaded_profile p;
    p.view = answer;
    p.version = view->version;
    p.schema = std::move(view->schema);
    core::profile record = view->user;
    record.user_metadata = view->user_metadata;
    p.values = core::editable_values(record, p.schema);
    p.identity_label = view->identity.label;
    p.social = view->identity.social;

    // Per-field editability and labels from the server's `fields`.
    std::map<std::string, const core::view_field*> info;
    for (const auto& f : view->fields) info[f.id] = &f;
    const auto add = [&](form_field f) {
        if (const auto it = info.find(f.id); it != info.end()) {
            // A root attribute's label is ours (field.<id>); a metadata field's is the schema's
            // own (set below from its definition), not the server's English copy of it.
            if (f.key.empty()) f.label = tr("field." + f.id);
            f.editable = it->second->editable;
            // Why not, from the stable code (the server's English `reason` is for API clients).
            // A code this app does not know yet (a newer server) shows the server's text.
            const std::string key = "reason." + it->second->reason_code;
            if (!f.editable) {
                f.reason = !it->second->reason_code.empty() && current_messages().has(key)
                               ? tr(key, {{"provider", p.identity_label}})
                               : it->second->reason;
            }
        } else {
            f.editable = false;  // the server did not offer it
        }
        if (!f.editable && f.reason.empty()) f.reason = tr("reason.not_offered");
        p.fields.push_back(std::move(f));
    };
    form_section account{tr("form.section_account"), {}};
    for (const auto key : account_fields) {
        const auto& a = core::root_attribute_of(key);
        form_field f;
        f.id = std::string(a.key);
        f.label = tr("field." + f.id);
        if (a.value == core::root_value::picture_address) f.placeholder = tr("form.picture_placeholder");
        if (a.value == core::root_value::sign_in_email) f.kind = widget::read_only;
        add(std::move(f));
        if (a.value == core::root_value::sign_in_email) p.fields.back().editable = false;  // shown, never edited
        account.ids.push_back(std::string(a.key));
    }
    p.sections.push_back(std::move(account));
    // Metadata fields, grouped as the schema says; ungrouped ones last.
    // The schema's texts in the app's language (localized_text.hpp's fallback
    // rule); a language switch reads the view again (relabel_form).
    const std::string& language = current_messages().language();
    const auto add_group = [&](const std::string& group_id, const std::string& label) {
        form_section sec{label, {}};
        for (const auto& def : p.schema.fields) {
            if (def.group != group_id) continue;
            form_field f;
            f.id = core::metadata_field_id(def.key);
            f.label = core::resolve(def.label, language);
            f.kind = widget_for(def.type);
            f.help = core::resolve(def.help, language);
            f.placeholder = core::resolve(def.placeholder, language);
            f.key = def.key;
            add(std::move(f));
            sec.ids.push_back(core::metadata_field_id(def.key));
        }
        if (!sec.ids.empty()) p.sections.push_back(std::move(sec));
    };
    for (const auto& g : p.schema.groups) add_group(g.id, core::resolve(g.label, language));
    add_group("", tr("form.section_more"));
    p.email = view->user.email.value_or("");
    return p;
}

void relabel_form(app_state& s) {
    if (!s.profile) return;
    std::string problem;
    auto again = read_profile(s.profile->view, problem);
    if (!again) return;  // read once already: cannot fail now
    s.profile->fields = std::move(again->fields);
    s.profile->sections = std::move(again->sections);
    for (auto& c : s.conflicts) {
        if (const auto* f = s.profile->field(c.id)) c.label = f->label;
    }
}

std::string option_label(const core::field_option& option) {
    return core::resolve(option.label, current_messages().language());
}

const core::field_def* loaded_profile::def_of(const form_field& f) const {
    return f.key.empty() ? nullptr : schema.find(f.key);
}

const form_field* loaded_profile::field(const std::string& id) const {
    for (const auto& f : fields) {
        if (f.id == id) return &f;
    }
    return nullptr;
}

}  // namespace profiledesk::app
