// The shared read cache in Redis (record_cache.hpp), per user (one Cluster
// slot: the scripts touch both keys):
//   key_space::user(sub, "record")      the record's JSON, PX cache_ttl
//   key_space::user(sub, "record:gen")  the write generation (INCR)
// Every step is one Lua script, atomic against the other instances.
#pragma once

#include "mgmt/record_cache.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <memory>

namespace profiledesk::mgmt {

class redis_record_cache : public record_cache {
public:
    // ttl > 0: how long a record is served (mgmt_settings::cache_ttl).
    redis_record_cache(std::shared_ptr<redis::client> redis, redis::key_space keys, std::chrono::milliseconds ttl);

    void get(const std::string& user_id, clock::time_point deadline, state::callback<lookup> done) override;
    void put_read(const std::string& user_id, const nlohmann::json& record, const std::string& generation,
                  clock::time_point deadline, state::callback<state::done> done) override;
    void begin_write(const std::string& user_id, clock::time_point deadline,
                     state::callback<state::done> done) override;
    void end_write(const std::string& user_id, const nlohmann::json* answer, clock::time_point deadline,
                   state::callback<state::done> done) override;

private:
    std::shared_ptr<redis::client> redis_;
    redis::key_space keys_;
    std::string ttl_ms_;
};

}  // namespace profiledesk::mgmt
