#include "mgmt/user_cache.hpp"

namespace profiledesk::mgmt {

namespace {

std::string updated_at(const nlohmann::json& user) {
    if (!user.is_object()) return {};
    const auto it = user.find("updated_at");
    return it != user.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

user_cache::user_cache(std::chrono::milliseconds ttl, std::size_t max_entries) : ttl_(ttl), max_entries_(max_entries) {}

std::optional<nlohmann::json> user_cache::get(const std::string& user_id, clock::time_point now) {
    const auto it = entries_.find(user_id);
    if (it == entries_.end()) return std::nullopt;
    if (!fresh(it->second, now)) {
        entries_.erase(it);
        return std::nullopt;
    }
    return it->second.user;
}

void user_cache::put(const std::string& user_id, nlohmann::json user, clock::time_point now) {
    if (!enabled()) return;
    const auto it = entries_.find(user_id);
    if (it != entries_.end()) {
        it->second = {std::move(user), now};
        return;
    }
    if (!make_room(now)) return;
    entries_.emplace(user_id, entry{std::move(user), now});
}

void user_cache::put_unless_older(const std::string& user_id, nlohmann::json user, clock::time_point now) {
    if (!enabled()) return;
    const auto it = entries_.find(user_id);
    if (it != entries_.end() && fresh(it->second, now)) {
        const auto cached = updated_at(it->second.user);
        const auto incoming = updated_at(user);
        if (!cached.empty() && !incoming.empty() && incoming < cached) return;
    }
    put(user_id, std::move(user), now);
}

void user_cache::erase(const std::string& user_id) { entries_.erase(user_id); }

bool user_cache::make_room(clock::time_point now) {
    if (entries_.size() < max_entries_) return true;
    for (auto it = entries_.begin(); it != entries_.end();) {
        it = fresh(it->second, now) ? std::next(it) : entries_.erase(it);
    }
    return entries_.size() < max_entries_;
}

}  // namespace profiledesk::mgmt
