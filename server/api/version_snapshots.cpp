#include "api/version_snapshots.hpp"

namespace profiledesk::api {

memory_version_snapshots::memory_version_snapshots(std::size_t per_user, std::size_t users)
    : per_user_(per_user), users_(users) {}

void memory_version_snapshots::remember(const std::string& user_id, const std::string& version,
                                        core::field_values values) {
    if (version.empty()) return;
    const std::lock_guard lock(mutex_);
    auto it = by_user_.find(user_id);
    if (it == by_user_.end()) {
        lru_.push_front(user_id);
        it = by_user_.emplace(user_id, user_versions{{}, lru_.begin()}).first;
        if (by_user_.size() > users_) {
            by_user_.erase(lru_.back());
            lru_.pop_back();
        }
    } else {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
    }
    auto& versions = it->second.versions;
    for (auto v = versions.begin(); v != versions.end(); ++v) {
        if (v->first == version) {
            versions.erase(v);
            break;
        }
    }
    versions.emplace_front(version, std::move(values));
    if (versions.size() > per_user_) versions.pop_back();
}

std::optional<core::field_values> memory_version_snapshots::find(const std::string& user_id,
                                                                 const std::string& version) {
    const std::lock_guard lock(mutex_);
    const auto it = by_user_.find(user_id);
    if (it == by_user_.end()) return std::nullopt;
    for (const auto& [v, values] : it->second.versions) {
        if (v == version) return values;
    }
    return std::nullopt;
}

void memory_version_snapshots::remember(const std::string& user_id, const std::string& version,
                                        core::field_values values, state::callback<state::done> done) {
    remember(user_id, version, std::move(values));
    done(state::outcome<state::done>::of({}));
}

void memory_version_snapshots::find(const std::string& user_id, const std::string& version,
                                    state::callback<std::optional<core::field_values>> done) {
    done(state::outcome<std::optional<core::field_values>>::of(find(user_id, version)));
}

}  // namespace profiledesk::api
