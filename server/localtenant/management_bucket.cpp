#include "localtenant/management_bucket.hpp"

#include <cmath>

namespace profiledesk::localtenant {

management_bucket::management_bucket(double rate, double burst) : bucket_(burst, rate) {}

rate_decision management_bucket::take(double now) {
    const std::lock_guard lock(mutex_);
    return describe(bucket_.take(now), now);
}

rate_decision management_bucket::describe(bool allowed, double now) const {
    rate_decision d;
    d.allowed = allowed;
    d.limit = static_cast<std::int64_t>(bucket_.burst());
    d.remaining = static_cast<std::int64_t>(std::floor(bucket_.tokens()));
    // When the next whole token arrives; now when the bucket is already full.
    d.reset = static_cast<std::int64_t>(std::ceil(now + bucket_.seconds_to_next_token()));
    return d;
}

}  // namespace profiledesk::localtenant
