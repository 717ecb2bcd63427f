#include "http/redis_client_budget.hpp"

#include "http/client_key.hpp"
#include "log/log.hpp"

#include <algorithm>
#include <cstdio>

namespace profiledesk::http {

namespace {

// KEYS[1]: the bucket (a hash: tokens, ms). ARGV[1]: burst, ARGV[2]: tokens per second.
// Returns {1, 0} when a token was taken, {0, milliseconds until the next one} when not.
// Fractional tokens are kept as text (tostring: 14 significant digits).
const redis::script take_script(R"lua(
local burst = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 1000
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ms')
local tokens = tonumber(state[1])
local last = tonumber(state[2])
if tokens == nil or last == nil then
  tokens = burst
  last = now
end
if now > last then
  tokens = math.min(burst, tokens + (now - last) * per_ms)
  last = now
end
local granted = 0
local wait_ms = 0
if tokens >= 1 then
  tokens = tokens - 1
  granted = 1
else
  wait_ms = math.ceil((1 - tokens) / per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ms', last)
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / per_ms) + 1)
return {granted, wait_ms}
)lua");

// A rate as the script reads it: every digit (std::to_string would round 1/60 to 0.016667).
std::string exact(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", x);
    return text;
}

class redis_client_budget : public client_budget {
public:
    redis_client_budget(std::shared_ptr<redis::client> redis, redis::key_space keys, redis_budget_settings s)
        : redis_(std::move(redis)), keys_(std::move(keys)), settings_(std::move(s)) {
        // The same floors as per_client_budget: a bucket holds one request at least and refills.
        settings_.burst = std::max(1.0, settings_.burst);
        settings_.per_second = std::max(1e-6, settings_.per_second);
    }

    void take(const std::string& client, state::callback<budget_verdict> done) override {
        const auto key = keys_.global("budget:" + settings_.name + ":" + redis::key_space::digest(client_key(client)));
        redis_->eval(take_script, {key}, {exact(settings_.burst), exact(settings_.per_second)},
                     redis::client::clock::now() + settings_.command_timeout,
                     [done = std::move(done), name = settings_.name](redis::result r) {
                         const auto& a = r.value.elements;
                         if (!r.ok() || a.size() != 2 || !a[0].as_integer() || !a[1].as_integer()) {
                             log::error("budget: a redis command failed",
                                        {{"budget", log::text(name)}, {"error", log::text(redis::to_string(r.error))}});
                             return done(state::outcome<budget_verdict>::unavailable());
                         }
                         budget_verdict verdict;
                         verdict.granted = *a[0].as_integer() == 1;
                         verdict.retry_after = double(*a[1].as_integer()) / 1000;
                         done(state::outcome<budget_verdict>::of(verdict));
                     });
    }

private:
    std::shared_ptr<redis::client> redis_;
    redis::key_space keys_;
    redis_budget_settings settings_;
};

}  // namespace

std::shared_ptr<client_budget> make_redis_client_budget(std::shared_ptr<redis::client> redis, redis::key_space keys,
                                                        redis_budget_settings settings) {
    return std::make_shared<redis_client_budget>(std::move(redis), std::move(keys), std::move(settings));
}

}  // namespace profiledesk::http
