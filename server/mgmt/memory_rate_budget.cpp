#include "mgmt/memory_rate_budget.hpp"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <cmath>

namespace profiledesk::mgmt {

using std::chrono::milliseconds;

budget_bucket::budget_bucket(double per_second, double burst)
    : per_second_(per_second), burst_(burst), tokens_(burst) {}

void budget_bucket::refill(std::chrono::steady_clock::time_point now) {
    if (updated_ && now > *updated_) {
        const double seconds = std::chrono::duration<double>(now - *updated_).count();
        tokens_ = std::min(burst_, tokens_ + seconds * per_second_);
    }
    if (!updated_ || now > *updated_) updated_ = now;
}

milliseconds budget_bucket::take(std::chrono::steady_clock::time_point now,
                                 std::chrono::system_clock::time_point sys_now) {
    if (hold_until_ > sys_now) return std::chrono::ceil<milliseconds>(hold_until_ - sys_now);
    refill(now);
    if (tokens_ >= 1) {
        tokens_ -= 1;
        return milliseconds(0);
    }
    return milliseconds(static_cast<std::int64_t>(std::ceil((1 - tokens_) * 1000 / per_second_)));
}

void budget_bucket::observe(std::int64_t remaining, std::chrono::system_clock::time_point reset,
                            std::chrono::steady_clock::time_point now, std::chrono::system_clock::time_point sys_now) {
    refill(now);
    tokens_ = std::min(tokens_, static_cast<double>(std::max<std::int64_t>(remaining, 0)));
    if (remaining <= 0 && reset > sys_now) hold_until_ = std::max(hold_until_, reset);
}

memory_rate_budget::memory_rate_budget(boost::asio::io_context& ioc, double per_second, double burst)
    : ioc_(ioc), bucket_(per_second, burst) {}

void memory_rate_budget::take(clock::time_point, state::callback<milliseconds> done) {
    milliseconds wait;
    {
        const std::lock_guard lock(mutex_);
        wait = bucket_.take(clock::now(), std::chrono::system_clock::now());
    }
    boost::asio::post(ioc_, [done = std::move(done), wait] { done(state::outcome<milliseconds>::of(wait)); });
}

void memory_rate_budget::observe(std::int64_t remaining, std::chrono::system_clock::time_point reset) {
    const std::lock_guard lock(mutex_);
    bucket_.observe(remaining, reset, clock::now(), std::chrono::system_clock::now());
}

}  // namespace profiledesk::mgmt
