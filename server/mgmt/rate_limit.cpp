#include "mgmt/rate_limit.hpp"

#include <algorithm>
#include <string_view>

namespace profiledesk::mgmt {

namespace {

std::optional<std::int64_t> parse_count(std::string_view text) {
    // Optional surrounding whitespace; then 1-18 digits (no sign, no overflow).
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::optional<std::int64_t> header(const boost::beast::http::fields& headers, std::string_view name) {
    const auto it = headers.find(boost::beast::string_view(name.data(), name.size()));
    if (it == headers.end()) return std::nullopt;
    const auto value = it->value();
    return parse_count(std::string_view(value.data(), value.size()));
}

}  // namespace

rate_limit_info parse_rate_limit(const boost::beast::http::fields& headers) {
    rate_limit_info info;
    info.limit = header(headers, "x-ratelimit-limit");
    info.remaining = header(headers, "x-ratelimit-remaining");
    info.reset = header(headers, "x-ratelimit-reset");
    info.retry_after = header(headers, "retry-after");
    return info;
}

std::optional<std::chrono::system_clock::time_point> reset_time(const rate_limit_info& info,
                                                                std::chrono::system_clock::time_point now) {
    if (info.reset) return std::chrono::system_clock::time_point(std::chrono::seconds(*info.reset));
    if (info.retry_after) return now + std::chrono::seconds(*info.retry_after);
    return std::nullopt;
}

rate_limit_decision decide_rate_limit(std::optional<std::chrono::system_clock::time_point> reset,
                                      std::chrono::system_clock::time_point now,
                                      std::chrono::steady_clock::duration time_left, std::chrono::milliseconds jitter) {
    using std::chrono::ceil;
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    const milliseconds until = reset ? std::max(ceil<milliseconds>(*reset - now), milliseconds(0)) : milliseconds(1000);
    rate_limit_decision d;
    const milliseconds delay = until + std::max(jitter, milliseconds(0));
    if (delay < time_left) {
        d.wait = true;
        d.delay = delay;
    } else {
        d.retry_after = std::max(ceil<seconds>(until), seconds(1));
    }
    return d;
}

void rate_gate::observe(const rate_limit_info& info, std::chrono::system_clock::time_point now) {
    const std::lock_guard lock(mutex_);
    if (!info.remaining) return;  // an answer without the headers says nothing about the bucket
    if (*info.remaining > 0) {
        until_.reset();
        return;
    }
    const auto reset = reset_time(info, now);
    if (reset && *reset > now) until_ = reset;
}

std::optional<std::chrono::system_clock::time_point> rate_gate::blocked_until(
    std::chrono::system_clock::time_point now) {
    const std::lock_guard lock(mutex_);
    if (until_ && *until_ <= now) until_.reset();
    return until_;
}

}  // namespace profiledesk::mgmt
