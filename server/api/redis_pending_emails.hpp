// pending_emails (pending_emails.hpp) in Redis, shared by every instance: a
// link mailed by one works on any, and only once across all. One hash per
// user, in the user's slot (redis/keys.hpp):
//   <user>:email-change   {address, id, expires_at, notice_only}
// put() replaces it whole and sets its TTL to the change's expiry (one Lua
// script); take() compares the id and deletes in one script, so two
// instances following the same link concurrently cannot both apply it.
#pragma once

#include "api/pending_emails.hpp"
#include "redis/client.hpp"
#include "redis/keys.hpp"

#include <chrono>
#include <memory>

namespace profiledesk::api {

std::shared_ptr<pending_emails> make_redis_pending_emails(std::shared_ptr<redis::client> redis, redis::key_space keys,
                                                          std::chrono::milliseconds command_timeout);

}  // namespace profiledesk::api
