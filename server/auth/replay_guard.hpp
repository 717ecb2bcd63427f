// Remembers values that may be used once (OAuth states) until they expire, so
// a replayed callback is refused even while its transaction cookie is valid.
// Values are kept only as digests: the guard never holds a usable state.
//
// Asynchronous like the session store (session_store.hpp): the memory guard
// answers inline, the Redis-backed one (redis_replay_guard.hpp), single use
// across every instance, later on an I/O thread, and `unavailable` when
// Redis cannot be reached in time.
#pragma once

#include "state/outcome.hpp"

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace profiledesk::auth {

class replay_guard {
public:
    using clock = std::chrono::steady_clock;
    virtual ~replay_guard() = default;
    // True the first time `value` is seen within its lifetime, false after.
    // `now` serves the memory guard; Redis keeps its own time (PX).
    virtual void first_use(std::string value, clock::time_point now, state::callback<bool> done) = 0;
};

// The embedded guard: one process, forgotten on restart. Answers inline.
class memory_replay_guard final : public replay_guard {
public:
    // `lifetime`: how long a value is remembered (the transaction's lifetime);
    // `capacity`: a bound on memory (the oldest entries go first).
    explicit memory_replay_guard(std::chrono::seconds lifetime, std::size_t capacity = 100000);

    void first_use(std::string value, clock::time_point now, state::callback<bool> done) override;

private:
    bool remember(std::string key, clock::time_point now);
    void purge(clock::time_point now);

    const std::chrono::seconds lifetime_;
    const std::size_t capacity_;
    std::mutex mutex_;
    std::map<std::string, clock::time_point, std::less<>> seen_;  // SHA-256 of the value -> expiry
    std::multimap<clock::time_point, std::string> by_expiry_;
};

}  // namespace profiledesk::auth
