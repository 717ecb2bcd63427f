#include "localtenant/management_bucket.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace profiledesk::localtenant {

management_bucket::management_bucket(double rate, double burst) : rate_(rate), burst_(burst), tokens_(burst) {
    if (!(rate > 0) || !(burst >= 1)) throw std::invalid_argument("rate must be > 0 and burst >= 1");
}

rate_decision management_bucket::take(double now) {
    const std::lock_guard lock(mutex_);
    if (last_ >= 0 && now > last_) tokens_ = std::min(burst_, tokens_ + (now - last_) * rate_);
    if (last_ < 0 || now > last_) last_ = now;
    if (tokens_ >= 1) {
        tokens_ -= 1;
        return describe(true, now);
    }
    return describe(false, now);
}

rate_decision management_bucket::describe(bool allowed, double now) const {
    rate_decision d;
    d.allowed = allowed;
    d.limit = static_cast<std::int64_t>(burst_);
    d.remaining = static_cast<std::int64_t>(std::floor(tokens_));
    // When the next whole token arrives; now when the bucket is already full.
    const double missing = tokens_ >= burst_ ? 0.0 : (std::floor(tokens_) + 1 - tokens_);
    d.reset = static_cast<std::int64_t>(std::ceil(now + missing / rate_));
    return d;
}

}  // namespace profiledesk::localtenant
