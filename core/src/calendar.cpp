#include "profiledesk/core/calendar.hpp"

#include <array>
#include <cstddef>

namespace profiledesk::core {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::optional<calendar_date> parse_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    const auto number = [&](std::size_t from, std::size_t count) {
        int n = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            n = n * 10 + (s[i] - '0');
        }
        return n;
    };
    calendar_date d{number(0, 4), number(5, 2), number(8, 2)};
    if (d.year < 1 || d.month < 1 || d.month > 12 || d.day < 1) return std::nullopt;
    static constexpr std::array<int, 12> days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int in_month = days[static_cast<std::size_t>(d.month - 1)] + (d.month == 2 && is_leap_year(d.year) ? 1 : 0);
    if (d.day > in_month) return std::nullopt;
    return d;
}

}  // namespace profiledesk::core
