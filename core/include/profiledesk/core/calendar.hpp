// Calendar dates as the schema's `date` type writes them: YYYY-MM-DD in the
// proleptic Gregorian calendar (ISO 8601), years 0001-9999.
#pragma once

#include <optional>
#include <string_view>

namespace profiledesk::core {

struct calendar_date {
    int year = 0;
    int month = 0;
    int day = 0;
};

// Gregorian leap years: 2024 and 2000 yes, 2023 and 1900 no.
bool is_leap_year(int year);

// "YYYY-MM-DD", exactly, naming a real Gregorian date in years 0001-9999.
std::optional<calendar_date> parse_iso_date(std::string_view s);

}  // namespace profiledesk::core
