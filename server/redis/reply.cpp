#include "redis/reply.hpp"

#include <charconv>

namespace profiledesk::redis {

std::optional<std::string> reply::string() const {
    if (type != kind::string && type != kind::status) return std::nullopt;
    return text;
}

std::optional<std::int64_t> reply::as_integer() const {
    if (type == kind::integer) return integer;
    if (type != kind::string || text.empty()) return std::nullopt;
    std::int64_t n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return n;
}

}  // namespace profiledesk::redis
