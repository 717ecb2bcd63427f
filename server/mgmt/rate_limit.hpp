// Auth0's rate-limit headers and what to do about a 429 (pure: time is passed in).
//
// Every Management API answer carries (docs/auth0.md#rate-limits):
//   x-ratelimit-limit      the bucket size
//   x-ratelimit-remaining  requests left
//   x-ratelimit-reset      UNIX time, in seconds, when requests are added back
// A 429 is worth waiting for when the reset (plus a little jitter, so waiting
// clients do not all return in the same millisecond) comes before the call's
// deadline; otherwise the caller gets `rate_limited` with a Retry-After of the
// seconds until the reset, at once, and our own client can try again then.
#pragma once

#include <boost/beast/http/fields.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>

namespace profiledesk::mgmt {

struct rate_limit_info {
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> remaining;
    std::optional<std::int64_t> reset;        // UNIX seconds
    std::optional<std::int64_t> retry_after;  // Retry-After in seconds (the token endpoint's quota 429s)
};

// Reads the headers; a missing or malformed value (not a plain decimal
// integer) is nullopt, never a guess. Retry-After as an HTTP date is ignored.
rate_limit_info parse_rate_limit(const boost::beast::http::fields& headers);

// When requests come back: x-ratelimit-reset, else now + Retry-After, else unknown.
std::optional<std::chrono::system_clock::time_point> reset_time(const rate_limit_info& info,
                                                                std::chrono::system_clock::time_point now);

struct rate_limit_decision {
    bool wait = false;
    std::chrono::milliseconds delay{0};   // with wait: sleep this long, then try again
    std::chrono::seconds retry_after{0};  // without wait: tell our client (>= 1 s)
};

// How long until the reset: reset - now (never negative), or 1 s when the
// reset is unknown (Auth0's buckets refill every second). Then: wait when
// `until + jitter` is shorter than `time_left` before the deadline, else give
// up with retry_after = ceil(until), at least 1 s.
rate_limit_decision decide_rate_limit(std::optional<std::chrono::system_clock::time_point> reset,
                                      std::chrono::system_clock::time_point now,
                                      std::chrono::steady_clock::duration time_left, std::chrono::milliseconds jitter);

// What we last heard about the bucket, shared by every call of one client:
// after an answer with `remaining: 0` (or a 429), calls hold until the reset
// rather than spend a request on a certain 429. Thread-safe.
class rate_gate {
public:
    // Records an answer's headers (received at `now`).
    void observe(const rate_limit_info& info, std::chrono::system_clock::time_point now);
    // The reset to wait for, when the bucket was empty and the reset is still ahead.
    std::optional<std::chrono::system_clock::time_point> blocked_until(std::chrono::system_clock::time_point now);

private:
    std::mutex mutex_;
    std::optional<std::chrono::system_clock::time_point> until_;
};

}  // namespace profiledesk::mgmt
