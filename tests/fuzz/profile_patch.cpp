// Fuzzes the body of PATCH /api/profile through the pure steps
// server/api/profile_routes.cpp takes (check_patch, then the save): UTF-8,
// JSON, nesting depth, the {baseVersion, changes} shape, validation against
// the built-in schema, the edit policy, conflicts, the upstream patch and the
// view answered. Against two fixed current records: a database user (may edit
// everything) and a Google user (root attributes read-only).
//
// Invariants beyond "no crash": a validated change never makes upstream_patch
// throw; with nothing changed elsewhere there is no conflict; the tenant's
// PATCH rules (localtenant, Auth0's) accept what we send for a database user;
// and storing it gives exactly the values the user asked for, both when we
// send upstream_patch(changes) and when we send diff(current, target).
#include "api/profile_routes.hpp"
#include "api/profile_view.hpp"
#include "http/connection.hpp"
#include "localtenant/user_patch.hpp"
#include "profiledesk/core/default_schema.hpp"
#include "profiledesk/core/profile_diff.hpp"
#include "profiledesk/core/utf8.hpp"
#include "profiledesk/core/validation.hpp"
#include "schema/re2_pattern.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string_view>

namespace {

using namespace profiledesk;
using nlohmann::json;

const json database_user = json::parse(R"({
  "user_id": "auth0|ada", "email": "ada@example.com", "email_verified": true,
  "name": "Ada Lovelace", "nickname": "ada", "given_name": "Ada", "family_name": "Lovelace",
  "picture": "https://example.com/ada.png", "updated_at": "2024-05-01T10:00:00.000Z",
  "user_metadata": {"city": "London", "bio": "Mathematician", "newsletter": true, "prefs": {"theme": "dark"}},
  "app_metadata": {"plan": "gold"},
  "identities": [{"provider": "auth0", "connection": "Username-Password-Authentication", "user_id": "ada", "isSocial": false}]
})");

const json google_user = json::parse(R"({
  "user_id": "google-oauth2|1234", "email": "gina@example.com", "name": "Gina Google",
  "picture": "https://example.com/gina.png", "updated_at": "2024-05-01T10:00:00.000Z",
  "user_metadata": {"language": "en"},
  "identities": [{"provider": "google-oauth2", "connection": "google-oauth2", "user_id": "1234", "isSocial": true}]
})");

const localtenant::connection database_connection{"Username-Password-Authentication", "auth0", false, ""};

std::size_t depth_of(const json& j, std::size_t limit) {
    if (limit == 0 || !j.is_structured()) return 0;
    std::size_t deepest = 0;
    for (const auto& child : j) deepest = std::max(deepest, depth_of(child, limit - 1));
    return deepest + 1;
}

// The built-in schema with the server's pattern engine, compiled once.
const core::field_schema& server_schema() {
    static const auto schema = core::default_schema(schema::compile_re2);
    return schema;
}

[[noreturn]] void broken(const char* invariant) {
    std::cerr << "invariant broken: " << invariant << "\n";
    std::abort();
}

// What Auth0 (as localtenant emulates it) stores for `patch`, as editable values.
core::field_values stored_values(const json& user, const json& patch) {
    auto stored = user;
    localtenant::apply_user_patch(stored, patch, database_connection, std::chrono::system_clock::time_point{});
    return core::editable_values(core::profile_from_json(stored), server_schema());
}

// "No entry" and null both mean "no value" (profile_diff.hpp).
bool same_values(const core::field_values& a, const core::field_values& b) {
    const auto value = [](const core::field_values& m, const std::string& id) {
        const auto it = m.find(id);
        return it == m.end() ? json(nullptr) : it->second;
    };
    for (const auto& [id, v] : a) {
        if (value(b, id) != v) return false;
    }
    for (const auto& [id, v] : b) {
        if (value(a, id) != v) return false;
    }
    return true;
}

void save_against(const json& user_json, const json& changes) {
    const auto& schema = server_schema();
    const api::edit_settings edits{{"github"}};
    const auto p = core::profile_from_json(user_json);

    // The edit policy: root attributes this identity's provider owns.
    const auto connection = api::connection_of(p, edits);
    for (const auto& [key, _] : changes.items()) {
        if (!core::editability(connection, key).editable) return;  // 403 field_read_only
    }

    const auto now_values = core::editable_values(p, schema);
    if (!core::conflicts(now_values, now_values, changes).empty()) broken("a conflict with nothing changed elsewhere");

    const auto patch = core::upstream_patch(changes);  // throws on a validated change: a bug
    (void)api::profile_view(p, schema, edits);
    if (patch.empty() || core::kind_of(connection) != core::connection_kind::database) return;

    if (localtenant::check_user_patch(patch, {}, database_connection, user_json,
                                      [](const std::string&) { return true; })) {
        broken("the tenant refuses a patch we validated");
    }
    auto target = now_values;
    for (const auto& [id, v] : core::change_values(changes)) target[id] = v;
    if (!same_values(stored_values(user_json, patch), target)) broken("upstream_patch does not store what was asked");
    if (!same_values(stored_values(user_json, core::diff(now_values, target)), target)) {
        broken("diff does not store what was asked");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The connection never hands a handler a longer body.
    if (size > http::connection_limits{}.body_limit) return 0;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // check_patch, step by step: each early return is a 400 there.
    if (!core::is_valid_utf8(text)) return 0;
    auto body = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) return 0;
    if (depth_of(body, api::max_json_depth + 1) > api::max_json_depth) return 0;
    if (!body.is_object() || !body.contains("baseVersion") || !body["baseVersion"].is_string() ||
        !body.contains("changes") || !body["changes"].is_object()) {
        return 0;
    }
    const json changes = body["changes"];
    if (!core::validate_changes(server_schema(), changes).ok()) return 0;

    save_against(database_user, changes);
    save_against(google_user, changes);
    return 0;
}
