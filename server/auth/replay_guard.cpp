#include "auth/replay_guard.hpp"

#include "crypto/digest.hpp"

#include <utility>

namespace profiledesk::auth {

memory_replay_guard::memory_replay_guard(std::chrono::seconds lifetime, std::size_t capacity)
    : lifetime_(lifetime), capacity_(capacity) {}

void memory_replay_guard::purge(clock::time_point now) {
    while (!by_expiry_.empty() && (by_expiry_.begin()->first <= now || by_expiry_.size() > capacity_)) {
        seen_.erase(by_expiry_.begin()->second);
        by_expiry_.erase(by_expiry_.begin());
    }
}

bool memory_replay_guard::remember(std::string key, clock::time_point now) {
    const std::lock_guard lock(mutex_);
    purge(now);
    if (seen_.count(key) > 0) return false;
    const auto expiry = now + lifetime_;
    seen_.emplace(key, expiry);
    by_expiry_.emplace(expiry, std::move(key));
    purge(now);
    return true;
}

void memory_replay_guard::first_use(std::string value, clock::time_point now, state::callback<bool> done) {
    const bool first = remember(crypto::sha256(value), now);
    done(state::outcome<bool>::of(first));
}

}  // namespace profiledesk::auth
