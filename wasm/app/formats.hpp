// Dates and numbers for a person, in the app's language (issue 16: they
// follow the language's conventions). In the browser they come from its
// Intl (platform/i18n.cpp installs them, in the current language: "3 déc.
// 2026, 14:05", "il y a 5 minutes", "١٢"); natively (unit tests) a plain
// form that needs no locale data: ISO dates and times, English relative times,
// ASCII digits.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace profiledesk::app {

struct formats {
    // A moment (Unix seconds) as a local date and time. `utc_offset_min` is
    // the browser's zone then (minutes east), which Intl knows by itself.
    std::function<std::string(std::int64_t unix_s, int utc_offset_min)> date_time;
    // `amount` `unit`s ago ("minute", "hour"): Intl.RelativeTimeFormat's units.
    std::function<std::string(std::int64_t amount, std::string_view unit)> ago;
    // A count or other number.
    std::function<std::string(double n)> number;
};

const formats& current_formats();
void use_formats(formats f);

inline std::string format_date_time(std::int64_t unix_s, int utc_offset_min) {
    return current_formats().date_time(unix_s, utc_offset_min);
}
inline std::string format_ago(std::int64_t amount, std::string_view unit) {
    return current_formats().ago(amount, unit);
}
inline std::string format_number(double n) { return current_formats().number(n); }

}  // namespace profiledesk::app
