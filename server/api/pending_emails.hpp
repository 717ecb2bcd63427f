// Each user's pending email change (email_change.hpp): at most one, which a
// new request replaces (so the old link stops working), following its link
// consumes (single use), and cancelling drops.
//
// Asked asynchronously: in a cluster the changes live in Redis
// (redis_pending_emails.hpp), so that a link mailed by one instance works on
// every instance, and only once across all of them. memory_pending_emails
// below keeps them in this process (one instance, the default). Every
// operation answers `unavailable` when the store cannot be reached in time;
// the route then answers 503 and changes nothing.
#pragma once

#include "api/email_change.hpp"
#include "state/outcome.hpp"

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace profiledesk::api {

class pending_emails {
public:
    virtual ~pending_emails() = default;
    // Makes `change` the user's pending change, replacing any other; it is
    // forgotten at change.expires_at. `now`: Unix seconds.
    virtual void put(const std::string& sub, pending_email change, std::int64_t now,
                     state::callback<state::done> done) = 0;
    // The user's pending change, nullopt when none or expired.
    virtual void find(const std::string& sub, std::int64_t now, state::callback<std::optional<pending_email>> done) = 0;
    // Atomically removes and answers the user's pending change when its id is
    // `id` and it has not expired; otherwise nullopt and nothing changes. Of
    // two concurrent takes of one id (any instances), one gets it.
    virtual void take(const std::string& sub, const std::string& id, std::int64_t now,
                      state::callback<std::optional<pending_email>> done) = 0;
    // Removes the user's pending change, if any (cancel).
    virtual void drop(const std::string& sub, state::callback<state::done> done) = 0;
};

// One process. Bounded: at `max_users`, a new user's change first purges the
// expired ones, then pushes out the change nearest its expiry (a flood of
// requests cannot grow memory; each user's own change is replaced in place).
class memory_pending_emails final : public pending_emails {
public:
    explicit memory_pending_emails(std::size_t max_users = 100'000);

    // Each answers inside the call; never unavailable.
    void put(const std::string& sub, pending_email change, std::int64_t now,
             state::callback<state::done> done) override;
    void find(const std::string& sub, std::int64_t now, state::callback<std::optional<pending_email>> done) override;
    void take(const std::string& sub, const std::string& id, std::int64_t now,
              state::callback<std::optional<pending_email>> done) override;
    void drop(const std::string& sub, state::callback<state::done> done) override;

    std::size_t size() const;

private:
    const std::size_t max_users_;
    mutable std::mutex mutex_;
    std::map<std::string, pending_email> by_user_;
};

}  // namespace profiledesk::api
