// Server-side sessions: the browser holds only an opaque random id; who the
// user is, when they signed in and their CSRF token stay here (ASVS V7).
#pragma once

#include "state/outcome.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace profiledesk::auth {

// The claims the UI needs, copied from the verified ID token at sign-in (so
// /api/session needs no upstream call). Provider tokens are never kept.
struct session_user {
    std::string sub;  // the user id, per issuer (OIDC Core 5.7): the only key for upstream calls
    std::string name;
    std::string picture;
    std::string email;
    std::string connection;  // Auth0 connection ("Username-Password-Authentication", "google-oauth2", ...)
};

// Where a sign-in came from, as "Where you're signed in" shows it: a label
// and a shortened address (core/device_label.hpp, core/address_display.hpp),
// never the User-Agent or the full address.
struct sign_in_origin {
    std::string device;   // "Firefox on Linux"; "" when not recorded (then shown as unknown)
    std::string address;  // "203.0.113.x"; "" when not recorded
};

struct session {
    std::string id;  // the cookie value: 256 random bits, base64url
    session_user user;
    std::int64_t auth_time = 0;  // Unix seconds of the sign-in (the ID token's auth_time or iat)
    std::string csrf_token;      // 256 random bits, base64url; sent back in X-CSRF-Token
    std::chrono::system_clock::time_point created, last_seen;
    // Names the session to its own user (GET/DELETE /api/sessions): 128
    // random bits, base64url, stored with it; unrelated to the id, so a
    // handle shown on a screen gives nobody the session.
    std::string handle;
    sign_in_origin origin;
};

// A session as its user's list shows it: no id, no CSRF token.
struct session_listing {
    std::string handle;
    sign_in_origin origin;
    std::chrono::system_clock::time_point created, last_seen;
};

// Defaults are ASVS v4 3.3.2 level 2: 30 minutes idle, 12 hours absolute.
struct session_timeouts {
    std::chrono::seconds idle{30 * 60};           // a session unused this long ends
    std::chrono::seconds absolute{12 * 60 * 60};  // a session ends this long after sign-in, used or not
};

// Throws std::invalid_argument when a timeout is not positive or idle is
// longer than absolute (every store refuses such settings).
void check_timeouts(const session_timeouts& timeouts);

// Every operation answers through `done` (state/outcome.hpp): `unavailable`
// when the store could not be reached by its deadline, and then nothing is
// known to have changed. The memory store answers inline, inside the call
// (never while holding its lock); a Redis-backed one
// (redis_session_store.hpp) answers later, on an I/O thread, so a caller
// must not hold a lock of its own across the call, nor assume which.
class session_store {
public:
    using time_point = std::chrono::system_clock::time_point;
    virtual ~session_store() = default;
    // Creates a session with a NEW random id (32 bytes, base64url), CSRF
    // token and handle, ending the user's oldest when they hold max_per_user;
    // answers it.
    virtual void create(session_user user, std::int64_t auth_time, sign_in_origin origin, time_point now,
                        state::callback<session> done) = 0;
    // The same, where the origin is unknown.
    void create(session_user user, std::int64_t auth_time, time_point now, state::callback<session> done) {
        create(std::move(user), auth_time, sign_in_origin{}, now, std::move(done));
    }
    // The live session for an id, touching last_seen; nullopt when unknown,
    // idle-expired or past its absolute lifetime.
    virtual void find(std::string id, time_point now, state::callback<std::optional<session>> done) = 0;
    // Replaces the profile claims (name, picture, email, connection) the
    // session keeps; the user's sub never changes. No effect on an unknown
    // id, and the session's life is not extended.
    virtual void update_user(std::string id, session_user user, state::callback<state::done> done) = 0;
    // Ends one session; no effect on an unknown id.
    virtual void erase(std::string id, state::callback<state::done> done) = 0;
    // Ends every session of the user `sub` ("sign out everywhere", a blocked
    // or deleted account), whichever instance made them; answers how many.
    virtual void erase_user(std::string sub, state::callback<std::size_t> done) = 0;
    // The user's live sessions at `now`, in no particular order.
    virtual void list_user(std::string sub, time_point now, state::callback<std::vector<session_listing>> done) = 0;
    // Ends the session of `sub` named `handle`; answers whether such a live
    // session existed. A handle of another user's session answers false and
    // ends nothing, exactly as an unknown one.
    virtual void erase_handle(std::string sub, std::string handle, time_point now, state::callback<bool> done) = 0;
};

// The embedded store: one process, sessions lost on restart.
//
// - Thread-safe: one mutex around every operation (each is O(log n)).
// - Keys are SHA-256 of the session id and the id itself is not stored, so a
//   memory dump or a debug listing does not reveal live cookies (ASVS 16.2.5).
// - A session is live while now < last_seen + idle and now < created + absolute.
//   Expired sessions are erased when looked up, and every
//   `purge_interval` operations all expired ones are purged (no thread of its own).
// - At most `max_per_user` sessions per user: a sign-in past that ends the
//   user's oldest session (by sign-in time), so signing in again and again
//   costs nobody else anything.
// - Bounded: at `max_sessions`, creating one more first purges the expired;
//   then, if the user signing in already has sessions, their own oldest goes,
//   else the least recently seen of all, rather than grow without limit. So a
//   user's sign-ins push out at most one other user's session, however many.
class memory_session_store final : public session_store {
public:
    static constexpr std::size_t default_max_sessions = 100'000;
    // MAX_SESSIONS_PER_USER's default: browsers and devices one person uses.
    static constexpr std::size_t default_max_per_user = 20;
    static constexpr std::size_t purge_interval = 1024;

    // Throws std::invalid_argument when a timeout is not positive, idle is
    // longer than absolute, or max_sessions or max_per_user is 0.
    explicit memory_session_store(session_timeouts timeouts, std::size_t max_sessions = default_max_sessions,
                                  std::size_t max_per_user = default_max_per_user);
    ~memory_session_store() override;

    using session_store::create;
    // Each answers inline, before returning; never `unavailable`.
    void create(session_user user, std::int64_t auth_time, sign_in_origin origin, time_point now,
                state::callback<session> done) override;
    void find(std::string id, time_point now, state::callback<std::optional<session>> done) override;
    void update_user(std::string id, session_user user, state::callback<state::done> done) override;
    void erase(std::string id, state::callback<state::done> done) override;
    // O(sessions of that user), through an index by user.
    void erase_user(std::string sub, state::callback<std::size_t> done) override;
    // Both O(sessions of that user), through the same index.
    void list_user(std::string sub, time_point now, state::callback<std::vector<session_listing>> done) override;
    void erase_handle(std::string sub, std::string handle, time_point now, state::callback<bool> done) override;

    // Sessions held, expired ones not yet purged included (metrics, tests).
    std::size_t size() const;
    // Erases every expired session now; returns how many.
    std::size_t purge_expired(std::chrono::system_clock::time_point now);
    // The keys as stored, raw 32-byte SHA-256 digests (diagnostics, tests).
    std::vector<std::string> stored_keys() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

std::unique_ptr<session_store> make_memory_session_store(session_timeouts timeouts);
std::unique_ptr<session_store> make_memory_session_store(
    session_timeouts timeouts, std::size_t max_sessions,
    std::size_t max_per_user = memory_session_store::default_max_per_user);

}  // namespace profiledesk::auth
