#include "auth/replay_guard.hpp"

#include "crypto/digest.hpp"

namespace profiledesk::auth {

replay_guard::replay_guard(std::chrono::seconds lifetime, std::size_t capacity)
    : lifetime_(lifetime), capacity_(capacity) {}

void replay_guard::purge(clock::time_point now) {
    while (!by_expiry_.empty() && (by_expiry_.begin()->first <= now || by_expiry_.size() > capacity_)) {
        seen_.erase(by_expiry_.begin()->second);
        by_expiry_.erase(by_expiry_.begin());
    }
}

bool replay_guard::first_use(std::string_view value, clock::time_point now) {
    // Stored hashed: the guard never holds a usable state value.
    auto key = crypto::sha256(value);
    const std::lock_guard lock(mutex_);
    purge(now);
    if (seen_.count(key) > 0) return false;
    const auto expiry = now + lifetime_;
    seen_.emplace(key, expiry);
    by_expiry_.emplace(expiry, std::move(key));
    purge(now);
    return true;
}

}  // namespace profiledesk::auth
