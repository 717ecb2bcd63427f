// The login-state replay guard in Redis (replay_guard.hpp): a state is
// accepted once across every instance. SET NX PX: the first instance to
// write the key wins, atomically, and Redis forgets it after `lifetime`.
// The key is KEY_PREFIX "login_state:" + key_space::digest(value): the
// state itself is never stored. Answers on an I/O thread, or `unavailable`
// by the deadline.
#pragma once

#include "auth/replay_guard.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <chrono>
#include <memory>

namespace profiledesk::auth {

// `lifetime`: the login transaction's. `command_timeout`: each call's
// deadline. Throws std::invalid_argument when either is not positive.
std::shared_ptr<replay_guard> make_redis_replay_guard(
    std::shared_ptr<redis::client> client, redis::key_space keys, std::chrono::seconds lifetime,
    std::chrono::milliseconds command_timeout = std::chrono::milliseconds(1000));

}  // namespace profiledesk::auth
