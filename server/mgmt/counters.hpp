// What the Management API client did, for /metrics and tests. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>

namespace profiledesk::mgmt {

struct counters_snapshot {
    std::uint64_t token_fetches = 0;        // requests sent to /oauth/token (each attempt)
    std::uint64_t token_invalidations = 0;  // cached tokens dropped after a 401
    std::uint64_t upstream_calls = 0;       // requests sent to /api/v2/users/... (each attempt)
    std::uint64_t cache_hits = 0;           // get_user answered from the read cache
    std::uint64_t cache_misses = 0;         // get_user that started an upstream read (cache off: every read)
    std::uint64_t coalesced_waits = 0;      // get_user that joined another caller's in-flight read
    std::uint64_t retries = 0;              // attempts after a 5xx, network error or malformed answer
    std::uint64_t rate_limit_waits = 0;     // waits for x-ratelimit-reset (after a 429, or an empty bucket)
    std::uint64_t rate_limited = 0;         // calls answered rate_limited
    std::uint64_t breaker_rejections = 0;   // calls failed fast with circuit_open
};

struct counters {
    std::atomic<std::uint64_t> token_fetches{0}, token_invalidations{0}, upstream_calls{0}, cache_hits{0},
        cache_misses{0}, coalesced_waits{0}, retries{0}, rate_limit_waits{0}, rate_limited{0}, breaker_rejections{0};

    counters_snapshot snapshot() const {
        return {token_fetches.load(), token_invalidations.load(), upstream_calls.load(), cache_hits.load(),
                cache_misses.load(),  coalesced_waits.load(),     retries.load(),        rate_limit_waits.load(),
                rate_limited.load(),  breaker_rejections.load()};
    }
};

}  // namespace profiledesk::mgmt
