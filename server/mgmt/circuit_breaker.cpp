#include "mgmt/circuit_breaker.hpp"

#include <algorithm>

namespace profiledesk::mgmt {

std::string_view to_string(breaker_state s) {
    switch (s) {
        case breaker_state::closed: return "closed";
        case breaker_state::open: return "open";
        case breaker_state::half_open: return "half_open";
    }
    return "unknown";
}

circuit_breaker::circuit_breaker(int threshold, clock::duration cooldown)
    : threshold_(std::max(threshold, 1)), cooldown_(std::max(cooldown, clock::duration(1))) {}

bool circuit_breaker::allow(clock::time_point now) {
    const std::lock_guard lock(mutex_);
    switch (state_) {
        case breaker_state::closed: return true;
        case breaker_state::open:
            if (now - opened_at_ < cooldown_) return false;
            state_ = breaker_state::half_open;
            probe_started_ = now;
            return true;
        case breaker_state::half_open:
            // One probe at a time; a probe silent for a whole cool-down is presumed lost.
            if (now - probe_started_ < cooldown_) return false;
            probe_started_ = now;
            return true;
    }
    return false;
}

bool circuit_breaker::record_success() {
    const std::lock_guard lock(mutex_);
    const bool changed = state_ != breaker_state::closed;
    state_ = breaker_state::closed;
    failures_ = 0;
    return changed;
}

bool circuit_breaker::record_failure(clock::time_point now) {
    const std::lock_guard lock(mutex_);
    switch (state_) {
        case breaker_state::closed:
            if (++failures_ < threshold_) return false;
            break;
        case breaker_state::half_open:  // the probe failed: another cool-down
            break;
        case breaker_state::open:  // a request sent before it opened: already counted as down
            return false;
    }
    state_ = breaker_state::open;
    opened_at_ = now;
    ++times_opened_;
    return true;
}

breaker_state circuit_breaker::state() const {
    const std::lock_guard lock(mutex_);
    return state_;
}

int circuit_breaker::consecutive_failures() const {
    const std::lock_guard lock(mutex_);
    return failures_;
}

circuit_breaker::clock::duration circuit_breaker::time_until_probe(clock::time_point now) const {
    const std::lock_guard lock(mutex_);
    if (state_ == breaker_state::open) return std::max(opened_at_ + cooldown_ - now, clock::duration(0));
    if (state_ == breaker_state::half_open) return std::max(probe_started_ + cooldown_ - now, clock::duration(0));
    return clock::duration(0);
}

std::uint64_t circuit_breaker::times_opened() const {
    const std::lock_guard lock(mutex_);
    return times_opened_;
}

}  // namespace profiledesk::mgmt
