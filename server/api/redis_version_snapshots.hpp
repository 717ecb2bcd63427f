// version_snapshots (version_snapshots.hpp) in Redis, shared by every
// instance: a version served by one is known to the one that gets the save.
// Per user, two keys in the user's slot (redis/keys.hpp):
//   <user>:versions        a hash, version -> the editable values as JSON
//   <user>:versions:order  a list of those versions, newest first
// remember() is one Lua script: store, move the version to the front, drop
// what falls past the newest `per_user`, and refresh both keys' TTL.
#pragma once

#include "api/version_snapshots.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <chrono>
#include <memory>

namespace profiledesk::api {

struct redis_snapshot_settings {
    std::size_t per_user = version_snapshots::default_per_user;
    // Refreshed on every remember: a user idle for a day comes back to a
    // fresh GET anyway, and a save based on a forgotten version is still
    // checked field by field (core::conflicting_fields without a base).
    std::chrono::milliseconds ttl = std::chrono::hours(24);
    std::chrono::milliseconds command_timeout{500};  // per command; the route's deadline bounds the whole
};

std::shared_ptr<version_snapshots> make_redis_version_snapshots(std::shared_ptr<redis::client> redis,
                                                                redis::key_space keys,
                                                                redis_snapshot_settings settings = {});

}  // namespace profiledesk::api
