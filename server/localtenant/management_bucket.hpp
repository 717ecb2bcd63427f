// Auth0's Management API rate limit: one token bucket for the whole tenant
// (docs/auth0.md#rate-limits). The bucket holds `burst` requests and refills
// continuously at `rate` per second; each request takes one. A free tenant is
// rate 2, burst 2, the default.
//
// Headers (on every Management API response):
//   x-ratelimit-limit      the bucket size (burst)
//   x-ratelimit-remaining  whole requests left after this one
//   x-ratelimit-reset      UNIX seconds when the next request is added back
//                          ("expected time when additional requests will be
//                          added to the bucket"), rounded up; now when full
//
// Pure: the caller passes the time, so tests drive the clock. The bucket's
// arithmetic is core/token_bucket.hpp's; this adds the lock and the headers.
#pragma once

#include "profiledesk/core/token_bucket.hpp"

#include <cstdint>
#include <mutex>

namespace profiledesk::localtenant {

struct rate_decision {
    bool allowed = true;
    std::int64_t limit = 0;
    std::int64_t remaining = 0;
    std::int64_t reset = 0;  // UNIX seconds
};

class management_bucket {
public:
    // rate > 0 requests per second, burst >= 1.
    management_bucket(double rate, double burst);

    // Takes one request's token at `now` (UNIX seconds, fractional).
    rate_decision take(double now);

    double rate() const { return bucket_.per_second(); }
    double burst() const { return bucket_.burst(); }

private:
    rate_decision describe(bool allowed, double now) const;

    core::token_bucket bucket_;
    std::mutex mutex_;
};

}  // namespace profiledesk::localtenant
