#include "mgmt/redis_rate_budget.hpp"

#include <sstream>

namespace profiledesk::mgmt {

using std::chrono::milliseconds;

namespace {

// The refill both scripts start with: the bucket as it is at Redis's `now`
// (ms). A missing key is a full bucket; the key expires once it would be full
// again (and the tenant's hold is over), so an idle cluster keeps nothing.
constexpr const char* refill_lua = R"lua(
local rate, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at', 'hold')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
local hold = tonumber(b[3]) or 0
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000)
  at = now
end
local function save()
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at), 'hold', tostring(hold))
  local full_in = math.ceil((burst - tokens) * 1000 / rate)
  redis.call('PEXPIRE', KEYS[1], math.max(full_in, hold - now, 0) + 1000)
end
)lua";

// KEYS[1] the bucket; ARGV rate, burst. Answers 0 (taken) or the wait in ms.
const redis::script take_script(std::string(refill_lua) + R"lua(
if hold > now then return hold - now end
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
save()
return wait
)lua");

// KEYS[1] the bucket; ARGV rate, burst, remaining, reset (UNIX ms).
const redis::script observe_script(std::string(refill_lua) + R"lua(
local remaining, reset = tonumber(ARGV[3]), tonumber(ARGV[4])
tokens = math.min(tokens, remaining)
if remaining <= 0 and reset > hold then hold = reset end
save()
return 1
)lua");

std::string number(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

}  // namespace

redis_rate_budget::redis_rate_budget(std::shared_ptr<redis::client> redis, const redis::key_space& keys,
                                     double per_second, double burst)
    : redis_(std::move(redis)),
      key_(keys.global("mgmt:budget")),
      per_second_(number(per_second)),
      burst_(number(burst)) {}

void redis_rate_budget::take(clock::time_point deadline, state::callback<milliseconds> done) {
    redis_->eval(take_script, {key_}, {per_second_, burst_}, deadline, [done = std::move(done)](redis::result r) {
        const auto wait = r.ok() ? r.value.as_integer() : std::nullopt;
        if (!wait) return done(state::outcome<milliseconds>::unavailable());
        done(state::outcome<milliseconds>::of(milliseconds(std::max<std::int64_t>(*wait, 0))));
    });
}

void redis_rate_budget::observe(std::int64_t remaining, std::chrono::system_clock::time_point reset) {
    const auto reset_ms = std::chrono::duration_cast<milliseconds>(reset.time_since_epoch()).count();
    // A correction that does not arrive only leaves the forecast a little
    // optimistic: the tenant's next answer corrects it again.
    redis_->eval(observe_script, {key_}, {per_second_, burst_, std::to_string(remaining), std::to_string(reset_ms)},
                 clock::now() + std::chrono::seconds(2), [](redis::result) {});
}

}  // namespace profiledesk::mgmt
