// Per-client request budgets for the public endpoints that cost us work: a
// sign-in (/login, /callback: a token-endpoint call, a replay-guard entry)
// or cutting glyphs (/fonts/glyphs). A token bucket (core/token_bucket.hpp)
// per client (client_key.hpp); bounded memory (the least recently seen clients go first). Thread-safe.
// The key need not be an address: PATCH /api/profile budgets each user by
// their `sub` (client_key passes text that is no IP address through as is).
// This is the memory implementation of client_budget.hpp, for one instance;
// redis_client_budget.hpp is the one shared by every instance of a cluster.
#pragma once

#include "client_budget.hpp"
#include "types.hpp"

#include "profiledesk/core/token_bucket.hpp"

#include <chrono>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace profiledesk::http {

class per_client_budget : public client_budget {
public:
    using clock = std::chrono::steady_clock;
    struct limits {
        double burst = 30;        // requests a client may make at once
        double per_second = 0.5;  // then this many (30 a minute)
        std::size_t max_clients = 10000;
    };
    explicit per_client_budget(limits l);

    // Takes one request from the budget of the client at `address` (an IPv6
    // client's /64 shares one: client_key.hpp); false when it is spent, with
    // the seconds until the next request is allowed in `retry_after`.
    bool take(std::string_view address, clock::time_point now, double& retry_after);
    // client_budget: the same, now, answered inside the call (always available).
    void take(const std::string& client, state::callback<budget_verdict> done) override;

private:
    struct bucket {
        core::token_bucket budget;
        std::list<std::string>::iterator age;  // place in recent_
    };
    limits limits_;
    std::mutex mutex_;
    std::unordered_map<std::string, bucket> buckets_;
    std::list<std::string> recent_;  // most recently seen first
};

// The address a request comes from: the connection's peer, or, behind
// `trusted_proxies` reverse proxies, the address the outermost of them saw
// (that many entries from the right of X-Forwarded-For; the peer when the
// header has fewer, since then it was not set by our proxies).
std::string client_address(const request& req, unsigned trusted_proxies);

// `h`, with requests over their client's budget answered by `refused`
// (given the seconds to wait) instead, and by `unavailable` (given the
// request's HTTP version) when the budget's store cannot be asked: a request
// whose budget is unknown is refused, never let through unbudgeted. `h` may
// then run on another thread (the store's), after the call returned.
handler throttled(handler h, std::shared_ptr<client_budget> budget, unsigned trusted_proxies,
                  std::function<response(unsigned retry_after_seconds)> refused,
                  std::function<response(unsigned http_version)> unavailable);

}  // namespace profiledesk::http
