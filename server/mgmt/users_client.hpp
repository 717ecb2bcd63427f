// The Management API v2 users endpoints Profile Desk needs:
//
//   get_user    GET   {issuer}/api/v2/users/{percent-encoded id}
//   patch_user  PATCH {issuer}/api/v2/users/{percent-encoded id}
//   delete_user DELETE {issuer}/api/v2/users/{percent-encoded id} (scope delete:users)
//
// with the M2M token of token_provider as `Authorization: Bearer`. Async:
// `done` runs exactly once, on an I/O thread (never inside the call), by the
// deadline at the latest; nothing throws once a call has started.
// Thread-safe: call from any thread.
//
// What happens on the way (mgmt_settings has the numbers):
// - 401: the token is invalidated, a new one fetched, the call sent again
//   ONCE; a second 401 is `unauthorized`.
// - 429: wait for x-ratelimit-reset + jitter when that fits the deadline, then
//   try again (at most max_rate_limit_waits times); otherwise `rate_limited`
//   with retry_after at once. After an answer saying the bucket is empty, the
//   next calls hold until the reset instead of spending a request on a 429.
// - 5xx, network errors, attempt timeouts, malformed JSON on a 2xx: reads are
//   retried (max_read_attempts, jittered exponential backoff, always within
//   the deadline). A PATCH is retried only when it cannot have been sent
//   (connection refused, host not resolved); otherwise it might have been
//   applied, and the error goes to the caller (failure_class.hpp).
// - Circuit breaker: after breaker_threshold consecutive upstream failures,
//   calls fail fast with `circuit_open` for breaker_cooldown, then one probe.
// - Reads: concurrent get_user calls for the same id share ONE upstream call
//   (the first caller's deadline bounds it; each caller still gets its answer
//   by its own deadline), and answers are cached for cache_ttl. patch_user
//   invalidates the user's entry (before and after), a successful PATCH's
//   answer (the whole new record) replaces it, and a read that was in flight
//   during a write never fills the cache with what it saw. With a shared
//   record_cache (Redis) the same holds across instances (record_cache.hpp).
// - Budget: each request first takes from rate_budget.hpp's bucket (the
//   cluster's, with Redis), waiting for it within the deadline.
// - Shared state unreachable (Redis down or slow past the deadline):
//   store_unavailable; a PATCH is then not sent.
#pragma once

#include "mgmt/circuit_breaker.hpp"
#include "mgmt/counters.hpp"
#include "mgmt/deadline_waiters.hpp"
#include "mgmt/mgmt_error.hpp"
#include "mgmt/random_source.hpp"
#include "mgmt/rate_limit.hpp"
#include "mgmt/settings.hpp"
#include "mgmt/shared_state.hpp"
#include "mgmt/token_provider.hpp"
#include "mgmt/user_cache.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace profiledesk::mgmt {

class users_client : public std::enable_shared_from_this<users_client> {
public:
    using callback = std::function<void(mgmt_result)>;
    using clock = std::chrono::steady_clock;

    // `tls` verifies the tenant's certificate (upstream::make_tls_client_context;
    // null: the system trust store). Throws std::invalid_argument listing every
    // problem when the settings do not validate().
    // `shared`: what it shares with the other instances (shared_state.hpp;
    // empty: this process alone).
    static std::shared_ptr<users_client> create(boost::asio::io_context& ioc,
                                                std::shared_ptr<boost::asio::ssl::context> tls, mgmt_settings settings,
                                                shared_state shared = {});

    // The user record, from the cache, a read already in flight, or upstream.
    // `request`: the id the call's log lines carry (http/request_id.hpp).
    void get_user(const std::string& user_id, clock::time_point deadline, const log::request_id& request,
                  callback done);
    void get_user(const std::string& user_id, clock::time_point deadline, callback done) {
        get_user(user_id, deadline, {}, std::move(done));
    }

    // Sends `changes` (a JSON object: what Auth0 should change, as is) and
    // answers the whole new record. A non-object body is bad_request, unsent.
    void patch_user(const std::string& user_id, const nlohmann::json& changes, clock::time_point deadline,
                    const log::request_id& request, callback done);
    void patch_user(const std::string& user_id, const nlohmann::json& changes, clock::time_point deadline,
                    callback done) {
        patch_user(user_id, changes, deadline, {}, std::move(done));
    }

    // Deletes the user (Auth0: 204 with no body, also for a user already gone;
    // the answer's body is then null). DELETE is idempotent, so it is retried
    // as a read is. The cached record is forgotten before and after.
    void delete_user(const std::string& user_id, clock::time_point deadline, const log::request_id& request,
                     callback done);

    // Forgets the cached record of `user_id` (and lets no read in flight cache its answer).
    void invalidate(const std::string& user_id);

    token_provider& tokens() { return *tokens_; }
    counters_snapshot stats() const { return stats_->snapshot(); }
    breaker_state breaker() const { return breaker_.state(); }

    // Internal (make_shared needs them public).
    struct operation;
    struct read_flight;
    users_client(boost::asio::io_context& ioc, std::shared_ptr<boost::asio::ssl::context> tls, mgmt_settings settings,
                 shared_state shared);

private:
    friend struct operation;
    // A read from upstream, joined with one in flight begun at the same `generation` (record_cache.hpp).
    void read(const std::string& user_id, clock::time_point deadline, const log::request_id& request, callback done,
              std::string generation);
    void finish_read(const std::string& user_id, const std::shared_ptr<read_flight>& flight, const mgmt_result& r);
    void finish_write(const std::string& user_id, mgmt_result r, clock::time_point deadline,
                      const log::request_id& request, const callback& done);
    void invalidate_here(const std::string& user_id);
    void forget_in_flight_read(const std::string& user_id);  // with mutex_ held
    void answer_now(callback done, mgmt_result r);
    void log(log::level l, const log::request_id& request, log::message m, log::fields f = {}) const;

    boost::asio::io_context& ioc_;
    const mgmt_settings settings_;
    std::shared_ptr<counters> stats_;
    std::shared_ptr<upstream::http_client> reads_;   // keep-alive pool: GETs and the token
    std::shared_ptr<upstream::http_client> writes_;  // PATCH (no pooling with fresh_connection_for_writes)
    std::shared_ptr<token_provider> tokens_;
    std::shared_ptr<rate_budget> budget_;    // null: no budget of our own (rate_limit_per_second 0)
    std::shared_ptr<record_cache> records_;  // null: the in-process cache_ below
    circuit_breaker breaker_;
    rate_gate gate_;
    random_source random_;

    std::mutex mutex_;  // guards cache_ and in_flight_
    user_cache cache_;
    std::map<std::string, std::shared_ptr<read_flight>> in_flight_;
};

}  // namespace profiledesk::mgmt
