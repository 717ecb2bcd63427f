// Forgiving reads of one member of a JSON object, for readers of our own
// wire formats and of ID token claims: a missing member, a member of another
// type, or a `j` that is not an object reads as absent ("", nullopt, false),
// never as an exception.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::core {

inline std::optional<std::string> optional_string_member(const nlohmann::json& j, std::string_view key) {
    if (!j.is_object()) return std::nullopt;
    const auto it = j.find(std::string(key));
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

inline std::string string_member(const nlohmann::json& j, std::string_view key) {
    return optional_string_member(j, key).value_or(std::string());
}

inline bool bool_member(const nlohmann::json& j, std::string_view key) {
    if (!j.is_object()) return false;
    const auto it = j.find(std::string(key));
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

}  // namespace profiledesk::core
