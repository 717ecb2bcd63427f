// Jittered exponential backoff for retried reads (pure: the caller passes the
// random number and the time, so tests pin both).
//
//   delay(n) = min(base * 2^n, max) * (1 + jitter * (2u - 1)),  u in [0, 1)
//
// With the defaults (100 ms, +-50%) the first retry waits 50-150 ms and the
// second 100-300 ms. The jitter spreads the retries of many clients that
// failed at the same moment, so they do not arrive together again.
#pragma once

#include <chrono>

namespace profiledesk::mgmt {

struct backoff_policy {
    std::chrono::milliseconds base{100};  // the wait before the first retry, before jitter
    std::chrono::milliseconds max{2000};  // no single wait grows beyond this (before jitter)
    double jitter = 0.5;                  // +-50%; 0 for a fixed schedule
};

// The wait before retry number `retry` (0 for the first retry); `unit_random`
// in [0, 1) (values outside are clamped).
std::chrono::milliseconds backoff_delay(const backoff_policy& policy, int retry, double unit_random);

// Whether one more attempt is allowed: fewer than `max_attempts` made so far,
// and waiting `delay` still starts it before the deadline.
bool retry_fits(int attempts_made, int max_attempts, std::chrono::steady_clock::time_point now,
                std::chrono::milliseconds delay, std::chrono::steady_clock::time_point deadline);

}  // namespace profiledesk::mgmt
