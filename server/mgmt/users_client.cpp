#include "mgmt/users_client.hpp"

#include "mgmt/backoff.hpp"
#include "mgmt/failure_class.hpp"
#include "mgmt/memory_rate_budget.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace profiledesk::mgmt {

namespace net = boost::asio;
using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {

mgmt_result make_error(mgmt_error error, std::string message, unsigned status = 0) {
    mgmt_result r;
    r.error = error;
    r.status = status;
    r.message = std::move(message);
    return r;
}

std::string auth0_message(const json& body) {
    if (!body.is_object()) return {};
    const auto it = body.find("message");
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Upstream failures for the breaker: the upstream is down or broken, as
// opposed to answering (any 4xx, including 401 and 429, proves it is up).
bool upstream_failure(mgmt_error e) {
    return e == mgmt_error::upstream_unavailable || e == mgmt_error::network || e == mgmt_error::timeout ||
           e == mgmt_error::bad_response;
}

}  // namespace

// Coalesced readers of one user id.
struct users_client::read_flight {
    std::shared_ptr<deadline_waiters<mgmt_result>> waiters;
    clock::time_point deadline;  // the first caller's: the shared call ends by then
    bool stale = false;          // a write or invalidate() happened meanwhile: do not cache the answer
    std::string generation;      // with a shared cache: the user's write generation when the read began
};

// One call (GET or PATCH) from the first attempt to its answer. Steps run one
// at a time (each is the completion of the previous one), so the fields need
// no lock; shared state lives in users_client behind its own locks.
struct users_client::operation : std::enable_shared_from_this<operation> {
    std::shared_ptr<users_client> client;
    upstream::beast_http::verb method = upstream::beast_http::verb::get;
    std::string user_id;
    std::string body;  // PATCH
    clock::time_point deadline;
    callback done;
    log::request_id request;  // of the caller (a shared read: of the first), for the log lines

    token_result token;
    int failed_attempts = 0;  // transient failures (5xx, network, malformed) so far
    int rate_waits = 0;
    bool auth_retried = false;
    int upstream_calls = 0;
    std::optional<mgmt_result> last_failure;

    bool is_read() const { return method == upstream::beast_http::verb::get; }
    bool is_delete() const { return method == upstream::beast_http::verb::delete_; }
    // Sending it twice does what sending it once does: retried like a read.
    bool idempotent() const { return is_read() || is_delete(); }
    const mgmt_settings& settings() const { return client->settings_; }

    void step() {
        const auto now = clock::now();
        if (now >= deadline) return finish(make_error(mgmt_error::timeout, "the deadline passed"));
        // Hold while the bucket is known to be empty, rather than spend a request on a 429.
        if (settings().hold_when_bucket_empty) {
            const auto sys_now = std::chrono::system_clock::now();
            if (const auto until = client->gate_.blocked_until(sys_now)) return rate_limit(until, sys_now, now);
        }
        // An open breaker fails fast, without spending the budget.
        if (client->breaker_.time_until_probe(now) > clock::duration(0)) return circuit_open(now);
        if (!client->budget_) return after_budget();
        client->budget_->take(
            deadline, [self = shared_from_this()](state::outcome<milliseconds> wait) { self->on_budget(wait); });
    }

    // Our own budget (rate_budget.hpp) answered: go on, wait for it within the
    // deadline, or give up as a 429 that does not fit would.
    void on_budget(state::outcome<milliseconds> wait) {
        if (!wait.available()) {
            return finish(make_error(mgmt_error::store_unavailable, "the shared rate budget is unreachable"));
        }
        if (wait.value->count() == 0) return after_budget();
        // Up to a quarter more, so that callers waiting for the same token do not all ask in the same millisecond.
        const auto delay = *wait.value + milliseconds(std::llround(client->random_.unit() *
                                                                   static_cast<double>(wait.value->count()) / 4));
        if (clock::now() + delay < deadline) {
            ++client->stats_->rate_limit_waits;
            return after(delay);
        }
        ++client->stats_->rate_limited;
        auto r = make_error(mgmt_error::rate_limited, "Management API rate budget spent");
        r.retry_after = std::max(std::chrono::ceil<seconds>(*wait.value), seconds(1));
        client->log(log::level::warn, request, "mgmt: rate budget spent, answering retry_after",
                    {{"retry_after_s", r.retry_after.count()}});
        finish(std::move(r));
    }

    void after_budget() {
        const auto now = clock::now();
        if (!client->breaker_.allow(now)) return circuit_open(now);
        client->tokens_->get_token(deadline, request,
                                   [self = shared_from_this()](token_result t) { self->on_token(std::move(t)); });
    }

    void circuit_open(clock::time_point now) {
        if (last_failure) return finish(*last_failure);
        ++client->stats_->breaker_rejections;
        auto r = make_error(mgmt_error::circuit_open, "the Management API is failing: not called for now");
        r.retry_after = std::max(std::chrono::ceil<seconds>(client->breaker_.time_until_probe(now)), seconds(1));
        finish(std::move(r));
    }

    void on_token(token_result t) {
        if (!t.ok()) {
            // The breaker let this call through: it hears how it went.
            record_breaker(upstream_failure(t.error));
            auto r = make_error(t.error, std::move(t.message));
            r.retry_after = t.retry_after;
            return finish(std::move(r));
        }
        token = std::move(t);
        send();
    }

    void send() {
        upstream::client_request req;
        req.method = method;
        req.url = user_url(settings(), user_id);
        req.endpoint = is_read() ? "get_user" : is_delete() ? "delete_user" : "patch_user";
        req.headers.emplace_back("Authorization", "Bearer " + token.access_token);
        if (!is_read() && !is_delete()) {
            req.body = body;
            req.content_type = "application/json";
        }
        ++upstream_calls;
        ++client->stats_->upstream_calls;
        // Set the timeout: one attempt at most attempt_timeout, within the call's deadline.
        const auto attempt_deadline = std::min(deadline, clock::now() + settings().attempt_timeout);
        auto& http = is_read() ? client->reads_ : client->writes_;
        http->send(std::move(req), attempt_deadline,
                   [self = shared_from_this()](boost::system::error_code ec, upstream::client_response res) {
                       self->on_answer(ec, std::move(res));
                   });
    }

    void on_answer(boost::system::error_code ec, upstream::client_response res) {
        if (ec) {
            record_breaker(true);
            const auto fc = classify_failure(ec);
            // A write is sent again only when it cannot have reached the server.
            return retry_or_finish(make_error(fc.error, ec.message()), fc.transient && (idempotent() || fc.not_sent));
        }
        const auto limits = parse_rate_limit(res.headers);
        client->gate_.observe(limits, std::chrono::system_clock::now());
        if (client->budget_ && limits.remaining && limits.reset) {
            client->budget_->observe(*limits.remaining,
                                     std::chrono::system_clock::time_point(std::chrono::seconds(*limits.reset)));
        }
        auto parsed = json::parse(res.body, nullptr, false);
        const unsigned status = res.status;
        if (status >= 200 && status < 300) {
            if (is_delete()) {  // 204, no body
                record_breaker(false);
                mgmt_result r;
                r.status = status;
                return finish(std::move(r));
            }
            if (!parsed.is_object()) {
                record_breaker(true);
                // A write's answer may be cut after the write was applied: not sent again.
                return retry_or_finish(make_error(mgmt_error::bad_response, "the answer is not a JSON object", status),
                                       is_read());
            }
            record_breaker(false);
            mgmt_result r;
            r.status = status;
            r.body = std::move(parsed);
            return finish(std::move(r));
        }
        if (status >= 500) {
            record_breaker(true);
            auto r = make_error(mgmt_error::upstream_unavailable, auth0_message(parsed), status);
            r.body = std::move(parsed);
            return retry_or_finish(std::move(r), idempotent());
        }
        record_breaker(false);  // any other answer: the upstream is up
        auto r = make_error(mgmt_error::bad_request, auth0_message(parsed), status);
        if (!parsed.is_discarded()) r.body = std::move(parsed);
        switch (status) {
            case 401:
                if (!auth_retried) {
                    auth_retried = true;
                    client->tokens_->invalidate(token);
                    client->log(log::level::warn, request, "mgmt: 401 from the users API, refreshing the token once");
                    return step();
                }
                r.error = mgmt_error::unauthorized;
                return finish(std::move(r));
            case 403: r.error = mgmt_error::forbidden; return finish(std::move(r));
            case 404: r.error = mgmt_error::not_found; return finish(std::move(r));
            case 429: {
                const auto sys_now = std::chrono::system_clock::now();
                return rate_limit(reset_time(parse_rate_limit(res.headers), sys_now), sys_now, clock::now(), status,
                                  std::move(r.body));
            }
            default:
                if (status >= 400) return finish(std::move(r));
                r.error = mgmt_error::bad_response;
                r.message = "unexpected status " + std::to_string(status);
                return finish(std::move(r));
        }
    }

    // Wait for the reset when it fits the deadline (and the waits allowed), else rate_limited.
    void rate_limit(std::optional<std::chrono::system_clock::time_point> reset,
                    std::chrono::system_clock::time_point sys_now, clock::time_point now, unsigned status = 0,
                    json answer = nullptr) {
        const auto jitter = milliseconds(
            std::llround(client->random_.unit() * static_cast<double>(settings().rate_limit_jitter.count())));
        const auto d = decide_rate_limit(reset, sys_now, deadline - now, jitter);
        if (d.wait && rate_waits < settings().max_rate_limit_waits) {
            ++rate_waits;
            ++client->stats_->rate_limit_waits;
            client->log(log::level::warn, request, "mgmt: rate limited, waiting for the reset",
                        {{"delay_ms", d.delay.count()}});
            return after(d.delay);
        }
        ++client->stats_->rate_limited;
        auto r = make_error(mgmt_error::rate_limited, "Management API rate limit", status);
        r.body = std::move(answer);
        if (const auto m = auth0_message(r.body); !m.empty()) r.message = m;
        // Waits used up: the reset is still the honest Retry-After.
        r.retry_after = d.wait ? std::max(std::chrono::ceil<seconds>(d.delay - jitter), seconds(1)) : d.retry_after;
        client->log(log::level::warn, request, "mgmt: rate limited, answering retry_after",
                    {{"retry_after_s", r.retry_after.count()}});
        finish(std::move(r));
    }

    void retry_or_finish(mgmt_result failure, bool retryable) {
        last_failure = failure;
        if (retryable) {
            const backoff_policy policy{settings().backoff_base, settings().backoff_max, settings().backoff_jitter};
            const auto delay = backoff_delay(policy, failed_attempts, client->random_.unit());
            if (retry_fits(failed_attempts + 1, settings().max_read_attempts, clock::now(), delay, deadline)) {
                ++failed_attempts;
                ++client->stats_->retries;
                client->log(log::level::warn, request, "mgmt: users API call failed, retrying",
                            {{"method", log::text(is_read()     ? "GET"
                                                  : is_delete() ? "DELETE"
                                                                : "PATCH")},
                             {"error", log::text(to_string(failure.error))},
                             {"delay_ms", delay.count()}});
                return after(delay);
            }
        }
        finish(std::move(failure));
    }

    void after(milliseconds delay) {
        auto timer = std::make_shared<net::steady_timer>(client->ioc_, delay);
        timer->async_wait([self = shared_from_this(), timer](boost::system::error_code) { self->step(); });
    }

    void record_breaker(bool failed) {
        if (failed) {
            if (client->breaker_.record_failure(clock::now())) {
                client->log(log::level::error, request,
                            "mgmt: circuit breaker open after consecutive upstream failures",
                            {{"failures", settings().breaker_threshold}});
            }
        } else if (client->breaker_.record_success()) {
            client->log(log::level::info, request, "mgmt: circuit breaker closed");
        }
    }

    void finish(mgmt_result r) {
        r.upstream_calls = upstream_calls;
        if (!done) return;
        auto d = std::move(done);
        done = nullptr;
        d(std::move(r));
    }
};

std::shared_ptr<users_client> users_client::create(net::io_context& ioc, std::shared_ptr<net::ssl::context> tls,
                                                   mgmt_settings settings, shared_state shared) {
    const auto problems = validate(settings);
    if (!problems.empty()) {
        std::string all = "Management API client settings:";
        for (const auto& p : problems) all += "\n  " + p;
        throw std::invalid_argument(all);
    }
    if (!tls) tls = upstream::make_tls_client_context();
    return std::make_shared<users_client>(ioc, std::move(tls), std::move(settings), std::move(shared));
}

users_client::users_client(net::io_context& ioc, std::shared_ptr<net::ssl::context> tls, mgmt_settings settings,
                           shared_state shared)
    : ioc_(ioc),
      settings_(std::move(settings)),
      stats_(std::make_shared<counters>()),
      budget_(std::move(shared.budget)),
      records_(std::move(shared.records)),
      breaker_(settings_.breaker_threshold, settings_.breaker_cooldown),
      cache_(settings_.cache_ttl, settings_.cache_max_entries) {
    upstream::client_options options;
    options.max_response_body = settings_.max_response_body;
    reads_ = std::make_shared<upstream::http_client>(ioc, tls, options);
    if (settings_.fresh_connection_for_writes) {
        options.max_idle_per_origin = 0;  // every PATCH on a new connection: never resent by the pool's retry
        writes_ = std::make_shared<upstream::http_client>(ioc, tls, options);
    } else {
        writes_ = reads_;
    }
    tokens_ = token_provider::create(ioc, reads_, settings_, stats_, std::move(shared.token));
    if (!budget_ && settings_.rate_limit_per_second > 0) {
        budget_ = std::make_shared<memory_rate_budget>(ioc, settings_.rate_limit_per_second,
                                                       settings_.rate_limit_burst);
    }
}

void users_client::get_user(const std::string& user_id, clock::time_point deadline, const log::request_id& request,
                            callback done) {
    if (user_id.empty()) return answer_now(std::move(done), make_error(mgmt_error::bad_request, "empty user id"));
    if (!records_) return read(user_id, deadline, request, std::move(done), {});
    records_->get(
        user_id, deadline,
        [self = shared_from_this(), user_id, deadline, request, done](state::outcome<record_cache::lookup> o) {
            if (!o.available()) {
                return done(make_error(mgmt_error::store_unavailable, "the shared read cache is unreachable"));
            }
            if (o.value->record) {
                ++self->stats_->cache_hits;
                mgmt_result r;
                r.status = 200;
                r.body = std::move(*o.value->record);
                r.from_cache = true;
                return done(std::move(r));
            }
            self->read(user_id, deadline, request, done, std::move(o.value->generation));
        });
}

void users_client::read(const std::string& user_id, clock::time_point deadline, const log::request_id& request,
                        callback done, std::string generation) {
    std::shared_ptr<read_flight> flight;
    {
        const std::lock_guard lock(mutex_);
        if (!records_ && cache_.enabled()) {
            if (auto user = cache_.get(user_id, clock::now())) {
                ++stats_->cache_hits;
                mgmt_result r;
                r.status = 200;
                r.body = std::move(*user);
                r.from_cache = true;
                return answer_now(std::move(done), std::move(r));
            }
        }
        const auto timeout = make_error(mgmt_error::timeout, "the deadline passed while waiting for the read");
        // A read in flight is joined only if no write began or ended since it
        // started (on any instance: the shared generation tells), else it may
        // bring the record as it was before a write this caller has seen answered.
        if (const auto it = in_flight_.find(user_id); it != in_flight_.end() && it->second->generation == generation) {
            ++stats_->coalesced_waits;
            auto joined = [done = std::move(done)](mgmt_result r) {
                r.coalesced = true;
                done(std::move(r));
            };
            // Only a caller in more of a hurry than the shared call needs a timer of its own.
            if (deadline < it->second->deadline) {
                it->second->waiters->add(deadline, std::move(joined), timeout);
            } else {
                it->second->waiters->add(std::move(joined));
            }
            return;
        }
        ++stats_->cache_misses;
        flight = std::make_shared<read_flight>();
        flight->waiters = std::make_shared<deadline_waiters<mgmt_result>>(ioc_);
        flight->deadline = deadline;
        flight->generation = std::move(generation);
        flight->waiters->add(std::move(done));  // the operation itself ends by `deadline`
        in_flight_[user_id] = flight;
    }
    auto op = std::make_shared<operation>();
    op->client = shared_from_this();
    op->method = upstream::beast_http::verb::get;
    op->user_id = user_id;
    op->deadline = deadline;
    op->request = request;
    op->done = [self = shared_from_this(), user_id, flight](mgmt_result r) { self->finish_read(user_id, flight, r); };
    // Started from the I/O context, so that no step runs inside the caller's frame.
    net::post(ioc_, [op] { op->step(); });
}

void users_client::patch_user(const std::string& user_id, const json& changes, clock::time_point deadline,
                              const log::request_id& request, callback done) {
    if (user_id.empty()) return answer_now(std::move(done), make_error(mgmt_error::bad_request, "empty user id"));
    if (!changes.is_object()) {
        return answer_now(std::move(done), make_error(mgmt_error::bad_request, "the changes must be a JSON object"));
    }
    std::string body;
    try {
        body = changes.dump();
    } catch (const json::exception&) {  // invalid UTF-8 in a string: never sent
        return answer_now(std::move(done), make_error(mgmt_error::bad_request, "the changes are not valid UTF-8"));
    }
    invalidate_here(user_id);
    auto op = std::make_shared<operation>();
    op->client = shared_from_this();
    op->method = upstream::beast_http::verb::patch;
    op->user_id = user_id;
    op->body = std::move(body);
    op->deadline = deadline;
    op->request = request;
    op->done = [self = shared_from_this(), user_id, deadline, request, done = std::move(done)](mgmt_result r) {
        self->finish_write(user_id, std::move(r), deadline, request, done);
    };
    if (!records_) return net::post(ioc_, [op] { op->step(); });
    // The other instances' reads in flight must not cache what they see either:
    // a write that cannot tell them is not sent.
    records_->begin_write(user_id, deadline, [op](state::outcome<state::done> o) {
        if (!o.available()) {
            return op->done(make_error(mgmt_error::store_unavailable,
                                       "the shared read cache is unreachable: the change was not sent"));
        }
        op->step();
    });
}

void users_client::delete_user(const std::string& user_id, clock::time_point deadline, const log::request_id& request,
                               callback done) {
    if (user_id.empty()) return answer_now(std::move(done), make_error(mgmt_error::bad_request, "empty user id"));
    invalidate(user_id);
    auto op = std::make_shared<operation>();
    op->client = shared_from_this();
    op->method = upstream::beast_http::verb::delete_;
    op->user_id = user_id;
    op->deadline = deadline;
    op->request = request;
    op->done = [self = shared_from_this(), user_id, done = std::move(done)](mgmt_result r) {
        // A read that began before the delete must not bring the record back.
        self->invalidate(user_id);
        done(std::move(r));
    };
    net::post(ioc_, [op] { op->step(); });
}

void users_client::invalidate(const std::string& user_id) {
    invalidate_here(user_id);
    // Sent before this instance's next get of the user on the same connection,
    // so that get cannot find the record (Redis answers one connection in order).
    if (records_) records_->begin_write(user_id, clock::now() + settings_.attempt_timeout, nullptr);
}

void users_client::invalidate_here(const std::string& user_id) {
    const std::lock_guard lock(mutex_);
    cache_.erase(user_id);
    forget_in_flight_read(user_id);
}

void users_client::forget_in_flight_read(const std::string& user_id) {
    const auto it = in_flight_.find(user_id);
    if (it == in_flight_.end()) return;
    // Its callers asked before the write and get what it brings; later
    // callers start a new read, and what it saw is not cached.
    it->second->stale = true;
    in_flight_.erase(it);
}

void users_client::finish_read(const std::string& user_id, const std::shared_ptr<read_flight>& flight,
                               const mgmt_result& r) {
    {
        const std::lock_guard lock(mutex_);
        const auto it = in_flight_.find(user_id);
        if (it != in_flight_.end() && it->second == flight) in_flight_.erase(it);
        if (r.ok() && !flight->stale && !records_) cache_.put(user_id, r.body, clock::now());
    }
    // Cached only if no write began or ended anywhere since the read began.
    if (r.ok() && !flight->stale && records_) {
        records_->put_read(user_id, r.body, flight->generation, clock::now() + settings_.attempt_timeout, nullptr);
    }
    flight->waiters->complete(r);
}

void users_client::finish_write(const std::string& user_id, mgmt_result r, clock::time_point deadline,
                                const log::request_id& request, const callback& done) {
    const bool cache_answer = r.ok() && settings_.cache_patch_answers;
    {
        const std::lock_guard lock(mutex_);
        // Reads that started during the write may have seen either version.
        forget_in_flight_read(user_id);
        if (!records_) {
            if (cache_answer) {
                cache_.put_unless_older(user_id, r.body, clock::now());
            } else {
                cache_.erase(user_id);
            }
        }
    }
    // A write refused before it was sent changed nothing to tell.
    if (!records_ || r.error == mgmt_error::store_unavailable) return done(std::move(r));
    // Answered only once the shared cache knows, so that no read through any
    // instance after this answer finds the record as it was before. Should the
    // store be unreachable now, the write still happened: its answer stands
    // (and reads fail with store_unavailable until the store is back).
    auto shared = std::make_shared<mgmt_result>(std::move(r));
    // Its own second even when the save's deadline is spent (a PATCH that
    // timed out upstream may still have been applied): a missed end of write
    // would let another instance cache what it read during the write.
    const auto end_by = std::max(deadline, clock::now() + std::chrono::seconds(1));
    records_->end_write(user_id, cache_answer ? &shared->body : nullptr, end_by,
                        [self = shared_from_this(), shared, request, done](state::outcome<state::done> o) {
                            if (!o.available()) {
                                self->log(log::level::warn, request,
                                          "mgmt: the shared read cache missed the end of a write");
                            }
                            done(std::move(*shared));
                        });
}

void users_client::answer_now(callback done, mgmt_result r) {
    net::post(ioc_, [done = std::move(done), r = std::move(r)]() mutable { done(std::move(r)); });
}

void users_client::log(log::level l, const log::request_id& request, log::message m, log::fields f) const {
    if (settings_.log) settings_.log(l, request, m, f);
}

}  // namespace profiledesk::mgmt
