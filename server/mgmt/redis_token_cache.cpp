#include "mgmt/redis_token_cache.hpp"

#include <algorithm>

namespace profiledesk::mgmt {

using std::chrono::milliseconds;

namespace {

// KEYS token, lock; ARGV owner, lock ms. Answers {token, ms left}, or 1 (the
// lock is ours: fetch), or 0 (someone else is fetching).
const redis::script acquire_script(R"lua(
local token = redis.call('GET', KEYS[1])
if token then return {token, redis.call('PTTL', KEYS[1])} end
if redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
)lua");

// KEYS token, lock; ARGV token, ms, owner.
const redis::script store_script(R"lua(
redis.call('SET', KEYS[1], ARGV[3] .. ':' .. ARGV[1], 'PX', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then redis.call('DEL', KEYS[2]) end
return 1
)lua");

// KEYS lock; ARGV owner: deletes the lock only while that owner holds it.
const redis::script release_script(R"lua(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)lua");

// KEYS token; ARGV owner: deletes the token only while it is the one that owner's fetch stored.
const redis::script drop_script(R"lua(
local v = redis.call('GET', KEYS[1])
if v and string.sub(v, 1, #ARGV[1] + 1) == ARGV[1] .. ':' then return redis.call('DEL', KEYS[1]) end
return 0
)lua");

state::callback<state::done> forget() {
    return [](state::outcome<state::done>) {};
}

void answer_done(const state::callback<state::done>& done, const redis::result& r) {
    if (!done) return;
    done(r.ok() ? state::outcome<state::done>::of({}) : state::outcome<state::done>::unavailable());
}

}  // namespace

redis_token_cache::redis_token_cache(std::shared_ptr<redis::client> redis, const redis::key_space& keys)
    : redis_(std::move(redis)), token_key_(keys.global("mgmt:token")), lock_key_(keys.global("mgmt:token:lock")) {}

void redis_token_cache::acquire(const std::string& owner, milliseconds lock_for, clock::time_point deadline,
                                state::callback<acquired> done) {
    redis_->eval(acquire_script, {token_key_, lock_key_},
                 {owner, std::to_string(std::max<long long>(lock_for.count(), 1))}, deadline,
                 [done = std::move(done)](redis::result r) {
                     if (!r.ok()) return done(state::outcome<acquired>::unavailable());
                     acquired a;
                     const auto& v = r.value;
                     if (v.type == redis::reply::kind::array && v.elements.size() == 2) {
                         // "<owner>:<token>" (an owner never holds ':').
                         if (auto stored = v.elements[0].string()) {
                             const auto colon = stored->find(':');
                             if (colon != std::string::npos) {
                                 a.stored_by = stored->substr(0, colon);
                                 a.token = stored->substr(colon + 1);
                             }
                         }
                         // -1 (no expiry) cannot happen (stored with PX); -2: expired just now.
                         a.fresh_for = milliseconds(std::max<std::int64_t>(v.elements[1].as_integer().value_or(0), 0));
                         if (!a.token || a.fresh_for.count() == 0) a.token.reset();
                     } else {
                         a.fetch = v.as_integer().value_or(0) == 1;
                     }
                     done(state::outcome<acquired>::of(std::move(a)));
                 });
}

void redis_token_cache::store(const std::string& token, milliseconds fresh_for, const std::string& owner,
                              clock::time_point deadline, state::callback<state::done> done) {
    if (fresh_for.count() <= 0) return release(owner, deadline, std::move(done));  // too short-lived to share
    redis_->eval(store_script, {token_key_, lock_key_}, {token, std::to_string(fresh_for.count()), owner}, deadline,
                 [done = std::move(done)](redis::result r) { answer_done(done, r); });
}

void redis_token_cache::release(const std::string& owner, clock::time_point deadline,
                                state::callback<state::done> done) {
    redis_->eval(release_script, {lock_key_}, {owner}, deadline,
                 [done = done ? std::move(done) : forget()](redis::result r) { answer_done(done, r); });
}

void redis_token_cache::drop(const std::string& stored_by, clock::time_point deadline,
                             state::callback<state::done> done) {
    redis_->eval(drop_script, {token_key_}, {stored_by}, deadline,
                 [done = done ? std::move(done) : forget()](redis::result r) { answer_done(done, r); });
}

}  // namespace profiledesk::mgmt
