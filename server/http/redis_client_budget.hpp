// A client_budget (client_budget.hpp) shared by every instance of a cluster:
// one token bucket per client in Redis, taken from by one Lua script, so that
// concurrent takes through any number of instances never grant more than the
// bucket holds. The bucket is a hash {tokens, ms}; the script reads Redis'
// own clock (TIME), the one clock every instance shares, refills, takes, and
// lets the key expire when the bucket would be full again (a full bucket and
// a missing key mean the same: memory stays bounded by the active clients).
// Keys: KEY_PREFIX + "budget:<name>:<digest of the client>" (addresses are
// personal data: digested like user ids, redis/keys.hpp).
// Built into pd_api, not pd_http: localtenant links pd_http and needs no Redis.
#pragma once

#include "http/client_budget.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace profiledesk::http {

struct redis_budget_settings {
    std::string name;         // which budget: "sign-in", "glyphs", "pictures", "writes"
    double burst = 30;        // requests a client may make at once
    double per_second = 0.5;  // then this many
    // One take's wait for Redis: a request's budget is asked before any work,
    // so a slow Redis is answered 503 quickly rather than holding the request.
    std::chrono::milliseconds command_timeout{500};
};

std::shared_ptr<client_budget> make_redis_client_budget(std::shared_ptr<redis::client> redis, redis::key_space keys,
                                                        redis_budget_settings settings);

}  // namespace profiledesk::http
