#include "mgmt/backoff.hpp"

#include <algorithm>
#include <cmath>

namespace profiledesk::mgmt {

std::chrono::milliseconds backoff_delay(const backoff_policy& policy, int retry, double unit_random) {
    const double u = std::clamp(unit_random, 0.0, 1.0);
    const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
    const double base = static_cast<double>(std::max<std::chrono::milliseconds::rep>(policy.base.count(), 0));
    const double cap = static_cast<double>(std::max<std::chrono::milliseconds::rep>(policy.max.count(), 0));
    // 2^n without overflow: the cap is reached long before n = 62.
    const double grown = std::min(base * std::ldexp(1.0, std::clamp(retry, 0, 62)), cap);
    const double jittered = grown * (1.0 + jitter * (2.0 * u - 1.0));
    return std::chrono::milliseconds(
        static_cast<std::chrono::milliseconds::rep>(std::llround(std::max(jittered, 0.0))));
}

bool retry_fits(int attempts_made, int max_attempts, std::chrono::steady_clock::time_point now,
                std::chrono::milliseconds delay, std::chrono::steady_clock::time_point deadline) {
    return attempts_made < max_attempts && now + delay < deadline;
}

}  // namespace profiledesk::mgmt
