// The short read cache of user records, keyed by user id (pure: time is
// passed in; not thread-safe, users_client guards it with its own mutex).
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <unordered_map>

namespace profiledesk::mgmt {

class user_cache {
public:
    using clock = std::chrono::steady_clock;

    // ttl 0: caches nothing. max_entries bounds memory (see mgmt_settings).
    user_cache(std::chrono::milliseconds ttl, std::size_t max_entries);

    bool enabled() const { return ttl_.count() > 0 && max_entries_ > 0; }

    // The record stored less than ttl ago.
    std::optional<nlohmann::json> get(const std::string& user_id, clock::time_point now);

    // Stores a record fetched at `now`.
    void put(const std::string& user_id, nlohmann::json user, clock::time_point now);

    // Stores a write's answer unless the cached record is newer (by Auth0's
    // `updated_at`, ISO 8601 UTC strings, which sort in time order): of two
    // PATCH answers arriving out of order, the later write's record stays.
    void put_unless_older(const std::string& user_id, nlohmann::json user, clock::time_point now);

    void erase(const std::string& user_id);
    std::size_t size() const { return entries_.size(); }

private:
    struct entry {
        nlohmann::json user;
        clock::time_point stored;
    };
    bool fresh(const entry& e, clock::time_point now) const { return now - e.stored < ttl_; }
    bool make_room(clock::time_point now);

    const std::chrono::milliseconds ttl_;
    const std::size_t max_entries_;
    std::unordered_map<std::string, entry> entries_;
};

}  // namespace profiledesk::mgmt
