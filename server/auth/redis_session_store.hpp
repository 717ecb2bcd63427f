// Sessions in Redis, shared by every instance of a cluster
// (SESSION_STORE=redis://...): any instance serves any user, and a restart
// signs no one out. Same contract as session_store.hpp; answers come later,
// on an I/O thread of the Redis client, or `unavailable` by the deadline.
//
// Keys (redis/keys.hpp):
// - KEY_PREFIX "session:" + key_space::digest(id): a hash holding the user's
//   claims, auth_time, the CSRF token and the times (ms since the epoch):
//   `created`, `last_seen`, `expires` (created + the absolute lifetime, kept
//   with the session so that a later change of setting does not stretch it).
//   The id itself is never stored, only its SHA-256 (ASVS 16.2.5).
// - key_space::user(sub, "sessions"): the user's index, a sorted set of those
//   digests scored by creation time, for "sign out everywhere" and the
//   per-user cap. It lives as long as its newest session can.
//
// Expiry is Redis's own: each session key has PEXPIRE = min(idle timeout,
// what is left of its absolute lifetime), set at creation and refreshed by
// every find. A session key and its user's index are in different Cluster
// slots, so nothing touches both in one script; each step is ordered so that
// a failure half-way leaves no live session outside its user's index (which
// erase_user could then not reach): a session is written before it is
// indexed, and unindexed only after it is deleted.
#pragma once

#include "auth/session_store.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <chrono>
#include <cstddef>
#include <memory>

namespace profiledesk::auth {

// `max_per_user`: MAX_SESSIONS_PER_USER. `command_timeout`: each
// operation's deadline, all its commands included: a route waits at most
// about this long for the store before it answers 503. Throws
// std::invalid_argument on the settings memory_session_store refuses, or a
// command_timeout that is not positive.
std::shared_ptr<session_store> make_redis_session_store(
    std::shared_ptr<redis::client> client, redis::key_space keys, session_timeouts timeouts,
    std::size_t max_per_user = memory_session_store::default_max_per_user,
    std::chrono::milliseconds command_timeout = std::chrono::milliseconds(1000));

}  // namespace profiledesk::auth
