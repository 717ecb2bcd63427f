// The Management API's machine-to-machine token (client credentials).
//
//   POST {issuer}/oauth/token, form body: grant_type=client_credentials,
//   client_id, client_secret (client_secret_post), audience
//
// The token is cached until a margin before `expires_in` runs out
// (token_expiry.hpp). Any number of concurrent callers share ONE upstream
// request (single flight): the first starts it, the others queue; each caller
// still stops at its own deadline (then it gets `timeout`, and the request
// goes on for the others and for the cache). invalidate(token) after a 401
// drops that token, and only that one, so many concurrent 401s for the same
// stale token cause one refresh. The token request is retried like a read
// (5xx, network errors, malformed answers; asking for a token twice is
// harmless: Management API tokens do not count toward the M2M quota).
//
// Errors (token_result::error): unauthorized (401/403: the client id or
// secret is wrong, or no grant), bad_request (other 4xx), rate_limited (429
// whose reset does not fit), upstream_unavailable (5xx), timeout, network,
// bad_response (no access_token, no expires_in, a token_type other than Bearer).
// Neither the token nor the secret is ever logged.
//
// With a shared_token_cache (Redis), the instances of a cluster share one
// token: this instance's single flight first asks the store; when it holds
// no token, one instance takes the fetch lock and fetches, the others poll
// the store (short jittered waits, within the fetch's deadline) until the
// token is there or the lock expires and one of them takes it over.
// invalidate() also deletes the shared token if it is still the refused one.
// The store unreachable: store_unavailable (nothing is fetched then: a
// fetch the others cannot see would be a second client-credentials grant).
#pragma once

#include "mgmt/counters.hpp"
#include "mgmt/deadline_waiters.hpp"
#include "mgmt/mgmt_error.hpp"
#include "mgmt/random_source.hpp"
#include "mgmt/settings.hpp"
#include "mgmt/shared_token_cache.hpp"
#include "upstream/http_client.hpp"

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace profiledesk::mgmt {

class token_provider : public std::enable_shared_from_this<token_provider> {
public:
    using callback = std::function<void(token_result)>;
    using clock = std::chrono::steady_clock;

    // `http` sends the token requests; `stats` may be shared with users_client;
    // `shared` (may be null: this process alone) shares the token with other instances.
    static std::shared_ptr<token_provider> create(boost::asio::io_context& ioc,
                                                  std::shared_ptr<upstream::http_client> http, mgmt_settings settings,
                                                  std::shared_ptr<counters> stats = nullptr,
                                                  std::shared_ptr<shared_token_cache> shared = nullptr);

    // A usable token: `done` runs once, on an I/O thread (never inside this
    // call), by `deadline` at the latest. `request`: the id the log lines of
    // a fetch this call starts carry.
    void get_token(clock::time_point deadline, const log::request_id& request, callback done);
    void get_token(clock::time_point deadline, callback done) { get_token(deadline, {}, std::move(done)); }

    // The API refused the token `used` (401): stop using it. A newer cached
    // token is kept, so many concurrent 401s for one token cause one refresh;
    // the next get_token fetches when none is left. Tokens are told apart by
    // their fetch, not their text: a tenant may well hand out the very same
    // JWT twice within one second (same claims, deterministic RS256).
    void invalidate(const token_result& used);
    // The same, by the token's text alone (for callers that kept only that).
    void invalidate(const std::string& token);

    // Whether a fresh token is cached now (readiness checks).
    bool has_fresh_token();
    // The error of the last fetch when it failed; none after a success or
    // before any fetch (readiness checks).
    mgmt_error last_fetch_error();

    counters_snapshot stats() const { return stats_->snapshot(); }

    // Internal (make_shared needs it public).
    struct fetch;
    token_provider(boost::asio::io_context& ioc, std::shared_ptr<upstream::http_client> http, mgmt_settings settings,
                   std::shared_ptr<counters> stats, std::shared_ptr<shared_token_cache> shared);

private:
    void start(std::shared_ptr<fetch> f);
    void acquire_shared(std::shared_ptr<fetch> f);
    void attempt(std::shared_ptr<fetch> f);
    void on_answer(std::shared_ptr<fetch> f, boost::system::error_code ec, upstream::client_response res);
    void retry_or_finish(std::shared_ptr<fetch> f, token_result failure, bool transient);
    void finish(std::shared_ptr<fetch> f, token_result result, std::chrono::seconds expires_in = {});
    // Completes the fetch with a token usable until `refresh_at`.
    // `stored_by`: with a shared cache, which fetch stored the token there.
    void finish_with(std::shared_ptr<fetch> f, token_result result, clock::time_point refresh_at,
                     std::string stored_by = {});
    void drop_shared(const std::string& stored_by);
    void log(log::level l, const log::request_id& request, log::message m, log::fields f = {}) const;

    boost::asio::io_context& ioc_;
    std::shared_ptr<upstream::http_client> http_;
    const mgmt_settings settings_;
    std::shared_ptr<counters> stats_;
    std::shared_ptr<shared_token_cache> shared_;  // null: this process alone
    random_source random_;

    std::mutex mutex_;
    std::string token_;             // empty: none
    std::uint64_t generation_ = 0;  // of token_; counts fetched tokens
    std::string stored_by_;         // of token_, with a shared cache (shared_token_cache::drop)
    clock::time_point refresh_at_{};
    mgmt_error last_fetch_error_ = mgmt_error::none;
    std::shared_ptr<deadline_waiters<token_result>> waiting_;  // set while a fetch is in flight
};

}  // namespace profiledesk::mgmt
