// The draft kept in the tab (sessionStorage) across a sign-in round trip.
#include "app/controller.hpp"

#include "app/controller_steps.hpp"

#include <algorithm>

namespace profiledesk::app {

using nlohmann::json;
using namespace controller_steps;

namespace controller_steps {

// The stored draft, applied to a freshly loaded profile. A field changed
// elsewhere since the draft was made (its stored base differs from what was
// just loaded) becomes a conflict: nothing is lost on either side.
void restore_draft(app_state& s, const std::string& text) {
    const json stored = json::parse(text, nullptr, false);
    if (!stored.is_object() || !s.user || str(stored, "sub") != s.user->sub) return;
    const json draft = stored.value("draft", json::object());
    const json base = stored.value("base", json::object());
    if (!draft.is_object()) return;
    core::field_values proposed, then;
    for (const auto& [id, value] : draft.items()) {
        const auto* f = s.profile->field(id);
        if (f == nullptr || !f->editable) continue;
        proposed[id] = value;
        // A field the stored draft kept no base for is taken as unchanged.
        then[id] = base.is_object() && base.contains(id) ? base[id] : value_of(s.profile->values, id);
    }
    const auto conflicting = core::conflicting_fields(then, s.profile->values, proposed);
    bool any = false;
    for (const auto& [id, value] : proposed) {
        const json& now = value_of(s.profile->values, id);
        if (now == value) continue;  // already saved
        if (std::binary_search(conflicting.begin(), conflicting.end(), id)) {
            s.conflicts.push_back({id, s.profile->field(id)->label, value, now, conflict_item::choice::undecided});
        }
        set_draft(s, id, value);
        any = true;
    }
    if (!any) return;
    s.draft_restored = true;
    if (!s.conflicts.empty()) {
        s.current = phase::conflict;
        s.conflict_version = s.profile->version;
    }
}

}  // namespace controller_steps

std::string draft_to_json(const app_state& s) {
    json draft = json::object(), base = json::object();
    for (const auto& id : changed_fields(s)) {
        draft[id] = value_of(s.draft, id);
        base[id] = value_of(s.profile->values, id);
    }
    return json{{"sub", s.user ? s.user->sub : ""},
                {"version", s.profile ? s.profile->version : ""},
                {"base", base},
                {"draft", draft}}
        .dump();
}

}  // namespace profiledesk::app
