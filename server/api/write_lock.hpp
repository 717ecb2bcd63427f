// One save per user at a time across instances, for the conflict check: the
// lock is taken before the check reads the record and held until the new
// version is remembered, so two instances can never both pass the check for
// the same field (one would read the record before the other's write).
//
// Inside one process, per_key_task_queue.hpp already runs one save per user
// at a time, in arrival order; this lock adds nothing there, so the memory
// mode's lock (local_write_lock) grants at once. In a cluster,
// redis_write_lock.hpp is a Redis key with an owner token and an expiry.
#pragma once

#include "state/outcome.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace profiledesk::api {

class write_lock {
public:
    using clock = std::chrono::steady_clock;
    // Proof of holding the lock: only a release with it frees the lock.
    struct lease {
        std::string token;
    };

    virtual ~write_lock() = default;

    // Waits for `user_id`'s lock until `deadline` (the save's; a try begun
    // before it may end up to one command's timeout later): `done` gets
    // the lease; nullopt when another save still held it at the deadline;
    // `unavailable` when the store could not be reached. `done` runs exactly
    // once, possibly inside the call.
    virtual void acquire(const std::string& user_id, clock::time_point deadline,
                         state::callback<std::optional<lease>> done) = 0;
    // Frees the lock if `held` still holds it: `done` gets true then, false
    // when it had expired meanwhile (maybe taken by another save since, which
    // keeps it). The lock expires by itself anyway: a crashed holder cannot
    // keep it.
    virtual void release(const std::string& user_id, const lease& held, state::callback<bool> done) = 0;
};

// The memory mode's lock: per_key_task_queue already serialises this
// process's saves of a user, and in memory mode there is no other process.
class local_write_lock : public write_lock {
public:
    void acquire(const std::string&, clock::time_point, state::callback<std::optional<lease>> done) override {
        done(state::outcome<std::optional<lease>>::of(lease{}));
    }
    void release(const std::string&, const lease&, state::callback<bool> done) override {
        done(state::outcome<bool>::of(true));
    }
};

}  // namespace profiledesk::api
