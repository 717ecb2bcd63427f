// The app's language: catalogs in, switching, following the profile, and
// saving the switcher's choice (language.hpp).
#include "app/language.hpp"

#include "app/controller_steps.hpp"
#include "app/i18n.hpp"
#include "app/profile_form.hpp"

#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/languages.hpp"
#include "profiledesk/core/messages.hpp"
#include "profiledesk/core/profile_diff.hpp"

#include <optional>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

namespace {

std::string language_field_id() { return core::metadata_field_id(language_field_key); }

const core::field_def* language_field(const app_state& s) {
    if (!s.profile) return nullptr;
    const auto* def = s.profile->schema.find(language_field_key);
    return def != nullptr && def->type == core::field_type::enumeration ? def : nullptr;
}

// Asks for `tag`'s catalog unless the app already shows it or waits for it.
effects request_language(app_state& s, const std::string& tag) {
    if (tag == s.language.loading) return {};
    if (s.language.loaded && s.language.loading.empty() && tag == s.language.current) return {};
    s.language.loading = tag;
    return {{effect::kind::load_catalog, tag, {}}};
}

std::optional<core::message_catalog> parse_catalog(const std::string& text, const std::string& name,
                                                   std::string& problem) {
    if (text.empty()) {
        problem = name + " could not be loaded";
        return std::nullopt;
    }
    std::string why;
    auto catalog = core::message_catalog::parse(text, why);
    if (!catalog) problem = name + " is not a valid catalog: " + why;
    return catalog;
}

json language_patch(const std::string& version, const json& before, const std::string& tag) {
    const std::string id = language_field_id();
    return {{"baseVersion", version}, {"changes", core::diff({{id, before}}, {{id, tag}})}};
}

effect send_language_save(app_state& s, const std::string& tag) {
    s.language.saving = tag;
    s.language.retried_conflict = false;
    ++s.language.saves_sent;
    const json& before = value_of(s.profile->values, language_field_id());
    return {effect::kind::patch_language, "/api/profile", language_patch(s.profile->version, before, tag).dump()};
}

// A choice made while another was being saved goes now, unless it is what was saved.
effects send_queued(app_state& s) {
    const std::string tag = std::move(s.language.queued);
    s.language.queued.clear();
    if (tag.empty() || !s.profile || value_of(s.profile->values, language_field_id()) == json(tag)) return {};
    return {send_language_save(s, tag)};
}

}  // namespace

effects start_language(app_state& s, const std::string& stored, const std::vector<std::string>& preferred) {
    s.language.browser = core::choose_language(stored.empty() ? std::nullopt : std::optional<std::string_view>(stored),
                                               preferred);
    return request_language(s, s.language.browser);
}

effects on_catalog(app_state& s, std::string tag, const std::string& english, const std::string& own,
                   std::string& problem) {
    if (tag != s.language.loading) return {};  // a later choice superseded it
    s.language.loading.clear();
    s.language.catalog_text.clear();
    const auto en = parse_catalog(english, "en.json", problem);
    if (!en) {
        use_messages(core::messages());  // the keys show: nothing better is left
    } else if (tag == core::default_language || tag == core::pseudo_language) {
        use_messages(core::messages(tag, *en, nullptr));
    } else if (const auto mine = parse_catalog(own, tag + ".json", problem)) {
        use_messages(core::messages(tag, *en, &*mine));
        s.language.catalog_text = own;
    } else {
        // Its catalog failed: all in English (so <html lang> says the truth).
        use_messages(core::messages(std::string(core::default_language), *en, nullptr));
    }
    s.language.current = current_messages().language();
    s.language.loaded = true;
    relabel_form(s);
    return {{effect::kind::set_page_language, s.language.current, current_messages().rtl() ? "rtl" : "ltr"}};
}

effects follow_profile_language(app_state& s) {
    if (!s.profile) return {};
    std::optional<std::string_view> saved;
    const json& v = value_of(s.profile->values, language_field_id());
    if (language_field(s) != nullptr && v.is_string()) saved = v.get_ref<const std::string&>();
    const std::string tag = core::choose_language(saved, {s.language.browser});
    // Already shown or on its way (start_language asked for the first catalog).
    if (tag == (s.language.loading.empty() ? s.language.current : s.language.loading)) return {};
    return request_language(s, tag);
}

std::vector<language_choice> switcher_languages() {
    std::vector<language_choice> out;
    for (const auto& l : core::languages) out.push_back({std::string(l.tag), std::string(l.native_name)});
    return out;
}

json language_switcher_entry(const app_state& s) {
    const std::string& shown = s.language.loading.empty() ? s.language.current : s.language.loading;
    json options = json::array();
    for (const auto& c : switcher_languages()) options.push_back({{"value", c.tag}, {"label", c.name}});
    return {{"id", language_switcher_field},
            {"label", tr("language.choose")},
            {"kind", "select"},
            {"value", shown},
            {"readonly", false},
            {"invalid", false},
            {"changed", false},
            {"options", std::move(options)},
            {"section", tr("language.choose")}};
}

void on_switcher_opened(app_state& s) { s.language.switcher_opened = true; }

bool profile_offers_language(const app_state& s, const std::string& tag) {
    const auto* def = language_field(s);
    if (def == nullptr) return false;
    const auto* f = s.profile->field(language_field_id());
    return f != nullptr && f->editable && def->find_option(tag) != nullptr;
}

effects choose_language_tag(app_state& s, const std::string& tag) {
    const auto* l = core::find_language(tag);
    if (l == nullptr || l->tag != tag) return {};  // the switcher offers shipped tags only
    s.language.browser = tag;
    s.language.save_failed = false;
    effects out{{effect::kind::store_language, {}, tag}};
    for (auto& e : request_language(s, tag)) out.push_back(std::move(e));
    if (!s.user || !profile_offers_language(s, tag)) return out;
    const std::string id = language_field_id();
    if (s.current != phase::editing) {
        // A save in flight or a conflict open: the choice joins the draft and is saved with the rest.
        set_draft(s, id, tag);
        return out;
    }
    if (!s.language.saving.empty()) {
        s.language.queued = tag;  // sent when the save in flight answers, on the version it gives
        return out;
    }
    const json& before = value_of(s.profile->values, id);
    if (before == json(tag)) {
        set_draft(s, id, tag);  // already saved: the form shows it
        return out;
    }
    out.push_back(send_language_save(s, tag));
    return out;
}

effects on_language_saved(app_state& s, const net::api_result& r) {
    const std::string tag = s.language.saving;
    if (tag.empty() || !s.profile) return {};
    const std::string id = language_field_id();
    if (r.kind == net::outcome::conflict && !s.language.retried_conflict && r.body.is_object()) {
        // Saved elsewhere since we read it: the person chose just now, so the
        // choice is sent once more on the version the server has.
        const std::string version = str(r.body, "version");
        const json fields = r.body.value("fields", json::object());
        if (!version.empty()) {
            s.language.retried_conflict = true;
            const json& theirs = fields.is_object() && fields.contains(id) ? fields[id]
                                                                           : value_of(s.profile->values, id);
            return {{effect::kind::patch_language, "/api/profile", language_patch(version, theirs, tag).dump()}};
        }
    }
    s.language.saving.clear();
    std::string problem;
    auto fresh = r.kind == net::outcome::ok ? read_profile(r.body, problem) : std::nullopt;
    if (!fresh) {
        // The UI keeps the language; the header says the profile did not take it.
        s.language.save_failed = true;
        s.language.queued.clear();
        return {};
    }
    s.language.save_failed = false;
    // The person's other edits stay in the draft, unsaved; fields they did
    // not touch take the server's values. One they changed that was also
    // saved elsewhere meanwhile is a conflict, as the next save would find.
    const auto& old_values = s.profile->values;
    std::vector<conflict_item> conflicts;
    for (const auto& [field_id, saved] : fresh->values) {
        const json& base = value_of(old_values, field_id);
        const json& mine = value_of(s.draft, field_id);
        if (field_id == id || mine == base) {
            s.draft[field_id] = saved;
        } else if (saved != base) {
            const auto* f = fresh->field(field_id);
            conflicts.push_back({field_id, f ? f->label : field_id, mine, saved, conflict_item::choice::undecided});
        }
    }
    const std::string version = fresh->version;
    s.profile = std::move(*fresh);
    s.client_errors.erase(id);
    s.server_errors.erase(id);
    if (!conflicts.empty() && s.current == phase::editing) {
        s.conflicts = std::move(conflicts);
        s.conflict_version = version;
        s.current = phase::conflict;
    }
    return send_queued(s);
}

}  // namespace profiledesk::app
