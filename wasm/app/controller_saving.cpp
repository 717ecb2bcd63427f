// Saving: the PATCH, its answer and the conflict dialog.
#include "app/controller.hpp"

#include "app/controller_steps.hpp"
#include "app/i18n.hpp"
#include "app/language.hpp"

#include "profiledesk/core/root_attributes.hpp"
#include "profiledesk/core/validation_problem.hpp"

#include <algorithm>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

namespace {

// A problem the server found with field `id`, in the person's language. The
// wire leaves out the schema's own pattern message: the app's copy of the
// schema has it.
std::string field_problem_text(const app_state& s, const std::string& id, core::validation_problem p) {
    if (p.code == core::validation_code::pattern && s.profile) {
        const auto* f = s.profile->field(id);
        const auto* def = f != nullptr ? s.profile->def_of(*f) : nullptr;
        if (def != nullptr && def->pattern_message) p.schema_message = *def->pattern_message;
    }
    return core::localized_message(p, current_messages());
}

}  // namespace

effects save(app_state& s) {
    if (!can_save(s)) return {};
    s.review_open = false;
    s.current = phase::saving;
    s.notice.clear();
    ++s.saves_sent;
    const json body = {{"baseVersion", s.profile->version}, {"changes", pending_changes(s)}};
    return {{effect::kind::patch_profile, "/api/profile", body.dump()}};
}

effects on_save_result(app_state& s, const net::api_result& r) {
    if (!s.profile) return {};
    switch (r.kind) {
        case net::outcome::ok: {
            const auto count = changed_fields(s).size();
            if (!adopt_profile(s, r)) return {};
            s.draft_restored = false;
            s.notice = tr(count == 1 ? "status.saved_one" : "status.saved_other", {{"count", std::to_string(count)}});
            effects out = follow_profile_language(s);  // the form may have saved a new preference
            out.push_back({effect::kind::clear_draft, {}, {}});
            const json& picture = value_of(s.profile->values, std::string(core::root_key::picture));
            const std::string url = picture.is_string() ? picture.get<std::string>() : std::string();
            if (url != s.avatar.url) {
                s.avatar = avatar_state{};
                s.avatar.url = url;
                s.avatar.state = url.empty() ? avatar_state::status::failed : avatar_state::status::loading;
                if (!url.empty()) out.push_back({effect::kind::load_avatar, url, {}});
            }
            return out;
        }
        case net::outcome::validation: {
            s.current = phase::editing;
            // Each field's problem by its code, in the person's language
            // (`fields` holds the same in English, for API clients).
            const json fields = r.body.is_object() ? r.body.value("fields", json()) : json();
            const json problems = r.body.is_object() ? r.body.value("problems", json()) : json();
            if (fields.is_object()) {
                for (const auto& [id, _] : fields.items()) {
                    auto p = problems.is_object() && problems.contains(id)
                                 ? core::validation_problem_from_json(problems[id])
                                 : std::nullopt;
                    s.server_errors[id] = p ? field_problem_text(s, id, std::move(*p)) : r.message;
                }
            } else if (fields.is_array()) {
                const core::validation_problem read_only{std::string(core::validation_code::read_only), {}, {}};
                for (const auto& id : fields) {
                    if (id.is_string()) {
                        s.server_errors[id.get<std::string>()] = core::localized_message(read_only, current_messages());
                    }
                }
            }
            s.notice = r.message;
            return {};
        }
        case net::outcome::conflict: {
            s.conflicts.clear();
            const json fields = r.body.is_object() ? r.body.value("fields", json::object()) : json::object();
            for (const auto& [id, theirs] : fields.items()) {
                const auto* f = s.profile->field(id);
                s.conflicts.push_back(
                    {id, f ? f->label : id, value_of(s.draft, id), theirs, conflict_item::choice::undecided});
            }
            s.conflict_version = str(r.body, "version");
            s.current = phase::conflict;
            return {};
        }
        case net::outcome::account_blocked:
        case net::outcome::account_deleted: return account_closed(s, r);
        case net::outcome::unauthenticated: {
            // Keep the draft in the tab, sign in again, restore it on return.
            effects out{{effect::kind::store_draft, {}, draft_to_json(s)}};
            s.status_text = {"status.session_expired"};
            for (auto& e : go_to_sign_in(s)) out.push_back(std::move(e));
            return out;
        }
        default: fail(s, r, retry_action::save); return {};
    }
}

void choose(app_state& s, const std::string& id, conflict_item::choice c) {
    for (auto& item : s.conflicts) {
        if (item.id == id) item.chosen = c;
    }
}

bool conflicts_decided(const app_state& s) {
    return std::all_of(s.conflicts.begin(), s.conflicts.end(),
                       [](const conflict_item& c) { return c.chosen != conflict_item::choice::undecided; });
}

effects resolve_conflicts(app_state& s) {
    if (!s.profile || s.current != phase::conflict || !conflicts_decided(s)) return {};
    // The other party's values become the base; "mine" stays in the draft
    // (so it is sent again), "theirs" is taken into the draft (no change).
    for (const auto& c : s.conflicts) {
        s.profile->values[c.id] = c.theirs;
        s.draft[c.id] = c.chosen == conflict_item::choice::mine ? c.mine : c.theirs;
        s.server_errors.erase(c.id);
        refresh_errors(s, c.id);
    }
    if (!s.conflict_version.empty()) s.profile->version = s.conflict_version;
    s.conflicts.clear();
    s.current = phase::editing;
    if (changed_fields(s).empty()) {
        s.notice = tr("status.nothing_left");
        s.draft_restored = false;
        return {{effect::kind::clear_draft, {}, {}}};
    }
    return save(s);
}

}  // namespace profiledesk::app
