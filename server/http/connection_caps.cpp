#include "connection_caps.hpp"

#include <algorithm>

namespace profiledesk::http {

std::size_t default_max_connections(std::uint64_t open_file_limit) {
    const std::uint64_t reserve = std::min<std::uint64_t>(open_file_limit / 2, 128);
    return static_cast<std::size_t>(std::clamp<std::uint64_t>(open_file_limit - reserve, 1, 10000));
}

connection_caps::connection_caps(limits l)
    : limits_{std::max<std::size_t>(1, l.max_connections), std::max<std::size_t>(1, l.max_per_client)} {}

connection_caps::admission connection_caps::admit(const std::string& client, std::weak_ptr<connection_base> conn) {
    const std::lock_guard lock(mutex_);
    admission result;
    const auto make_room = [&](std::map<std::uint64_t, id>& idle) {
        if (idle.empty()) return false;
        if (auto c = take_for_closing(idle.begin()->second)) result.to_close.push_back(std::move(c));
        return true;
    };
    const auto own = clients_.find(client);
    if (own != clients_.end() && own->second.open >= limits_.max_per_client && !make_room(own->second.idle)) {
        return result;  // the client's own connections are all busy
    }
    if (entries_.size() >= limits_.max_connections && !make_room(idle_)) return result;

    const id new_id = next_id_++;
    const auto order = next_idle_++;
    entries_.emplace(new_id, entry{client, std::move(conn), order});
    auto& state = clients_[client];
    ++state.open;
    state.idle.emplace(order, new_id);
    idle_.emplace(order, new_id);
    result.admitted = new_id;
    return result;
}

void connection_caps::idle(id conn) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(conn);
    if (it == entries_.end() || it->second.idle_since != 0) return;
    it->second.idle_since = next_idle_++;
    clients_[it->second.client].idle.emplace(it->second.idle_since, conn);
    idle_.emplace(it->second.idle_since, conn);
}

bool connection_caps::busy(id conn) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(conn);
    if (it == entries_.end()) return false;
    if (it->second.idle_since != 0) {
        clients_[it->second.client].idle.erase(it->second.idle_since);
        idle_.erase(it->second.idle_since);
        it->second.idle_since = 0;
    }
    return true;
}

void connection_caps::closed(id conn) {
    const std::lock_guard lock(mutex_);
    const auto it = entries_.find(conn);
    if (it != entries_.end()) forget(it);
}

std::size_t connection_caps::open() const {
    const std::lock_guard lock(mutex_);
    return entries_.size();
}

std::size_t connection_caps::open(const std::string& client) const {
    const std::lock_guard lock(mutex_);
    const auto it = clients_.find(client);
    return it == clients_.end() ? 0 : it->second.open;
}

std::vector<std::shared_ptr<connection_base>> connection_caps::connections() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<connection_base>> out;
    for (const auto& [conn_id, e] : entries_) {
        if (auto c = e.conn.lock()) out.push_back(std::move(c));
    }
    return out;
}

std::shared_ptr<connection_base> connection_caps::take_for_closing(id conn) {
    const auto it = entries_.find(conn);
    if (it == entries_.end()) return nullptr;
    // Returned, never released here: its destructor calls closed(), which takes the lock.
    auto c = it->second.conn.lock();
    forget(it);
    return c;
}

void connection_caps::forget(std::unordered_map<id, entry>::iterator it) {
    const auto state = clients_.find(it->second.client);
    if (state != clients_.end()) {
        if (it->second.idle_since != 0) state->second.idle.erase(it->second.idle_since);
        if (--state->second.open == 0) clients_.erase(state);
    }
    if (it->second.idle_since != 0) idle_.erase(it->second.idle_since);
    entries_.erase(it);
}

}  // namespace profiledesk::http
