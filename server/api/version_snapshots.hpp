// The editable values of each profile version this server has shown or
// written, so a save based on an older version can be checked field by
// field: Auth0 has no ETag and no history, only `updated_at`.
#pragma once

#include "profiledesk/core/profile_diff.hpp"

#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace profiledesk::api {

class version_snapshots {
public:
    // Bounds: versions kept per user, and users kept (least recently used go).
    explicit version_snapshots(std::size_t per_user = 16, std::size_t users = 10000);

    void remember(const std::string& user_id, const std::string& version, core::field_values values);
    // nullopt when this version was never seen here (or was forgotten).
    std::optional<core::field_values> find(const std::string& user_id, const std::string& version);

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
