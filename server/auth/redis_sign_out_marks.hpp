// Sign-out-everywhere marks in Redis (sign_out_marks.hpp), shared by every
// instance: a mark made through one blocks the provider's silent sign-in
// through all of them, and survives restarts. One key per user,
// key_space::user(sub, "signed_out_at"), holding the mark's Unix time, that
// Redis expires after `remember_for` (so no bound on memory is needed here).
// Answers on an I/O thread, or `unavailable` by the deadline.
#pragma once

#include "auth/sign_out_marks.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <chrono>
#include <memory>

namespace profiledesk::auth {

// `command_timeout`: each operation's deadline. Throws std::invalid_argument
// when it or `remember_for` is not positive.
std::shared_ptr<sign_out_marks> make_redis_sign_out_marks(
    std::shared_ptr<redis::client> client, redis::key_space keys,
    std::chrono::seconds remember_for = default_sign_out_memory,
    std::chrono::milliseconds command_timeout = std::chrono::milliseconds(1000));

}  // namespace profiledesk::auth
