#include "api/pending_emails.hpp"

#include <algorithm>

namespace profiledesk::api {

using found = state::outcome<std::optional<pending_email>>;

memory_pending_emails::memory_pending_emails(std::size_t max_users) : max_users_(std::max<std::size_t>(1, max_users)) {}

void memory_pending_emails::put(const std::string& sub, pending_email change, std::int64_t now,
                                state::callback<state::done> done) {
    {
        const std::lock_guard lock(mutex_);
        if (by_user_.count(sub) == 0 && by_user_.size() >= max_users_) {
            for (auto it = by_user_.begin(); it != by_user_.end();) {
                it = it->second.expires_at <= now ? by_user_.erase(it) : std::next(it);
            }
            if (by_user_.size() >= max_users_) {
                by_user_.erase(std::min_element(by_user_.begin(), by_user_.end(), [](const auto& a, const auto& b) {
                    return a.second.expires_at < b.second.expires_at;
                }));
            }
        }
        by_user_[sub] = std::move(change);
    }
    done(state::outcome<state::done>::of({}));
}

void memory_pending_emails::find(const std::string& sub, std::int64_t now,
                                 state::callback<std::optional<pending_email>> done) {
    std::optional<pending_email> answer;
    {
        const std::lock_guard lock(mutex_);
        const auto it = by_user_.find(sub);
        if (it != by_user_.end()) {
            if (it->second.expires_at > now) {
                answer = it->second;
            } else {
                by_user_.erase(it);
            }
        }
    }
    done(found::of(std::move(answer)));
}

void memory_pending_emails::take(const std::string& sub, const std::string& id, std::int64_t now,
                                 state::callback<std::optional<pending_email>> done) {
    std::optional<pending_email> answer;
    {
        const std::lock_guard lock(mutex_);
        const auto it = by_user_.find(sub);
        if (it != by_user_.end() && it->second.id == id) {
            if (it->second.expires_at > now) answer = std::move(it->second);
            by_user_.erase(it);
        }
    }
    done(found::of(std::move(answer)));
}

void memory_pending_emails::drop(const std::string& sub, state::callback<state::done> done) {
    {
        const std::lock_guard lock(mutex_);
        by_user_.erase(sub);
    }
    done(state::outcome<state::done>::of({}));
}

std::size_t memory_pending_emails::size() const {
    const std::lock_guard lock(mutex_);
    return by_user_.size();
}

}  // namespace profiledesk::api
