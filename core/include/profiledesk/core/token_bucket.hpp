// A token bucket: it holds at most `burst` tokens and refills continuously at
// `per_second`; a request takes one whole token, or is refused while there is
// none. The arithmetic behind every request budget in the product: the
// servers' per-client budgets (server/http/per_client_budget.hpp) and
// localtenant's Management API bucket (server/localtenant/management_bucket.hpp).
//
// Pure: the caller passes the time, in seconds on any clock that does not go
// back (a steady clock's count, or UNIX time), so tests drive the clock. Not
// thread-safe: a caller that shares a bucket between threads holds its own lock.
#pragma once

#include <optional>

namespace profiledesk::core {

class token_bucket {
public:
    // Starts full. Throws std::invalid_argument unless burst >= 1 (a bucket
    // that can never hold a whole token refuses everything) and per_second > 0.
    token_bucket(double burst, double per_second);

    // Adds the tokens that accrued since the previous call (none when `now`
    // is not later: the time only moves forward; none at the first call, which
    // finds the bucket full), then takes one if a whole one is there.
    bool take(double now);

    // What is in the bucket now (a fraction while it refills).
    double tokens() const { return tokens_; }
    // Seconds from the last take() until the next whole token is in the
    // bucket: 0 when the bucket is full. After a refusal, the wait before a
    // request can be allowed.
    double seconds_to_next_token() const;

    double burst() const { return burst_; }
    double per_second() const { return per_second_; }

private:
    double burst_;
    double per_second_;
    double tokens_;
    std::optional<double> updated_;  // time of the last refill; none before the first take()
};

}  // namespace profiledesk::core
