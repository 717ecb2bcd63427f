#include "profiledesk/core/number_format.hpp"

#include <cmath>

namespace profiledesk::core {

std::optional<std::int64_t> exact_whole_number(double d) {
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) >= max_exact_whole_number) return std::nullopt;
    return static_cast<std::int64_t>(d);
}

std::string number_to_text(double d) {
    if (const auto whole = exact_whole_number(d)) return std::to_string(*whole);
    return nlohmann::json(d).dump();
}

nlohmann::json number_to_json(double d) {
    if (const auto whole = exact_whole_number(d)) return *whole;
    return d;
}

}  // namespace profiledesk::core
