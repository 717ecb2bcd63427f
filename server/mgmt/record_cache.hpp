// The read cache of user records shared by the instances of a cluster, so
// that a write through one instance is never followed by a stale read
// through another. Without one (null), users_client keeps its in-process
// cache (user_cache.hpp), right for a single process.
//
// Each user has a write generation, bumped before and after every write:
//   get:          the cached record, if any, and the generation now;
//   put_read:     caches what a read saw only if the generation is still the
//                 one `get` answered (no write began or ended meanwhile, on
//                 any instance: else the read may have seen either version);
//   begin_write:  bumps the generation and drops the record;
//   end_write:    bumps it again and caches the write's answer (unless a
//                 newer record, by updated_at, is there) or drops the record.
// users_client answers a write only after end_write, so a read that starts
// after a write's answer finds the new record or nothing.
//
// Records hold profile values: the store is protected like the tenant (see
// shared_token_cache.hpp).
#pragma once

#include "state/outcome.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>
#include <string>

namespace profiledesk::mgmt {

class record_cache {
public:
    using clock = std::chrono::steady_clock;
    virtual ~record_cache() = default;

    struct lookup {
        std::optional<nlohmann::json> record;
        std::string generation;  // for put_read
    };

    // Each `done` runs once, on an I/O thread, by `deadline` at the latest;
    // unavailable when the store could not be asked in time. A null `done`: fire and forget.
    virtual void get(const std::string& user_id, clock::time_point deadline, state::callback<lookup> done) = 0;
    virtual void put_read(const std::string& user_id, const nlohmann::json& record, const std::string& generation,
                          clock::time_point deadline, state::callback<state::done> done) = 0;
    virtual void begin_write(const std::string& user_id, clock::time_point deadline,
                             state::callback<state::done> done) = 0;
    // `answer`: the write's new record, or null to drop the entry.
    virtual void end_write(const std::string& user_id, const nlohmann::json* answer, clock::time_point deadline,
                           state::callback<state::done> done) = 0;
};

}  // namespace profiledesk::mgmt
