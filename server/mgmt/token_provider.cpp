#include "mgmt/token_provider.hpp"

#include "http/url.hpp"
#include "mgmt/backoff.hpp"
#include "mgmt/failure_class.hpp"
#include "mgmt/rate_limit.hpp"
#include "mgmt/token_expiry.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <cmath>

namespace profiledesk::mgmt {

namespace net = boost::asio;
using nlohmann::json;

struct token_provider::fetch {
    clock::time_point deadline;      // of the whole fetch, retries included
    clock::time_point requested_at;  // when the current attempt was sent
    int attempts = 0;                // attempts that failed transiently
    int rate_waits = 0;
    std::shared_ptr<deadline_waiters<token_result>> waiters;
    log::request_id request;  // of the call that started the fetch, for its log lines
    std::string owner;        // with a shared cache: this fetch's value for the lock
    bool holds_lock = false;  // this fetch took the shared fetch lock
};

namespace {

std::string string_field(const json& body, const char* name) {
    if (!body.is_object()) return {};
    const auto it = body.find(name);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "invalid_client: Client authentication failed" from an OAuth error body
// (these never echo the secret), or the status alone.
std::string oauth_message(unsigned status, const json& body) {
    auto error = string_field(body, "error");
    const auto description = string_field(body, "error_description");
    if (error.empty()) error = "HTTP " + std::to_string(status);
    return description.empty() ? error : error + ": " + description;
}

token_result failure(mgmt_error error, std::string message) {
    token_result r;
    r.error = error;
    r.message = "token request: " + std::move(message);
    return r;
}

// While another instance fetches the token, this one asks the store again
// after 25-75 ms: a fetch takes tens of milliseconds to seconds, and the
// jitter keeps the waiting instances from asking in step.
constexpr std::chrono::milliseconds shared_poll_min{25};
constexpr std::chrono::milliseconds shared_poll_spread{50};

// A fetch's value for the shared lock: unique (so only its owner releases
// it), not secret (it guards nothing but the order of fetches).
std::string lock_owner(random_source& random) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string owner;
    for (int i = 0; i < 32; ++i) owner += hex[static_cast<int>(random.unit() * 16) & 15];
    return owner;
}

}  // namespace

std::shared_ptr<token_provider> token_provider::create(net::io_context& ioc,
                                                       std::shared_ptr<upstream::http_client> http,
                                                       mgmt_settings settings, std::shared_ptr<counters> stats,
                                                       std::shared_ptr<shared_token_cache> shared) {
    return std::make_shared<token_provider>(ioc, std::move(http), std::move(settings),
                                            stats ? std::move(stats) : std::make_shared<counters>(), std::move(shared));
}

token_provider::token_provider(net::io_context& ioc, std::shared_ptr<upstream::http_client> http,
                               mgmt_settings settings, std::shared_ptr<counters> stats,
                               std::shared_ptr<shared_token_cache> shared)
    : ioc_(ioc),
      http_(std::move(http)),
      settings_(std::move(settings)),
      stats_(std::move(stats)),
      shared_(std::move(shared)) {}

void token_provider::get_token(clock::time_point deadline, const log::request_id& request, callback done) {
    std::shared_ptr<fetch> started;
    {
        const std::lock_guard lock(mutex_);
        if (!token_.empty() && token_fresh(clock::now(), refresh_at_)) {
            token_result r;
            r.access_token = token_;
            r.generation = generation_;
            net::post(ioc_, [done = std::move(done), r = std::move(r)]() mutable { done(std::move(r)); });
            return;
        }
        // Single flight: the first caller starts the request, later ones queue on it.
        if (!waiting_) {
            waiting_ = std::make_shared<deadline_waiters<token_result>>(ioc_);
            started = std::make_shared<fetch>();
            started->deadline = clock::now() + settings_.token_timeout;
            started->waiters = waiting_;
            started->request = request;
        }
        waiting_->add(deadline, std::move(done), failure(mgmt_error::timeout, "the deadline passed while waiting"));
    }
    if (started) start(std::move(started));
}

void token_provider::start(std::shared_ptr<fetch> f) {
    if (!shared_) return attempt(std::move(f));
    f->owner = lock_owner(random_);
    acquire_shared(std::move(f));
}

void token_provider::acquire_shared(std::shared_ptr<fetch> f) {
    if (clock::now() >= f->deadline) {
        return finish(f, failure(mgmt_error::timeout, "no token from the other instances in time"));
    }
    // The lock lasts as long as a fetch may: after that its holder has given up.
    shared_->acquire(
        f->owner, settings_.token_timeout, f->deadline,
        [self = shared_from_this(), f](state::outcome<shared_token_cache::acquired> o) {
            if (!o.available()) {
                return self->finish(f, failure(mgmt_error::store_unavailable, "the shared token store is unreachable"));
            }
            auto& a = *o.value;
            if (a.token) {
                token_result r;
                r.access_token = std::move(*a.token);
                return self->finish_with(f, std::move(r), clock::now() + a.fresh_for, std::move(a.stored_by));
            }
            if (a.fetch) {
                f->holds_lock = true;
                return self->attempt(f);
            }
            const auto wait = shared_poll_min +
                              std::chrono::milliseconds(
                                  std::llround(self->random_.unit() * static_cast<double>(shared_poll_spread.count())));
            auto timer = std::make_shared<net::steady_timer>(self->ioc_, wait);
            timer->async_wait([self, f, timer](boost::system::error_code) { self->acquire_shared(f); });
        });
}

void token_provider::invalidate(const token_result& used) {
    std::string stored_by;
    {
        const std::lock_guard lock(mutex_);
        if (token_.empty() || used.generation != generation_) return;
        token_.clear();
        stored_by.swap(stored_by_);
        ++stats_->token_invalidations;
    }
    drop_shared(stored_by);
}

void token_provider::invalidate(const std::string& token) {
    std::string stored_by;
    {
        const std::lock_guard lock(mutex_);
        if (token.empty() || token != token_) return;
        token_.clear();
        stored_by.swap(stored_by_);
        ++stats_->token_invalidations;
    }
    drop_shared(stored_by);
}

void token_provider::drop_shared(const std::string& stored_by) {
    // The other instances stop using it too; a newer shared token stays. Sent
    // before this instance's next acquire on the same connection, so it is
    // deleted before that asks (Redis answers one connection in order).
    if (shared_ && !stored_by.empty()) shared_->drop(stored_by, clock::now() + settings_.token_timeout, nullptr);
}

bool token_provider::has_fresh_token() {
    const std::lock_guard lock(mutex_);
    return !token_.empty() && token_fresh(clock::now(), refresh_at_);
}

void token_provider::attempt(std::shared_ptr<fetch> f) {
    const auto now = clock::now();
    if (now >= f->deadline) return finish(f, failure(mgmt_error::timeout, "no time left"));
    upstream::client_request req;
    req.method = upstream::beast_http::verb::post;
    req.url = token_url(settings_);
    req.endpoint = "m2m_token";
    req.content_type = "application/x-www-form-urlencoded";
    req.body = client_credentials_body(settings_);
    f->requested_at = now;
    ++stats_->token_fetches;
    // Set the timeout: one attempt at most attempt_timeout, all of them within the fetch's deadline.
    const auto attempt_deadline = std::min(f->deadline, now + settings_.attempt_timeout);
    http_->send(std::move(req), attempt_deadline,
                [self = shared_from_this(), f](boost::system::error_code ec, upstream::client_response res) {
                    self->on_answer(f, ec, std::move(res));
                });
}

void token_provider::on_answer(std::shared_ptr<fetch> f, boost::system::error_code ec, upstream::client_response res) {
    if (ec) {
        const auto fc = classify_failure(ec);
        return retry_or_finish(f, failure(fc.error, ec.message()), fc.transient);
    }
    const auto body = json::parse(res.body, nullptr, false);
    if (res.status == 200) {
        const auto token = string_field(body, "access_token");
        const auto type = string_field(body, "token_type");
        const auto expires = body.is_object() ? body.find("expires_in") : body.end();
        const bool has_expiry = body.is_object() && expires != body.end() && expires->is_number() &&
                                expires->get<double>() > 0 && expires->get<double>() < 1e9;
        if (token.empty() || !has_expiry || (!type.empty() && !boost::iequals(type, "Bearer"))) {
            return retry_or_finish(
                f, failure(mgmt_error::bad_response, "the answer has no Bearer access_token with an expires_in"), true);
        }
        token_result r;
        r.access_token = token;
        return finish(f, std::move(r), std::chrono::seconds(static_cast<std::int64_t>(expires->get<double>())));
    }
    const auto message = oauth_message(res.status, body);
    if (res.status == 429) {
        const auto now = clock::now();
        const auto sys_now = std::chrono::system_clock::now();
        const auto jitter = std::chrono::milliseconds(
            std::llround(random_.unit() * static_cast<double>(settings_.rate_limit_jitter.count())));
        const auto d = decide_rate_limit(reset_time(parse_rate_limit(res.headers), sys_now), sys_now, f->deadline - now,
                                         jitter);
        if (d.wait && f->rate_waits < settings_.max_rate_limit_waits) {
            ++f->rate_waits;
            ++stats_->rate_limit_waits;
            log(log::level::warn, f->request, "mgmt: token endpoint rate limited, waiting for the reset",
                {{"delay_ms", d.delay.count()}});
            auto timer = std::make_shared<net::steady_timer>(ioc_, d.delay);
            return timer->async_wait(
                [self = shared_from_this(), f, timer](boost::system::error_code) { self->attempt(f); });
        }
        auto r = failure(mgmt_error::rate_limited, message);
        r.retry_after = d.wait ? std::max(std::chrono::ceil<std::chrono::seconds>(d.delay), std::chrono::seconds(1))
                               : d.retry_after;
        return finish(f, std::move(r));
    }
    if (res.status >= 500) return retry_or_finish(f, failure(mgmt_error::upstream_unavailable, message), true);
    if (res.status == 401 || res.status == 403) return finish(f, failure(mgmt_error::unauthorized, message));
    if (res.status >= 400) return finish(f, failure(mgmt_error::bad_request, message));
    return finish(f, failure(mgmt_error::bad_response, "unexpected status " + std::to_string(res.status)));
}

void token_provider::retry_or_finish(std::shared_ptr<fetch> f, token_result failed, bool transient) {
    const auto now = clock::now();
    if (transient) {
        const backoff_policy policy{settings_.backoff_base, settings_.backoff_max, settings_.backoff_jitter};
        const auto delay = backoff_delay(policy, f->attempts, random_.unit());
        if (retry_fits(f->attempts + 1, settings_.max_read_attempts, now, delay, f->deadline)) {
            ++f->attempts;
            ++stats_->retries;
            log(log::level::warn, f->request, "mgmt: token request failed, retrying",
                {{"error", log::text(to_string(failed.error))}, {"delay_ms", delay.count()}});
            auto timer = std::make_shared<net::steady_timer>(ioc_, delay);
            return timer->async_wait(
                [self = shared_from_this(), f, timer](boost::system::error_code) { self->attempt(f); });
        }
    }
    finish(f, std::move(failed));
}

void token_provider::finish(std::shared_ptr<fetch> f, token_result result, std::chrono::seconds expires_in) {
    if (result.ok()) {
        log(log::level::info, f->request, "mgmt: token fetched", {{"expires_in_s", expires_in.count()}});
    } else {
        // The message is an OAuth error code and description (never the secret) or a network error.
        log(log::level::error, f->request, "mgmt: token request failed",
            {{"error", log::text(to_string(result.error))}, {"detail", log::text(result.message)}});
    }
    const auto refresh_at = token_refresh_at(f->requested_at, expires_in);
    if (f->holds_lock) {
        // The others are polling: give them the token (and free the lock), or
        // free the lock at once so one of them can try.
        const auto store_deadline = clock::now() + settings_.token_timeout;
        auto stored = [self = shared_from_this(), request = f->request](state::outcome<state::done> o) {
            if (!o.available()) {
                self->log(log::level::warn, request, "mgmt: the token could not be shared (store unreachable)");
            }
        };
        if (result.ok()) {
            const auto fresh_for = std::chrono::ceil<std::chrono::milliseconds>(refresh_at - clock::now());
            shared_->store(result.access_token, fresh_for, f->owner, store_deadline, std::move(stored));
        } else {
            shared_->release(f->owner, store_deadline, std::move(stored));
        }
    }
    auto stored_by = f->holds_lock ? f->owner : std::string();
    finish_with(std::move(f), std::move(result), refresh_at, std::move(stored_by));
}

void token_provider::finish_with(std::shared_ptr<fetch> f, token_result result, clock::time_point refresh_at,
                                 std::string stored_by) {
    {
        const std::lock_guard lock(mutex_);
        last_fetch_error_ = result.error;
        if (result.ok()) {
            token_ = result.access_token;
            result.generation = ++generation_;
            refresh_at_ = refresh_at;
            stored_by_ = std::move(stored_by);
        }
        if (waiting_ == f->waiters) waiting_.reset();
    }
    f->waiters->complete(result);
}

mgmt_error token_provider::last_fetch_error() {
    const std::lock_guard lock(mutex_);
    return last_fetch_error_;
}

void token_provider::log(log::level l, const log::request_id& request, log::message m, log::fields f) const {
    if (settings_.log) settings_.log(l, request, m, f);
}

}  // namespace profiledesk::mgmt
