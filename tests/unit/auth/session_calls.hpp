// The session store's operations as plain calls that wait for the answer and
// require the store to be reachable: tests read like the synchronous code
// they check.
#pragma once

#include "auth/session_store.hpp"
#include "support/await_outcome.hpp"

namespace profiledesk::testing {

inline auth::session create(auth::session_store& store, auth::session_user user, std::int64_t auth_time,
                            auth::session_store::time_point now) {
    return await_value<auth::session>([&](auto done) { store.create(std::move(user), auth_time, now, done); });
}

inline auth::session create(auth::session_store& store, auth::session_user user, std::int64_t auth_time,
                            auth::sign_in_origin origin, auth::session_store::time_point now) {
    return await_value<auth::session>(
        [&](auto done) { store.create(std::move(user), auth_time, std::move(origin), now, done); });
}

inline std::optional<auth::session> find(auth::session_store& store, const std::string& id,
                                         auth::session_store::time_point now) {
    return await_value<std::optional<auth::session>>([&](auto done) { store.find(id, now, done); });
}

inline void update_user(auth::session_store& store, const std::string& id, const auth::session_user& user) {
    await_value<state::done>([&](auto done) { store.update_user(id, user, done); });
}

inline void erase(auth::session_store& store, const std::string& id) {
    await_value<state::done>([&](auto done) { store.erase(id, done); });
}

inline std::size_t erase_user(auth::session_store& store, const std::string& sub) {
    return await_value<std::size_t>([&](auto done) { store.erase_user(sub, done); });
}

inline std::vector<auth::session_listing> list_user(auth::session_store& store, const std::string& sub,
                                                    auth::session_store::time_point now) {
    return await_value<std::vector<auth::session_listing>>([&](auto done) { store.list_user(sub, now, done); });
}

inline bool erase_handle(auth::session_store& store, const std::string& sub, const std::string& handle,
                         auth::session_store::time_point now) {
    return await_value<bool>([&](auto done) { store.erase_handle(sub, handle, now, done); });
}

}  // namespace profiledesk::testing
