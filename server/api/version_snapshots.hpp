// The editable values of each profile version this server has shown or
// written, so a save based on an older version can be checked field by
// field: Auth0 has no ETag and no history, only `updated_at`.
//
// Asked asynchronously: in a cluster the snapshots live in Redis
// (redis_version_snapshots.hpp), so that a version one instance served is
// known to the instance that gets the save. memory_version_snapshots below
// keeps them in this process (one instance, the default).
#pragma once

#include "profiledesk/core/profile_diff.hpp"
#include "state/outcome.hpp"

#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace profiledesk::api {

class version_snapshots {
public:
    // Versions kept per user: a person rarely has more than a few tabs or
    // devices editing at once, and a save based on a forgotten version is
    // still checked (core::conflicting_fields without a base).
    static constexpr std::size_t default_per_user = 16;

    virtual ~version_snapshots() = default;
    // `done` runs exactly once, possibly inside the call; `unavailable` when
    // the store could not be reached in time (the version may not be kept).
    virtual void remember(const std::string& user_id, const std::string& version, core::field_values values,
                          state::callback<state::done> done) = 0;
    // nullopt when this version was never seen (or was forgotten).
    virtual void find(const std::string& user_id, const std::string& version,
                      state::callback<std::optional<core::field_values>> done) = 0;
};

class memory_version_snapshots : public version_snapshots {
public:
    // Bounds: versions kept per user, and users kept (least recently used go).
    explicit memory_version_snapshots(std::size_t per_user = default_per_user, std::size_t users = 10000);

    void remember(const std::string& user_id, const std::string& version, core::field_values values);
    std::optional<core::field_values> find(const std::string& user_id, const std::string& version);

    // version_snapshots: the same, answered inside the call (always available).
    void remember(const std::string& user_id, const std::string& version, core::field_values values,
                  state::callback<state::done> done) override;
    void find(const std::string& user_id, const std::string& version,
              state::callback<std::optional<core::field_values>> done) override;

private:
    struct user_versions {
        std::list<std::pair<std::string, core::field_values>> versions;  // newest first
        std::list<std::string>::iterator lru;
    };
    const std::size_t per_user_, users_;
    std::mutex mutex_;
    std::map<std::string, user_versions> by_user_;
    std::list<std::string> lru_;  // most recently used user first
};

}  // namespace profiledesk::api
