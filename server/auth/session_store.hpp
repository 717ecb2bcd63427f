// Server-side sessions: the browser holds only an opaque random id; who the
// user is, when they signed in and their CSRF token stay here (ASVS V7).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
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

struct session {
    std::string id;  // the cookie value: 256 random bits, base64url
    session_user user;
    std::int64_t auth_time = 0;  // Unix seconds of the sign-in (the ID token's auth_time or iat)
    std::string csrf_token;      // 256 random bits, base64url; sent back in X-CSRF-Token
    std::chrono::system_clock::time_point created, last_seen;
};

// Defaults are ASVS v4 3.3.2 level 2: 30 minutes idle, 12 hours absolute.
struct session_timeouts {
    std::chrono::seconds idle{30 * 60};           // a session unused this long ends
    std::chrono::seconds absolute{12 * 60 * 60};  // a session ends this long after sign-in, used or not
};

class session_store {  // narrow on purpose: a Redis implementation follows
public:
    virtual ~session_store() = default;
    // Creates a session with a NEW random id (32 bytes, base64url) and CSRF token; returns it.
    virtual session create(session_user user, std::int64_t auth_time, std::chrono::system_clock::time_point now) = 0;
    // The live session for an id, touching last_seen; nullopt when unknown, idle-expired or past its absolute lifetime (expired ones are erased).
    virtual std::optional<session> find(std::string_view id, std::chrono::system_clock::time_point now) = 0;
    virtual void update_user(std::string_view id, const session_user& user) = 0;
    virtual void erase(std::string_view id) = 0;
    // Ends every session of the user `sub` ("sign out everywhere"); returns how many.
    virtual std::size_t erase_user(std::string_view sub) = 0;
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

    session create(session_user user, std::int64_t auth_time, std::chrono::system_clock::time_point now) override;
    std::optional<session> find(std::string_view id, std::chrono::system_clock::time_point now) override;
    // No effect on an unknown id. Does not extend the session's life.
    void update_user(std::string_view id, const session_user& user) override;
    // No effect on an unknown id.
    void erase(std::string_view id) override;
    // O(sessions of that user), through an index by user.
    std::size_t erase_user(std::string_view sub) override;

    // Sessions held, expired ones not yet purged included (metrics, tests).
    std::size_t size() const;
    // Erases every expired session now; returns how many.
    std::size_t purge_expired(std::chrono::system_clock::time_point now);
    // The keys as stored, raw 32-byte SHA-256 digests (diagnostics, tests).
    std::vector<std::string> stored_keys() const;

private:
    struct state;
    std::unique_ptr<state> state_;
};

std::unique_ptr<session_store> make_memory_session_store(session_timeouts timeouts);
std::unique_ptr<session_store> make_memory_session_store(
    session_timeouts timeouts, std::size_t max_sessions,
    std::size_t max_per_user = memory_session_store::default_max_per_user);

}  // namespace profiledesk::auth
