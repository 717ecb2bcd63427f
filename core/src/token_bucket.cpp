#include "profiledesk/core/token_bucket.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace profiledesk::core {

token_bucket::token_bucket(double burst, double per_second) : burst_(burst), per_second_(per_second), tokens_(burst) {
    if (!(per_second > 0) || !(burst >= 1)) throw std::invalid_argument("rate must be > 0 and burst >= 1");
}

bool token_bucket::take(double now) {
    if (updated_ && now > *updated_) tokens_ = std::min(burst_, tokens_ + (now - *updated_) * per_second_);
    if (!updated_ || now > *updated_) updated_ = now;
    if (tokens_ < 1) return false;
    tokens_ -= 1;
    return true;
}

double token_bucket::seconds_to_next_token() const {
    if (tokens_ >= burst_) return 0;
    const double missing = std::floor(tokens_) + 1 - tokens_;
    return missing / per_second_;
}

}  // namespace profiledesk::core
