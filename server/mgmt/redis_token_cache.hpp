// The M2M token shared through Redis (shared_token_cache.hpp):
//   key_space::global("mgmt:token")       "<owner of its fetch>:<token>", PX = its remaining life minus the refresh margin
//   key_space::global("mgmt:token:lock")  the fetch lock: SET NX PX, the owner's random value
// Each step is one Lua script or command, so it is atomic: of the instances
// finding no token, exactly one gets the lock; a lock or a token is deleted
// only by a compare-and-delete on its value.
#pragma once

#include "mgmt/shared_token_cache.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <memory>

namespace profiledesk::mgmt {

class redis_token_cache : public shared_token_cache {
public:
    redis_token_cache(std::shared_ptr<redis::client> redis, const redis::key_space& keys);

    void acquire(const std::string& owner, std::chrono::milliseconds lock_for, clock::time_point deadline,
                 state::callback<acquired> done) override;
    void store(const std::string& token, std::chrono::milliseconds fresh_for, const std::string& owner,
               clock::time_point deadline, state::callback<state::done> done) override;
    void release(const std::string& owner, clock::time_point deadline, state::callback<state::done> done) override;
    void drop(const std::string& stored_by, clock::time_point deadline, state::callback<state::done> done) override;

private:
    std::shared_ptr<redis::client> redis_;
    std::string token_key_, lock_key_;
};

}  // namespace profiledesk::mgmt
