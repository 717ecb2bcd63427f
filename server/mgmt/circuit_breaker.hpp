// A circuit breaker for the Management API (pure: every method takes the time).
//
//   closed     requests flow; `threshold` consecutive upstream failures (5xx,
//              network errors, timeouts; never 4xx, which prove the upstream
//              is up and answering) open it
//   open       requests fail fast (circuit_open) for `cooldown`
//   half_open  after the cool-down ONE request goes through as a probe; its
//              success closes the breaker, its failure opens it again for
//              another cool-down. Should the probe never report (a bug), a
//              new probe is allowed one cool-down later, so it cannot stick.
//
// Every request that allow() let through must report exactly once, with
// record_success() or record_failure(). Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string_view>

namespace profiledesk::mgmt {

enum class breaker_state { closed, open, half_open };
std::string_view to_string(breaker_state s);

class circuit_breaker {
public:
    using clock = std::chrono::steady_clock;

    // threshold >= 1; cooldown > 0.
    circuit_breaker(int threshold, clock::duration cooldown);

    // May one request go upstream at `now`? When true in the half-open state,
    // this request is the probe.
    bool allow(clock::time_point now);
    // Each returns true when it changed the state (closed it / opened it), for logs.
    bool record_success();
    bool record_failure(clock::time_point now);

    breaker_state state() const;
    int consecutive_failures() const;
    // While open: how long until a probe may go (zero otherwise).
    clock::duration time_until_probe(clock::time_point now) const;
    // How many times it has opened (metrics, tests).
    std::uint64_t times_opened() const;

private:
    const int threshold_;
    const clock::duration cooldown_;
    mutable std::mutex mutex_;
    breaker_state state_ = breaker_state::closed;
    int failures_ = 0;
    clock::time_point opened_at_{};
    clock::time_point probe_started_{};
    std::uint64_t times_opened_ = 0;
};

}  // namespace profiledesk::mgmt
