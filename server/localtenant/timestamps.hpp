// Auth0's timestamp form: ISO 8601, UTC, milliseconds ("2023-01-25T19:00:27.084Z").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace profiledesk::localtenant {

using system_time = std::chrono::system_clock::time_point;

std::string iso8601_ms(system_time t);

// Parses exactly the form iso8601_ms writes; nullopt otherwise.
std::optional<system_time> parse_iso8601_ms(std::string_view text);

// Seconds since the UNIX epoch (JWT iat/exp, x-ratelimit-reset).
std::int64_t unix_seconds(system_time t);

// `now`, moved 1 ms past `previous` (an iso8601_ms string) when it is not
// later already: updated_at must advance on every write, even two writes in
// the same millisecond, because clients use it as a version.
std::string next_updated_at(system_time now, std::string_view previous);

}  // namespace profiledesk::localtenant
