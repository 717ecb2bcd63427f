#include "auth/session_store.hpp"

#include "crypto/digest.hpp"
#include "crypto/random.hpp"

#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

namespace profiledesk::auth {
namespace {

using clock_point = std::chrono::system_clock::time_point;

constexpr std::size_t id_bytes = 32;  // 256 bits (ASVS 7.2.3 asks for 128 at least)
constexpr std::size_t csrf_bytes = 32;
constexpr std::size_t handle_bytes = 16;  // 128 bits: unguessable, and it only names a session to its own user

// What is kept per session: everything but the id, which exists here only as
// the map key's SHA-256.
struct entry {
    session_user user;
    std::int64_t auth_time = 0;
    std::string csrf_token;
    clock_point created, last_seen;
    std::string handle;
    sign_in_origin origin;
};

}  // namespace

struct memory_session_store::impl {
    session_timeouts timeouts;
    std::size_t max_sessions = 0;
    std::size_t max_per_user = 0;

    mutable std::mutex mutex;
    std::unordered_map<std::string, entry> sessions;  // SHA-256(id) -> entry
    // Orders for purging and eviction, (time, key) so equal times stay distinct.
    std::set<std::pair<clock_point, std::string>> by_last_seen;
    std::set<std::pair<clock_point, std::string>> by_created;
    std::map<std::string, std::set<std::string>, std::less<>> by_user;  // sub -> keys of that user's sessions
    std::size_t operations_since_purge = 0;

    bool expired(const entry& e, clock_point now) const {
        return now >= e.last_seen + timeouts.idle || now >= e.created + timeouts.absolute;
    }

    void add(std::string key, entry e) {
        by_last_seen.insert({e.last_seen, key});
        by_created.insert({e.created, key});
        by_user[e.user.sub].insert(key);
        sessions.emplace(std::move(key), std::move(e));
    }

    void remove(std::unordered_map<std::string, entry>::iterator it) {
        by_last_seen.erase({it->second.last_seen, it->first});
        by_created.erase({it->second.created, it->first});
        if (const auto u = by_user.find(it->second.user.sub); u != by_user.end()) {
            u->second.erase(it->first);
            if (u->second.empty()) by_user.erase(u);
        }
        sessions.erase(it);
    }

    // The session of `sub` that began first; they hold at most max_per_user.
    std::unordered_map<std::string, entry>::iterator oldest_of(std::string_view sub) {
        auto oldest = sessions.end();
        const auto u = by_user.find(sub);
        if (u == by_user.end()) return oldest;
        for (const auto& key : u->second) {
            const auto it = sessions.find(key);
            if (oldest == sessions.end() ||
                std::pair(it->second.created, it->first) < std::pair(oldest->second.created, oldest->first)) {
                oldest = it;
            }
        }
        return oldest;
    }

    std::size_t count_of(std::string_view sub) const {
        const auto u = by_user.find(sub);
        return u == by_user.end() ? 0 : u->second.size();
    }

    // Both indexes are sorted by the time their timeout counts from, so the
    // expired sessions are exactly a prefix of one or the other.
    std::size_t purge(clock_point now) {
        std::size_t purged = 0;
        while (!by_last_seen.empty() && now >= by_last_seen.begin()->first + timeouts.idle) {
            remove(sessions.find(by_last_seen.begin()->second));
            ++purged;
        }
        while (!by_created.empty() && now >= by_created.begin()->first + timeouts.absolute) {
            remove(sessions.find(by_created.begin()->second));
            ++purged;
        }
        operations_since_purge = 0;
        return purged;
    }

    void count_operation(clock_point now) {
        if (++operations_since_purge >= purge_interval) purge(now);
    }

    // The operations, synchronous, each under the lock.
    session create(session_user user, std::int64_t auth_time, sign_in_origin origin, clock_point now);
    std::optional<session> find(std::string_view id, clock_point now);
    void update_user(std::string_view id, const session_user& user);
    void erase(std::string_view id);
    std::size_t erase_user(std::string_view sub);
    std::vector<session_listing> list_user(std::string_view sub, clock_point now);
    bool erase_handle(std::string_view sub, std::string_view handle, clock_point now);
};

void check_timeouts(const session_timeouts& timeouts) {
    if (timeouts.idle.count() <= 0 || timeouts.absolute.count() <= 0) {
        throw std::invalid_argument("session timeouts must be positive");
    }
    if (timeouts.idle > timeouts.absolute) {
        throw std::invalid_argument("the session idle timeout must not exceed the absolute lifetime");
    }
}

memory_session_store::memory_session_store(session_timeouts timeouts, std::size_t max_sessions,
                                           std::size_t max_per_user)
    : impl_(std::make_unique<impl>()) {
    check_timeouts(timeouts);
    if (max_sessions == 0 || max_per_user == 0) {
        throw std::invalid_argument("the session store needs room for at least one session (per user too)");
    }
    impl_->timeouts = timeouts;
    impl_->max_sessions = max_sessions;
    impl_->max_per_user = max_per_user;
}

memory_session_store::~memory_session_store() = default;

session memory_session_store::impl::create(session_user user, std::int64_t auth_time, sign_in_origin origin,
                                           clock_point now) {
    session s;
    s.user = std::move(user);
    s.auth_time = auth_time;
    s.csrf_token = crypto::random_token(csrf_bytes);
    s.created = now;
    s.last_seen = now;
    s.handle = crypto::random_token(handle_bytes);
    s.origin = std::move(origin);

    std::lock_guard lock(mutex);
    count_operation(now);
    while (count_of(s.user.sub) >= max_per_user) remove(oldest_of(s.user.sub));
    if (sessions.size() >= max_sessions) {
        purge(now);
        while (sessions.size() >= max_sessions) {
            // Full of live sessions: this user's own oldest goes if they have
            // one, so their sign-ins do not push others out; else the one
            // unused the longest.
            const auto own = oldest_of(s.user.sub);
            remove(own != sessions.end() ? own : sessions.find(by_last_seen.begin()->second));
        }
    }
    // Always a fresh id, never one a client presented (session fixation,
    // ASVS 7.2.4). A collision of 256 random bits does not happen, but if it
    // did, the existing session must not be handed to someone else.
    std::string key;
    do {
        s.id = crypto::random_token(id_bytes);
        key = crypto::sha256(s.id);
    } while (sessions.count(key) != 0);

    add(std::move(key), entry{s.user, s.auth_time, s.csrf_token, now, now, s.handle, s.origin});
    return s;
}

std::optional<session> memory_session_store::impl::find(std::string_view id, clock_point now) {
    if (id.empty()) return std::nullopt;
    const std::string key = crypto::sha256(id);

    std::lock_guard lock(mutex);
    count_operation(now);
    const auto it = sessions.find(key);
    if (it == sessions.end()) return std::nullopt;
    if (expired(it->second, now)) {
        remove(it);
        return std::nullopt;
    }
    entry& e = it->second;
    // A clock that steps back must not make the session older than it was.
    if (now > e.last_seen) {
        by_last_seen.erase({e.last_seen, key});
        e.last_seen = now;
        by_last_seen.insert({e.last_seen, key});
    }
    return session{std::string(id), e.user, e.auth_time, e.csrf_token, e.created, e.last_seen, e.handle, e.origin};
}

void memory_session_store::impl::update_user(std::string_view id, const session_user& user) {
    const std::string key = crypto::sha256(id);
    std::lock_guard lock(mutex);
    const auto it = sessions.find(key);
    if (it == sessions.end()) return;
    entry e = it->second;
    e.user = user;
    remove(it);  // re-added, so the index by user stays right whatever changed
    add(key, std::move(e));
}

void memory_session_store::impl::erase(std::string_view id) {
    const std::string key = crypto::sha256(id);
    std::lock_guard lock(mutex);
    if (const auto it = sessions.find(key); it != sessions.end()) remove(it);
}

std::size_t memory_session_store::impl::erase_user(std::string_view sub) {
    std::lock_guard lock(mutex);
    const auto u = by_user.find(sub);
    if (u == by_user.end()) return 0;
    const std::vector<std::string> keys(u->second.begin(), u->second.end());
    for (const auto& key : keys) {
        if (const auto it = sessions.find(key); it != sessions.end()) remove(it);
    }
    return keys.size();
}

std::vector<session_listing> memory_session_store::impl::list_user(std::string_view sub, clock_point now) {
    std::lock_guard lock(mutex);
    std::vector<session_listing> out;
    const auto u = by_user.find(sub);
    if (u == by_user.end()) return out;
    for (const auto& key : u->second) {
        const auto& e = sessions.at(key);
        if (!expired(e, now)) out.push_back({e.handle, e.origin, e.created, e.last_seen});
    }
    return out;
}

bool memory_session_store::impl::erase_handle(std::string_view sub, std::string_view handle, clock_point now) {
    std::lock_guard lock(mutex);
    const auto u = by_user.find(sub);
    if (u == by_user.end() || handle.empty()) return false;
    for (const auto& key : u->second) {
        const auto it = sessions.find(key);
        if (it->second.handle != handle) continue;
        const bool live = !expired(it->second, now);
        remove(it);  // an expired one goes too, but was not there to end
        return live;
    }
    return false;
}

// Each operation takes the lock inside impl and has let go of it before
// `done` runs, so a callback may call the store again.
void memory_session_store::create(session_user user, std::int64_t auth_time, sign_in_origin origin, time_point now,
                                  state::callback<session> done) {
    done(state::outcome<session>::of(impl_->create(std::move(user), auth_time, std::move(origin), now)));
}

void memory_session_store::find(std::string id, time_point now, state::callback<std::optional<session>> done) {
    done(state::outcome<std::optional<session>>::of(impl_->find(id, now)));
}

void memory_session_store::update_user(std::string id, session_user user, state::callback<state::done> done) {
    impl_->update_user(id, user);
    done(state::outcome<state::done>::of({}));
}

void memory_session_store::erase(std::string id, state::callback<state::done> done) {
    impl_->erase(id);
    done(state::outcome<state::done>::of({}));
}

void memory_session_store::erase_user(std::string sub, state::callback<std::size_t> done) {
    done(state::outcome<std::size_t>::of(impl_->erase_user(sub)));
}

void memory_session_store::list_user(std::string sub, time_point now,
                                     state::callback<std::vector<session_listing>> done) {
    done(state::outcome<std::vector<session_listing>>::of(impl_->list_user(sub, now)));
}

void memory_session_store::erase_handle(std::string sub, std::string handle, time_point now,
                                        state::callback<bool> done) {
    done(state::outcome<bool>::of(impl_->erase_handle(sub, handle, now)));
}

std::size_t memory_session_store::size() const {
    std::lock_guard lock(impl_->mutex);
    return impl_->sessions.size();
}

std::size_t memory_session_store::purge_expired(clock_point now) {
    std::lock_guard lock(impl_->mutex);
    return impl_->purge(now);
}

std::vector<std::string> memory_session_store::stored_keys() const {
    std::lock_guard lock(impl_->mutex);
    std::vector<std::string> keys;
    keys.reserve(impl_->sessions.size());
    for (const auto& [key, value] : impl_->sessions) keys.push_back(key);
    return keys;
}

std::unique_ptr<session_store> make_memory_session_store(session_timeouts timeouts) {
    return std::make_unique<memory_session_store>(timeouts);
}

std::unique_ptr<session_store> make_memory_session_store(session_timeouts timeouts, std::size_t max_sessions,
                                                         std::size_t max_per_user) {
    return std::make_unique<memory_session_store>(timeouts, max_sessions, max_per_user);
}

}  // namespace profiledesk::auth
