#include "auth/sign_out_marks.hpp"

namespace profiledesk::auth {

sign_out_marks::sign_out_marks(std::chrono::seconds remember_for, std::size_t capacity)
    : remember_for_(remember_for.count()), capacity_(capacity) {}

void sign_out_marks::mark(std::string_view sub, std::int64_t unix_time) {
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
    while (!by_time_.empty() && (marks_.size() >= capacity_ || by_time_.begin()->first + remember_for_ <= unix_time)) {
        marks_.erase(by_time_.begin()->second);
        by_time_.erase(by_time_.begin());
    }
    marks_.emplace(std::string(sub), unix_time);
    by_time_.emplace(unix_time, std::string(sub));
}

bool sign_out_marks::predates_mark(std::string_view sub, std::int64_t auth_time, std::int64_t now) {
    const std::lock_guard lock(mutex_);
    const auto it = marks_.find(sub);
    if (it == marks_.end() || it->second + remember_for_ <= now) return false;
    // auth_time has whole seconds: one in the mark's own second counts as
    // after it, so credentials given again right away are never refused
    // (a provider sign-in racing the click within that second is let be).
    return auth_time < it->second;
}

sign_out_marks::verdict sign_out_marks::check(std::string_view sub, std::optional<std::int64_t> auth_time, bool asked,
                                              std::int64_t now) {
    // Without auth_time only the absence of a (live) mark lets a sign-in through.
    if (!predates_mark(sub, auth_time.value_or(0), now)) return verdict::accept;
    return asked ? verdict::refuse : verdict::ask_for_credentials;
}

}  // namespace profiledesk::auth
