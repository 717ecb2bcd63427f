// A request budget per client (or per user), asked asynchronously because it
// may live in Redis, shared by every instance (redis_client_budget.hpp), or
// in this process's memory (per_client_budget.hpp).
#pragma once

#include "state/outcome.hpp"

#include <string>

namespace profiledesk::http {

struct budget_verdict {
    bool granted = false;
    double retry_after = 0;  // seconds until the next request is allowed, when not granted
};

class client_budget {
public:
    virtual ~client_budget() = default;

    // Takes one request from the budget of `client`: a client address (an
    // IPv6 client's /64 shares one budget: client_key.hpp) or a user's sub.
    // `done` runs exactly once, possibly inside the call; `unavailable` when
    // the shared store could not be asked in time (nothing was taken then,
    // or nothing can be told: the caller refuses the request either way).
    virtual void take(const std::string& client, state::callback<budget_verdict> done) = 0;
};

}  // namespace profiledesk::http
