// What the Management API client shares with the other instances of a
// cluster. Every member may be null: then that piece lives in this process
// (the token and the read cache as before; the budget in memory, from
// mgmt_settings), which is right for a single instance.
#pragma once

#include "mgmt/rate_budget.hpp"
#include "mgmt/record_cache.hpp"
#include "mgmt/settings.hpp"
#include "mgmt/shared_token_cache.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <memory>

namespace profiledesk::mgmt {

struct shared_state {
    std::shared_ptr<shared_token_cache> token;  // the M2M token: one fetch for the cluster
    std::shared_ptr<rate_budget> budget;        // one Management API budget for the cluster
    std::shared_ptr<record_cache> records;      // the read cache, never stale after a write elsewhere
};

// All three in Redis (SESSION_STORE=redis://...), sized by `settings`
// (rate_limit_per_second/burst, cache_ttl; a disabled budget or cache stays null).
shared_state redis_shared_state(std::shared_ptr<redis::client> redis, const redis::key_space& keys,
                                const mgmt_settings& settings);

}  // namespace profiledesk::mgmt
