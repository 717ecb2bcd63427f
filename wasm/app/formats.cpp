#include "app/formats.hpp"

#include "profiledesk/core/number_format.hpp"

#include <cstdio>

namespace profiledesk::app {
namespace {

// Days since 1970-01-01 -> the civil date (Howard Hinnant's days_from_civil inverse).
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
}

// Without a browser: what a test can compare, the same in every language.
formats plain_formats() {
    formats f;
    f.date_time = [](std::int64_t unix_s, int utc_offset_min) {
        const std::int64_t t = unix_s + static_cast<std::int64_t>(utc_offset_min) * 60;
        std::int64_t days = t / 86400, secs = t % 86400;
        if (secs < 0) {
            secs += 86400;
            --days;
        }
        std::int64_t y = 0;
        unsigned m = 0, d = 0;
        civil_from_days(days, y, m, d);
        char text[40];
        std::snprintf(text, sizeof text, "%04lld-%02u-%02u %02d:%02d", static_cast<long long>(y), m, d,
                      static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60));
        return std::string(text);
    };
    f.ago = [](std::int64_t n, std::string_view unit) {
        return std::to_string(n) + " " + std::string(unit) + (n == 1 ? "" : "s") + " ago";
    };
    f.number = [](double n) { return core::number_to_text(n); };
    return f;
}

formats& current() {
    static formats f = plain_formats();
    return f;
}

}  // namespace

const formats& current_formats() { return current(); }
void use_formats(formats f) { current() = std::move(f); }

}  // namespace profiledesk::app
