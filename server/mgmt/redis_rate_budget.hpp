// The Management API budget of a whole cluster (rate_budget.hpp): one token
// bucket in Redis (key_space::global("mgmt:budget"), a hash of tokens, the
// time of the last refill and the tenant's hold), changed only by Lua scripts,
// which Redis runs atomically: two instances taking at once can never both
// get the last token. Time is Redis's own (TIME), so the instances' clocks do
// not have to agree; the tenant's resets are UNIX times compared with it.
#pragma once

#include "mgmt/rate_budget.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <memory>
#include <string>

namespace profiledesk::mgmt {

class redis_rate_budget : public rate_budget {
public:
    // per_second > 0, burst >= 1.
    redis_rate_budget(std::shared_ptr<redis::client> redis, const redis::key_space& keys, double per_second,
                      double burst);

    void take(clock::time_point deadline, state::callback<std::chrono::milliseconds> done) override;
    void observe(std::int64_t remaining, std::chrono::system_clock::time_point reset) override;

private:
    std::shared_ptr<redis::client> redis_;
    std::string key_;
    std::string per_second_, burst_;  // as the scripts get them
};

}  // namespace profiledesk::mgmt
