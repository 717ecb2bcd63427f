// Remembers values that may be used once (OAuth states) until they expire, so
// a replayed callback is refused even while its transaction cookie is valid.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace profiledesk::auth {

class replay_guard {
public:
    using clock = std::chrono::steady_clock;

    // `lifetime`: how long a value is remembered (the transaction's lifetime);
    // `capacity`: a bound on memory (the oldest entries go first).
    explicit replay_guard(std::chrono::seconds lifetime, std::size_t capacity = 100000);

    // True the first time `value` is seen within its lifetime, false after.
    bool first_use(std::string_view value, clock::time_point now);

private:
    void purge(clock::time_point now);

    const std::chrono::seconds lifetime_;
    const std::size_t capacity_;
    std::mutex mutex_;
    std::map<std::string, clock::time_point, std::less<>> seen_;  // SHA-256 of the value -> expiry
    std::multimap<clock::time_point, std::string> by_expiry_;
};

}  // namespace profiledesk::auth
