#include "mgmt/shared_state.hpp"

#include "mgmt/redis_rate_budget.hpp"
#include "mgmt/redis_record_cache.hpp"
#include "mgmt/redis_token_cache.hpp"

namespace profiledesk::mgmt {

shared_state redis_shared_state(std::shared_ptr<redis::client> redis, const redis::key_space& keys,
                                const mgmt_settings& settings) {
    shared_state s;
    s.token = std::make_shared<redis_token_cache>(redis, keys);
    if (settings.rate_limit_per_second > 0) {
        s.budget = std::make_shared<redis_rate_budget>(redis, keys, settings.rate_limit_per_second,
                                                       settings.rate_limit_burst);
    }
    if (settings.cache_ttl.count() > 0)
        s.records = std::make_shared<redis_record_cache>(redis, keys, settings.cache_ttl);
    return s;
}

}  // namespace profiledesk::mgmt
