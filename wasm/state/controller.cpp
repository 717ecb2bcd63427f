#include "state/controller.hpp"

#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/number_format.hpp"
#include "profiledesk/core/schema_parser.hpp"
#include "profiledesk/core/std_regex_pattern.hpp"
#include "profiledesk/core/utf8.hpp"
#include "profiledesk/core/validation.hpp"

#include <algorithm>
#include <cmath>
#include <cctype>
#include <cstdlib>

namespace profiledesk::app {

using nlohmann::json;

namespace {

const json null_value;

const json& value_of(const core::field_values& values, const std::string& id) {
    const auto it = values.find(id);
    return it == values.end() ? null_value : it->second;
}

std::string str(const json& j, const char* key) {
    if (!j.is_object()) return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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

// The API view -> loaded_profile, through core (parse_schema, editable_values).
std::optional<loaded_profile> read_profile(const json& view, std::string& problem) {
    if (!view.is_object() || !view.contains("user") || !view.contains("schema")) {
        problem = "The server's answer is not a profile.";
        return std::nullopt;
    }
    // The browser runs patterns with std::regex (the server with RE2): the
    // schema's syntax is limited to what both read alike (pattern_syntax.hpp).
    auto parsed = core::parse_schema(view["schema"], core::compile_std_regex);
    if (!parsed.ok()) {
        problem = "The server sent a field schema this app cannot read: " + parsed.errors.front();
        return std::nullopt;
    }
    loaded_profile p;
    p.view = view;
    p.version = str(view, "version");
    p.schema = std::move(*parsed.schema);
    const json& u = view["user"];
    core::profile record;
    record.user_id = str(u, "user_id");
    const auto opt = [&u](const char* k) -> std::optional<std::string> {
        const auto it = u.find(k);
        if (it == u.end() || !it->is_string()) return std::nullopt;
        return it->get<std::string>();
    };
    record.name = opt("name");
    record.nickname = opt("nickname");
    record.given_name = opt("given_name");
    record.family_name = opt("family_name");
    record.picture = opt("picture");
    if (view.contains("user_metadata") && view["user_metadata"].is_object()) record.user_metadata = view["user_metadata"];
    p.values = core::editable_values(record, p.schema);
    const json email = opt("email") ? json(*opt("email")) : json(nullptr);

    const json identity = view.value("identity", json::object());
    p.identity_label = str(identity, "label");
    p.social = identity.value("social", false);

    // Per-field editability and labels from the server's `fields`.
    std::map<std::string, json> info;
    if (view.contains("fields") && view["fields"].is_array()) {
        for (const auto& f : view["fields"]) info[str(f, "id")] = f;
    }
    const auto add = [&](form_field f) {
        if (const auto it = info.find(f.id); it != info.end()) {
            if (!str(it->second, "label").empty()) f.label = str(it->second, "label");
            f.editable = it->second.value("editable", false);
            f.reason = str(it->second, "reason");
        } else {
            f.editable = false;  // the server did not offer it
        }
        if (!f.editable && f.reason.empty()) f.reason = "This field cannot be changed here.";
        p.fields.push_back(std::move(f));
    };
    form_section account{"Account", {}};
    static const char* const roots[][2] = {{"name", "Full name"}, {"given_name", "First name"},
                                           {"family_name", "Last name"}, {"nickname", "Nickname"},
                                           {"picture", "Picture URL"}};
    for (const auto& r : roots) {
        form_field f;
        f.id = r[0];
        f.label = r[1];
        if (f.id == "picture") f.placeholder = "https://...";
        add(std::move(f));
        account.ids.push_back(r[0]);
    }
    {
        form_field f;
        f.id = "email";
        f.label = "Email";
        f.kind = widget::read_only;
        add(std::move(f));
        p.fields.back().editable = false;
        account.ids.push_back("email");
    }
    p.sections.push_back(std::move(account));
    // Metadata fields, grouped as the schema says; ungrouped ones last.
    std::vector<std::string> placed;
    const auto add_group = [&](const std::string& group_id, const std::string& label) {
        form_section sec{label, {}};
        for (const auto& def : p.schema.fields) {
            if (def.group != group_id) continue;
            form_field f;
            f.id = core::metadata_field_id(def.key);
            f.label = def.label;
            f.kind = widget_for(def.type);
            f.help = def.help;
            f.placeholder = def.placeholder;
            f.key = def.key;
            add(std::move(f));
            sec.ids.push_back(core::metadata_field_id(def.key));
        }
        if (!sec.ids.empty()) p.sections.push_back(std::move(sec));
    };
    for (const auto& g : p.schema.groups) add_group(g.id, g.label);
    add_group("", "More");
    if (email.is_string()) p.email = email.get<std::string>();
    return p;
}

void refresh_errors(app_state& s, const std::string& id) {
    s.client_errors.erase(id);
    if (!s.profile) return;
    const auto* f = s.profile->field(id);
    if (f == nullptr || !f->editable || !is_changed(s, id)) return;
    const json& v = value_of(s.draft, id);
    std::optional<std::string> problem;
    if (const auto* def = s.profile->def_of(*f)) {
        problem = core::validate_field(*def, v);
    } else {
        problem = core::validate_root_attribute(id, v);
    }
    if (problem) s.client_errors[id] = *problem;
}

void set_draft(app_state& s, const std::string& id, json value) {
    s.draft[id] = std::move(value);
    s.server_errors.erase(id);
    s.notice.clear();
    refresh_errors(s, id);
}

std::string display(const app_state& s, const std::string& id, const json& v) {
    if (v.is_null()) return "(empty)";
    if (v.is_boolean()) return v.get<bool>() ? "Yes" : "No";
    if (v.is_string()) {
        const auto* f = s.profile ? s.profile->field(id) : nullptr;
        const auto* def = f != nullptr ? s.profile->def_of(*f) : nullptr;
        if (def != nullptr && f->kind == widget::combo) {
            if (const auto* o = def->find_option(v.get<std::string>())) return o->label;
        }
        return v.get<std::string>();
    }
    return v.dump();
}

void fail(app_state& s, const net::api_result& r, retry_action again) {
    s.current = phase::error;
    s.error_message = r.message;
    s.retry = again;
    // A busy or failing provider says when to come back; asking sooner only fails again.
    // At most two minutes, whatever it says: then Retry asks again.
    s.retry_at_s = r.retry_after_s > 0 ? s.now_s + std::min(r.retry_after_s, 120) : 0;
}

// A profile view from the server becomes the loaded profile and the draft
// (the caller has already kept whatever unsaved edits must survive). False,
// with the error shown, when the answer is not a profile view.
bool adopt_profile(app_state& s, const net::api_result& r) {
    std::string problem;
    auto p = read_profile(r.body, problem);
    if (!p) {
        net::api_result bad = r;
        bad.message = problem;
        fail(s, bad, retry_action::load_profile);
        return false;
    }
    s.profile = std::move(*p);
    s.draft = s.profile->values;
    s.client_errors.clear();
    s.server_errors.clear();
    s.conflicts.clear();
    s.current = phase::editing;
    return true;
}

effects go_to_sign_in(app_state& s) {
    s.current = phase::loading;
    s.status_text = "Signing you in...";
    return {{effect::kind::navigate, "/login?returnTo=%2F", {}}};
}

// The server ended every session of this account for good (the tenant says
// it is blocked or deleted): signing in again cannot help, so the person is
// told why instead of being sent round the sign-in loop, and nothing of the
// account stays in the tab: the state keeps only what belongs to the page.
effects account_closed(app_state& s, const net::api_result& r) {
    app_state left;
    left.ready = s.ready;
    left.frames = s.frames;
    left.idle = s.idle;
    left.font_pixel_size = s.font_pixel_size;
    left.font = s.font;
    left.now_s = s.now_s;
    left.saves_sent = s.saves_sent;
    left.glyphs = std::move(s.glyphs);
    left.current = phase::signed_out;
    left.account_error = r.kind == net::outcome::account_blocked
                             ? "Your account has been blocked. Contact support."
                             : "This account no longer exists. Its unsaved changes were discarded.";
    s = std::move(left);
    return {{effect::kind::clear_draft, {}, {}}};
}

bool is_account_closed(const net::api_result& r) {
    return r.kind == net::outcome::account_blocked || r.kind == net::outcome::account_deleted;
}

// The stored draft, applied to a freshly loaded profile. A field changed
// elsewhere since the draft was made (its stored base differs from what was
// just loaded) becomes a conflict: nothing is lost on either side.
void restore_draft(app_state& s, const std::string& text) {
    const json stored = json::parse(text, nullptr, false);
    if (!stored.is_object() || !s.user || str(stored, "sub") != s.user->sub) return;
    const json draft = stored.value("draft", json::object());
    const json base = stored.value("base", json::object());
    if (!draft.is_object()) return;
    bool any = false;
    for (const auto& [id, value] : draft.items()) {
        const auto* f = s.profile->field(id);
        if (f == nullptr || !f->editable) continue;
        const json& now = value_of(s.profile->values, id);
        if (now == value) continue;  // already saved
        const json before = base.is_object() && base.contains(id) ? base[id] : now;
        if (before != now) {
            s.conflicts.push_back({id, f->label, value, now, conflict_item::choice::undecided});
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

}  // namespace

const core::field_def* loaded_profile::def_of(const form_field& f) const {
    return f.key.empty() ? nullptr : schema.find(f.key);
}

const form_field* loaded_profile::field(const std::string& id) const {
    for (const auto& f : fields) {
        if (f.id == id) return &f;
    }
    return nullptr;
}

// ---- Start, session, profile ----

effects start(app_state& s) {
    s.current = phase::loading;
    s.status_text = "Checking your session...";
    return {{effect::kind::get_session, "/api/session", {}}};
}

effects on_session(app_state& s, const net::api_result& r) {
    if (r.kind != net::outcome::ok) {
        fail(s, r, retry_action::load_session);
        return {};
    }
    if (!r.body.is_object() || !r.body.value("authenticated", false)) {
        s.current = phase::signed_out;
        s.user.reset();
        return {};
    }
    const json u = r.body.value("user", json::object());
    s.user = session_user{str(u, "sub"), str(u, "name"), str(u, "picture"), str(u, "connection")};
    s.csrf_token = str(r.body, "csrfToken");
    s.current = phase::loading;
    s.status_text = "Loading your profile...";
    return {{effect::kind::get_profile, "/api/profile", {}}};
}

effects on_profile(app_state& s, const net::api_result& r, const std::string& stored_draft) {
    if (is_account_closed(r)) return account_closed(s, r);
    if (r.kind == net::outcome::unauthenticated) {
        s.current = phase::signed_out;
        s.user.reset();
        return {};
    }
    if (r.kind != net::outcome::ok) {
        fail(s, r, retry_action::load_profile);
        return {};
    }
    if (!adopt_profile(s, r)) return {};
    effects out;
    if (!stored_draft.empty()) {
        restore_draft(s, stored_draft);
        out.push_back({effect::kind::clear_draft, {}, {}});
    }
    const json& picture = value_of(s.profile->values, "picture");
    const std::string url = picture.is_string() ? picture.get<std::string>() : std::string();
    if (url != s.avatar.url || s.avatar.state == avatar_state::status::none) {
        s.avatar = avatar_state{};
        s.avatar.url = url;
        if (!url.empty()) {
            s.avatar.state = avatar_state::status::loading;
            out.push_back({effect::kind::load_avatar, url, {}});
        } else {
            s.avatar.state = avatar_state::status::failed;
        }
    }
    return out;
}

effects sign_in(app_state& s) { return go_to_sign_in(s); }

effects sign_out(app_state& s) {
    s.status_text = "Signing you out...";
    // A draft a session expiry kept in the tab goes first: on a shared
    // computer the next person uses the same tab.
    return {{effect::kind::clear_draft, {}, {}}, {effect::kind::end_session, "/api/session/end", "{}"}};
}

effects on_session_ended(app_state& s, const net::api_result& r) {
    if (r.kind == net::outcome::ok) {
        // The provider's logout ends its session too, then comes back here.
        const std::string logout_url = str(r.body, "logoutUrl");
        return {{effect::kind::navigate, logout_url.empty() ? "/" : logout_url, {}}};
    }
    s.notice.clear();
    s.account_error = "Not signed out: " + r.message;
    return {};
}

effects sign_out_everywhere(app_state& s) {
    s.status_text = "Signing you out everywhere...";
    s.notice = "Signing you out on every device...";
    s.account_error.clear();
    return {{effect::kind::end_all_sessions, "/api/session/end-all", "{}"}};
}

effects on_end_all_sessions(app_state& s, const net::api_result& r) {
    // Ended (or already gone): signed out here, then at the provider as well.
    if (r.kind == net::outcome::ok || r.kind == net::outcome::unauthenticated || is_account_closed(r)) return sign_out(s);
    s.notice.clear();
    s.account_error = "Not signed out everywhere: " + r.message;
    return {};
}

void on_avatar(app_state& s, bool ok, int width, int height) {
    s.avatar.state = ok ? avatar_state::status::ready : avatar_state::status::failed;
    s.avatar.width = ok ? width : 0;
    s.avatar.height = ok ? height : 0;
}

// ---- Editing ----

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
    if (f.key.empty()) return text;        // root attributes: "" is refused by validation, never turned into a removal
    if (text.empty()) return nullptr;      // a cleared optional field is removed
    if (f.kind != widget::number) return text;
    char* end = nullptr;
    const double d = std::strtod(text.c_str(), &end);
    if (end != text.c_str() && *end == '\0' && std::isfinite(d)) {
        return core::number_to_json(d);
    }
    return text;  // kept as typed; validation says it is not a number
}

}  // namespace

std::string field_text(const app_state& s, const std::string& id) {
    if (id == "email") return s.profile ? s.profile->email : std::string();
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
    s.notice = "Changes discarded.";
    return {{effect::kind::clear_draft, {}, {}}};
}

bool is_changed(const app_state& s, const std::string& id) {
    if (!s.profile || id == "email") return false;
    return value_of(s.profile->values, id) != value_of(s.draft, id);
}

json pending_changes(const app_state& s) {
    if (!s.profile) return json::object();
    core::field_values draft;
    for (const auto& [id, v] : s.draft) {
        if (id != "email") draft[id] = v;
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
    return s.current == phase::editing && !changed_fields(s).empty() && s.client_errors.empty();
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

// ---- Saving ----

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
            s.notice = "Saved " + std::to_string(count) + (count == 1 ? " change." : " changes.");
            effects out{{effect::kind::clear_draft, {}, {}}};
            const json& picture = value_of(s.profile->values, "picture");
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
            const json fields = r.body.is_object() ? r.body.value("fields", json()) : json();
            if (fields.is_object()) {
                for (const auto& [id, msg] : fields.items()) {
                    s.server_errors[id] = msg.is_string() ? msg.get<std::string>() : r.message;
                }
            } else if (fields.is_array()) {
                for (const auto& id : fields) {
                    if (id.is_string()) s.server_errors[id.get<std::string>()] = "This field cannot be changed here.";
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
                s.conflicts.push_back({id, f ? f->label : id, value_of(s.draft, id), theirs,
                                       conflict_item::choice::undecided});
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
            s.status_text = "Your session expired. Signing you in again; your changes are kept...";
            for (auto& e : go_to_sign_in(s)) out.push_back(std::move(e));
            return out;
        }
        default:
            fail(s, r, retry_action::save);
            return {};
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
        s.notice = "Nothing left to save: the values saved elsewhere are kept.";
        s.draft_restored = false;
        return {{effect::kind::clear_draft, {}, {}}};
    }
    return save(s);
}

int retry_wait_s(const app_state& s) {
    if (s.current != phase::error || s.retry_at_s <= s.now_s) return 0;
    return static_cast<int>(std::ceil(s.retry_at_s - s.now_s));
}

std::string retry_label(const app_state& s) {
    const int wait = retry_wait_s(s);
    return wait > 0 ? "Retry in " + std::to_string(wait) + " s" : "Retry";
}

effects retry(app_state& s) {
    if (retry_wait_s(s) > 0) return {};
    const auto what = s.retry;
    s.retry = retry_action::none;
    s.error_message.clear();
    switch (what) {
        case retry_action::load_session: return start(s);
        case retry_action::load_profile:
            s.current = phase::loading;
            s.status_text = "Loading your profile...";
            return {{effect::kind::get_profile, "/api/profile", {}}};
        case retry_action::save:
            s.current = phase::editing;
            return save(s);
        case retry_action::none: break;
    }
    if (s.current == phase::error) s.current = s.profile ? phase::editing : phase::loading;
    return {};
}

// ---- Draft kept in the tab (sessionStorage) ----

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

// ---- Keyboard ----

std::vector<std::string> focus_order(const app_state& s) {
    std::vector<std::string> out;
    if (!s.profile) return out;
    for (const auto& sec : s.profile->sections) {
        for (const auto& id : sec.ids) {
            const auto* f = s.profile->field(id);
            if (f != nullptr && f->editable) out.push_back(id);
        }
    }
    return out;
}

bool takes_key(const app_state& s, key_press k) {
    if (s.review_open) return k.k == key::escape;  // Esc closes the review
    if (s.current != phase::editing || !s.profile) return false;
    const auto* f = s.focused.empty() ? nullptr : s.profile->field(s.focused);
    switch (k.k) {
        case key::tab:
        case key::save_shortcut: return true;
        case key::enter: return f != nullptr && f->kind != widget::multi_line;
        case key::escape: return f != nullptr;
        case key::space: return f != nullptr && f->kind == widget::checkbox;
        case key::up:
        case key::down: return f != nullptr && f->kind == widget::combo;
        case key::other: return false;
    }
    return false;
}

void set_focus(app_state& s, const std::string& id) { s.focused = id; }

effects on_key(app_state& s, key_press k) {
    if (!takes_key(s, k)) return {};
    if (s.review_open) {
        s.review_open = false;
        return {};
    }
    const auto order = focus_order(s);
    const auto move = [&](int step) {
        if (order.empty()) return;
        const auto it = std::find(order.begin(), order.end(), s.focused);
        int i = it == order.end() ? (step > 0 ? -1 : 0) : static_cast<int>(it - order.begin());
        const int n = static_cast<int>(order.size());
        i = ((i + step) % n + n) % n;
        s.focused = order[static_cast<std::size_t>(i)];
        s.focus_request = s.focused;
    };
    const auto* f = s.focused.empty() ? nullptr : s.profile->field(s.focused);
    switch (k.k) {
        case key::tab: move(k.shift ? -1 : 1); return {};
        case key::enter: move(1); return {};
        case key::escape:
            revert_field(s, s.focused);
            s.focus_request = s.focused;  // the widget reloads the reverted text
            return {};
        case key::save_shortcut: return save(s);
        case key::space: {
            const json& v = value_of(s.draft, s.focused);
            edit_value(s, s.focused, !(v.is_boolean() && v.get<bool>()));
            return {};
        }
        case key::up:
        case key::down: {
            const auto* def = f != nullptr ? s.profile->def_of(*f) : nullptr;
            if (def == nullptr || def->options.empty()) return {};
            const auto& opts = def->options;
            const json& v = value_of(s.draft, s.focused);
            int i = -1;
            for (std::size_t j = 0; j < opts.size(); ++j) {
                if (v.is_string() && opts[j].value == v.get<std::string>()) i = static_cast<int>(j);
            }
            const int n = static_cast<int>(opts.size());
            i = k.k == key::down ? std::min(i + 1, n - 1) : std::max(i - 1, 0);
            edit_value(s, s.focused, opts[static_cast<std::size_t>(i)].value);
            return {};
        }
        case key::other: break;
    }
    return {};
}

// ---- Avatar placeholder ----

std::string initials(const std::string& name) {
    std::u32string firsts;
    bool at_word_start = true;
    for (const char32_t c : core::decode_utf8_replacing(name)) {
        const bool space = c == U' ' || c == U'\t' || c == U'\n';
        const bool punct = c < 0x80 && !std::isalnum(static_cast<int>(c));
        if (space) {
            at_word_start = true;
        } else if (at_word_start && !punct) {
            firsts += c < 0x80 ? static_cast<char32_t>(std::toupper(static_cast<int>(c))) : c;
            at_word_start = false;
        } else if (!punct) {
            at_word_start = false;
        }
    }
    if (firsts.empty()) return "?";
    if (firsts.size() == 1) return core::encode_utf8(firsts);
    return core::encode_utf8(std::u32string{firsts.front(), firsts.back()});
}

}  // namespace profiledesk::app
