#include "api/redis_write_lock.hpp"

#include "crypto/random.hpp"
#include "log/log.hpp"

#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <random>

namespace profiledesk::api {

namespace {

// KEYS[1]: the lock. ARGV[1]: the releasing save's token. 1 when it was held
// with that token and is now deleted; 0 otherwise (expired, or another's).
const redis::script release_script(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
)lua");

using clock = write_lock::clock;
using namespace std::chrono;

class redis_write_lock : public write_lock, public std::enable_shared_from_this<redis_write_lock> {
public:
    redis_write_lock(boost::asio::io_context& ioc, std::shared_ptr<redis::client> redis, redis::key_space keys,
                     redis_lock_settings s)
        : ioc_(ioc), redis_(std::move(redis)), keys_(std::move(keys)), settings_(s) {
        settings_.retry_min = std::max(milliseconds(1), settings_.retry_min);
        settings_.retry_max = std::max(settings_.retry_min, settings_.retry_max);
    }

    void acquire(const std::string& user_id, clock::time_point deadline,
                 state::callback<std::optional<lease>> done) override {
        attempt(keys_.user(user_id, "write-lock"), lease{crypto::random_token(16)}, deadline, std::move(done));
    }

    void release(const std::string& user_id, const lease& held, state::callback<bool> done) override {
        redis_->eval(release_script, {keys_.user(user_id, "write-lock")}, {held.token},
                     clock::now() + settings_.command_timeout, [done = std::move(done)](redis::result r) {
                         const auto freed = r.ok() ? r.value.as_integer() : std::nullopt;
                         if (!freed) {
                             // It expires by itself (grace after the save's deadline).
                             log::error("write lock: release: a redis command failed",
                                        {{"error", log::text(redis::to_string(r.error))}});
                             return done(state::outcome<bool>::unavailable());
                         }
                         done(state::outcome<bool>::of(*freed == 1));
                     });
    }

private:
    using answer = state::outcome<std::optional<lease>>;

    void attempt(std::string key, lease mine, clock::time_point deadline, state::callback<std::optional<lease>> done) {
        const auto now = clock::now();
        if (now >= deadline) return done(answer::of(std::nullopt));
        const auto hold = duration_cast<milliseconds>(deadline - now) + settings_.grace;
        std::vector<std::string> argv{"SET", key, mine.token, "NX", "PX", std::to_string(hold.count())};
        // The command's own deadline, not the wait's: a command that times out
        // costs the client its connection (redis/client.hpp), everyone's commands with it.
        redis_->command(
            std::move(argv), now + settings_.command_timeout,
            [self = shared_from_this(), key, mine, deadline, done = std::move(done)](redis::result r) mutable {
                if (r.error == redis::failure::timeout) {
                    // The SET may have run: free what we may hold rather than leave it to expiry.
                    self->release_key(key, mine);
                }
                if (!r.ok()) {
                    log::error("write lock: acquire: a redis command failed",
                               {{"error", log::text(redis::to_string(r.error))}});
                    return done(answer::unavailable());
                }
                if (!r.value.is_nil()) return done(answer::of(std::move(mine)));  // +OK: ours
                self->wait_then_retry(std::move(key), std::move(mine), deadline, std::move(done));
            });
    }

    void wait_then_retry(std::string key, lease mine, clock::time_point deadline,
                         state::callback<std::optional<lease>> done) {
        auto timer = std::make_shared<boost::asio::steady_timer>(ioc_);
        timer->expires_at(std::min(deadline, clock::now() + jitter()));
        timer->async_wait([self = shared_from_this(), timer, key = std::move(key), mine = std::move(mine), deadline,
                           done = std::move(done)](boost::system::error_code) mutable {
            self->attempt(std::move(key), std::move(mine), deadline, std::move(done));
        });
    }

    void release_key(const std::string& key, const lease& mine) {
        redis_->eval(release_script, {key}, {mine.token}, clock::now() + settings_.command_timeout,
                     [](redis::result) {});
    }

    milliseconds jitter() {
        thread_local std::minstd_rand random{std::random_device{}()};
        std::uniform_int_distribution<long long> pick(settings_.retry_min.count(), settings_.retry_max.count());
        return milliseconds(pick(random));
    }

    boost::asio::io_context& ioc_;
    std::shared_ptr<redis::client> redis_;
    redis::key_space keys_;
    redis_lock_settings settings_;
};

}  // namespace

std::shared_ptr<write_lock> make_redis_write_lock(boost::asio::io_context& ioc, std::shared_ptr<redis::client> redis,
                                                  redis::key_space keys, redis_lock_settings settings) {
    return std::make_shared<redis_write_lock>(ioc, std::move(redis), std::move(keys), settings);
}

}  // namespace profiledesk::api
