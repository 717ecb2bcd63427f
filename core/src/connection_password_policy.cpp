#include "profiledesk/core/connection_password_policy.hpp"

#include <cstdint>

namespace profiledesk::core {

namespace {

// Auth0's limits for password_complexity_options.min_length.
constexpr std::size_t shortest_min_length = 1;
constexpr std::size_t longest_min_length = 128;

const nlohmann::json* min_length_of(const nlohmann::json& options) {
    const auto it = options.find("password_complexity_options");
    if (it == options.end() || !it->is_object()) return nullptr;
    const auto m = it->find("min_length");
    return m == it->end() ? nullptr : &*m;
}

// A whole number, signed or not (a parsed 12 is unsigned, json(12) is not).
bool valid_min_length(const nlohmann::json& m) {
    return m.is_number_integer() && m.get<std::int64_t>() >= static_cast<std::int64_t>(shortest_min_length) &&
           m.get<std::int64_t>() <= static_cast<std::int64_t>(longest_min_length);
}

}  // namespace

password_policy password_policy_from_options(const nlohmann::json& options) {
    password_policy policy;
    policy.level = password_level::none;
    if (!options.is_object()) return policy;
    if (const auto it = options.find("passwordPolicy"); it != options.end() && it->is_string()) {
        policy.level = parse_password_level(it->get<std::string>()).value_or(password_level::none);
    }
    if (const auto* m = min_length_of(options); m && valid_min_length(*m))
        policy.min_length = static_cast<std::size_t>(m->get<std::int64_t>());
    return policy;
}

std::optional<std::string> password_policy_options_problem(const nlohmann::json& options) {
    if (!options.is_object()) return std::string("options must be an object");
    if (const auto it = options.find("passwordPolicy"); it != options.end() && !it->is_null()) {
        if (!it->is_string() || !parse_password_level(it->get<std::string>())) {
            return std::string("passwordPolicy must be none, low, fair, good or excellent");
        }
    }
    if (const auto* m = min_length_of(options); m && !valid_min_length(*m)) {
        return std::string("password_complexity_options.min_length must be 1 to 128");
    }
    return std::nullopt;
}

}  // namespace profiledesk::core
