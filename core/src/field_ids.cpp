#include "profiledesk/core/field_ids.hpp"

#include "profiledesk/core/metadata_merge.hpp"
#include "profiledesk/core/text_checks.hpp"
#include "profiledesk/core/utf8.hpp"

#include <nlohmann/json.hpp>

namespace profiledesk::core {

std::optional<std::string> metadata_key_problem(std::string_view key) {
    if (key.empty()) return std::string("must not be empty");
    if (!is_valid_utf8(key)) return std::string("must be valid UTF-8");
    if (find_control_character(key)) return std::string("must not contain control characters");
    nlohmann::json probe = nlohmann::json::object();
    probe[std::string(key)] = nullptr;
    if (invalid_metadata_key(probe)) {
        return std::string("must not contain '.' or '$' (Auth0 refuses them in metadata keys)");
    }
    if (count_code_points(key) > max_key_length) {
        return "must be at most " + std::to_string(max_key_length) + " characters long";
    }
    return std::nullopt;
}

std::string metadata_field_id(std::string_view key) {
    std::string id(metadata_field_prefix);
    id += key;
    return id;
}

std::optional<std::string_view> metadata_key_of(std::string_view field_id) {
    if (field_id.size() <= metadata_field_prefix.size() ||
        field_id.substr(0, metadata_field_prefix.size()) != metadata_field_prefix) {
        return std::nullopt;
    }
    return field_id.substr(metadata_field_prefix.size());
}

}  // namespace profiledesk::core
