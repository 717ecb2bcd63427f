// write_lock (write_lock.hpp) across instances, in Redis:
// - the lock is the key <user>:write-lock (redis/keys.hpp), taken with
//   SET key <token> NX PX <ms>, the token random per acquire;
// - it expires `grace` after the save's deadline: a crashed or stalled
//   instance cannot hold it past that, and a live one has answered by then;
// - released by a Lua compare-and-delete: only the token that set it frees
//   it, so a save whose lock expired cannot free the next save's lock;
// - a waiter tries again after short random waits (jitter: waiters on
//   several instances do not retry in lockstep) until the deadline.
#pragma once

#include "api/write_lock.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <memory>

namespace profiledesk::api {

struct redis_lock_settings {
    // How long the lock outlives the save's deadline: the remember after the
    // upstream write and the release itself are Redis commands, each within
    // command_timeout; a little more covers clock drift between hosts (PX is
    // measured by Redis' clock, the deadline by ours).
    std::chrono::milliseconds grace{2000};
    std::chrono::milliseconds command_timeout{500};
    // Between tries while another save holds the lock: a save takes tens of
    // milliseconds to seconds (an upstream read and write), so short waits
    // cost little Redis work and add little latency.
    std::chrono::milliseconds retry_min{10}, retry_max{50};
};

// `ioc` runs the waits between tries.
std::shared_ptr<write_lock> make_redis_write_lock(boost::asio::io_context& ioc, std::shared_ptr<redis::client> redis,
                                                  redis::key_space keys, redis_lock_settings settings = {});

}  // namespace profiledesk::api
