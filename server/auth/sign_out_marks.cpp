#include "auth/sign_out_marks.hpp"

#include <utility>

namespace profiledesk::auth {

sign_out_verdict judge_sign_in(std::optional<std::int64_t> marked_at, std::optional<std::int64_t> auth_time, bool asked,
                               std::int64_t now, std::chrono::seconds remember_for) {
    const bool live_mark = marked_at && *marked_at + remember_for.count() > now;
    // Without auth_time only the absence of a (live) mark lets a sign-in through.
    const bool predates = live_mark && auth_time.value_or(0) < *marked_at;
    if (!predates) return sign_out_verdict::accept;
    return asked ? sign_out_verdict::refuse : sign_out_verdict::ask_for_credentials;
}

memory_sign_out_marks::memory_sign_out_marks(std::chrono::seconds remember_for, std::size_t capacity)
    : remember_for_(remember_for), capacity_(capacity) {}

void memory_sign_out_marks::mark(std::string sub, std::int64_t unix_time, state::callback<state::done> done) {
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = marks_.find(sub); it != marks_.end()) {
            for (auto [b, e] = by_time_.equal_range(it->second); b != e; ++b) {
                if (b->second == sub) {
                    by_time_.erase(b);
                    break;
                }
            }
            marks_.erase(it);
        }
        while (!by_time_.empty() &&
               (marks_.size() >= capacity_ || by_time_.begin()->first + remember_for_.count() <= unix_time)) {
            marks_.erase(by_time_.begin()->second);
            by_time_.erase(by_time_.begin());
        }
        marks_.emplace(sub, unix_time);
        by_time_.emplace(unix_time, std::move(sub));
    }
    done(state::outcome<state::done>::of({}));
}

std::optional<std::int64_t> memory_sign_out_marks::marked_at(std::string_view sub) {
    const std::lock_guard lock(mutex_);
    const auto it = marks_.find(sub);
    if (it == marks_.end()) return std::nullopt;
    return it->second;
}

void memory_sign_out_marks::check(std::string sub, std::optional<std::int64_t> auth_time, bool asked, std::int64_t now,
                                  state::callback<verdict> done) {
    const auto verdict = judge_sign_in(marked_at(sub), auth_time, asked, now, remember_for_);
    done(state::outcome<sign_out_verdict>::of(verdict));
}

}  // namespace profiledesk::auth
