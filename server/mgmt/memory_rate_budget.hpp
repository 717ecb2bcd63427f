// The Management API budget of one process (rate_budget.hpp): the bucket in
// memory, behind a mutex. Thread-safe.
#pragma once

#include "mgmt/rate_budget.hpp"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <mutex>
#include <optional>

namespace profiledesk::mgmt {

// The bucket's arithmetic (pure: times are passed in). Milliseconds on the
// steady clock for the refill; the tenant's resets are UNIX times.
class budget_bucket {
public:
    // per_second > 0, burst >= 1 (mgmt_settings::validate checks them).
    budget_bucket(double per_second, double burst);

    // 0 when a token was taken; else the wait until one is there (nothing taken).
    std::chrono::milliseconds take(std::chrono::steady_clock::time_point now,
                                   std::chrono::system_clock::time_point sys_now);
    void observe(std::int64_t remaining, std::chrono::system_clock::time_point reset,
                 std::chrono::steady_clock::time_point now, std::chrono::system_clock::time_point sys_now);

private:
    void refill(std::chrono::steady_clock::time_point now);

    double per_second_, burst_, tokens_;
    std::optional<std::chrono::steady_clock::time_point> updated_;
    std::chrono::system_clock::time_point hold_until_{};  // the tenant said 0 left until then
};

class memory_rate_budget : public rate_budget {
public:
    memory_rate_budget(boost::asio::io_context& ioc, double per_second, double burst);

    void take(clock::time_point deadline, state::callback<std::chrono::milliseconds> done) override;
    void observe(std::int64_t remaining, std::chrono::system_clock::time_point reset) override;

private:
    boost::asio::io_context& ioc_;
    std::mutex mutex_;
    budget_bucket bucket_;
};

}  // namespace profiledesk::mgmt
