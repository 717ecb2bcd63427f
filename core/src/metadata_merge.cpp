#include "profiledesk/core/metadata_merge.hpp"

#include <algorithm>
#include <stdexcept>

namespace profiledesk::core {

using nlohmann::json;

json merge_metadata(const json& current, const json& patch) {
    if (!patch.is_object()) {
        throw std::invalid_argument("[metadata.not_object] a metadata patch must be a JSON object");
    }
    // {} wipes everything (manage-metadata-api: "patching the metadata itself
    // with an empty object removes the metadata completely").
    if (patch.empty()) return json::object();
    json merged = current.is_object() ? current : json::object();
    for (const auto& [key, value] : patch.items()) {
        if (value.is_null()) {
            merged.erase(key);
        } else {
            merged[key] = value;  // replaced whole, never merged deeper
        }
    }
    return merged;
}

std::optional<std::string> invalid_metadata_key(const json& metadata) {
    if (metadata.is_object()) {
        for (const auto& [key, value] : metadata.items()) {
            if (key.find_first_of(".$") != std::string::npos) return key;
            if (auto nested = invalid_metadata_key(value)) return nested;
        }
    } else if (metadata.is_array()) {
        for (const auto& value : metadata) {
            if (auto nested = invalid_metadata_key(value)) return nested;
        }
    }
    return std::nullopt;
}

std::optional<std::string> reserved_app_metadata_key(const json& app_metadata_patch) {
    if (!app_metadata_patch.is_object()) return std::nullopt;
    for (const auto& [key, value] : app_metadata_patch.items()) {
        // A null only deletes the key, which can never make a profile invalid.
        if (value.is_null()) continue;
        if (std::find(reserved_app_metadata_keys.begin(), reserved_app_metadata_keys.end(), key) !=
            reserved_app_metadata_keys.end()) {
            return key;
        }
    }
    return std::nullopt;
}

}  // namespace profiledesk::core
