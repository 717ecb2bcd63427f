// The Management API budget: how many requests this client (with Redis: the
// whole cluster) may send to the tenant, so that N instances together stay
// under the tenant's rate limit instead of each spending all of it and
// collecting 429s. A token bucket of `rate_limit_burst` requests refilled at
// `rate_limit_per_second` (mgmt_settings), taken before every users API
// request (token requests are not counted: Auth0's /oauth/token has limits
// of its own), and corrected by what the tenant says in its x-ratelimit-*
// headers (the tenant's bucket is the truth; ours is a forecast of it).
//
// Two implementations: memory_rate_budget (one process) and
// redis_rate_budget (one bucket for every instance, an atomic Lua script).
#pragma once

#include "state/outcome.hpp"

#include <chrono>
#include <cstdint>

namespace profiledesk::mgmt {

class rate_budget {
public:
    using clock = std::chrono::steady_clock;
    virtual ~rate_budget() = default;

    // Takes one request's token when there is one and answers 0 ms; otherwise
    // takes nothing and answers how long until the next one. `done` runs once,
    // on an I/O thread, never inside the call, by `deadline` at the latest;
    // unavailable when the budget's store could not be asked in time.
    virtual void take(clock::time_point deadline, state::callback<std::chrono::milliseconds> done) = 0;

    // The tenant said `remaining` requests are left until `reset` (UNIX
    // time): the budget holds at most that many, and none until the reset
    // when it is 0. Only ever lowers the budget. Fire and forget.
    virtual void observe(std::int64_t remaining, std::chrono::system_clock::time_point reset) = 0;
};

}  // namespace profiledesk::mgmt
