#include "profiledesk/core/profile_diff.hpp"

#include "profiledesk/core/edit_policy.hpp"
#include "profiledesk/core/field_ids.hpp"
#include "profiledesk/core/root_attributes.hpp"

#include <stdexcept>

namespace profiledesk::core {
namespace {

using nlohmann::json;

const json& value_or_null(const field_values& values, const std::string& id) {
    static const json null_value;
    const auto it = values.find(id);
    return it == values.end() ? null_value : it->second;
}

// The rule of conflicting_fields() (profile_diff.hpp); `base` nullptr when unknown.
std::vector<std::string> conflicting_ids(const field_values* base, const field_values& current,
                                         const field_values& proposed) {
    std::vector<std::string> ids;
    for (const auto& [id, value] : proposed) {
        const json& now = value_or_null(current, id);
        const bool changed_elsewhere = base == nullptr || value_or_null(*base, id) != now;
        if (changed_elsewhere && now != value) ids.push_back(id);
    }
    return ids;  // sorted: field_values is an ordered map
}

json optional_to_json(const std::optional<std::string>& v) { return v ? json(*v) : json(); }

}  // namespace

field_values editable_values(const profile& p, const field_schema& schema) {
    field_values values;
    for (const auto& a : root_attributes) {
        if (a.synced) values[std::string(a.key)] = optional_to_json(p.*a.member);
    }
    for (const auto& field : schema.fields) {
        json value;
        if (p.user_metadata.is_object()) {
            if (const auto it = p.user_metadata.find(field.key); it != p.user_metadata.end()) value = *it;
        }
        values[metadata_field_id(field.key)] = std::move(value);
    }
    return values;
}

json diff(const field_values& before, const field_values& after) {
    json changes = json::object();
    const auto consider = [&](const std::string& id) {
        const json& old_value = value_or_null(before, id);
        const json& new_value = value_or_null(after, id);
        if (old_value == new_value) return;
        if (is_synced_root_attribute(id)) {
            changes[id] = new_value;
        } else if (const auto key = metadata_key_of(id)) {
            changes["user_metadata"][std::string(*key)] = new_value;
        } else {
            throw std::invalid_argument("[diff.unknown_field] '" + id +
                                        "' is neither a root attribute nor user_metadata.<key>");
        }
    };
    for (const auto& [id, value] : before) {
        (void)value;
        consider(id);
    }
    for (const auto& [id, value] : after) {
        (void)value;
        if (before.find(id) == before.end()) consider(id);
    }
    return changes;
}

field_values change_values(const json& changes) {
    field_values values;
    if (!changes.is_object()) return values;
    for (const auto& [key, value] : changes.items()) {
        if (is_synced_root_attribute(key)) {
            values[key] = value;
        } else if (key == "user_metadata" && value.is_object()) {
            for (const auto& [field_key, field_value] : value.items()) {
                values[metadata_field_id(field_key)] = field_value;
            }
        }
    }
    return values;
}

std::vector<std::string> conflicting_fields(const std::optional<field_values>& base, const field_values& current,
                                            const field_values& proposed) {
    return conflicting_ids(base ? &*base : nullptr, current, proposed);
}

std::vector<std::string> conflicts(const field_values& base, const field_values& current, const json& changes) {
    return conflicting_ids(&base, current, change_values(changes));
}

json upstream_patch(const json& changes) {
    if (!changes.is_object()) throw std::invalid_argument("[diff.not_allowed] changes must be a JSON object");
    json body = json::object();
    for (const auto& [key, value] : changes.items()) {
        if (is_synced_root_attribute(key)) {
            body[key] = value;
        } else if (key == "user_metadata") {
            if (value.is_null() || (value.is_object() && value.empty())) continue;  // never {} or null
            if (!value.is_object()) throw std::invalid_argument("[diff.not_allowed] user_metadata must be an object");
            body["user_metadata"] = value;
        } else {
            throw std::invalid_argument("[diff.not_allowed] '" + key + "' is never sent upstream");
        }
    }
    return body;
}

}  // namespace profiledesk::core
