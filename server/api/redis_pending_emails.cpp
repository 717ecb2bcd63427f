#include "api/redis_pending_emails.hpp"

#include "log/log.hpp"

#include <algorithm>

namespace profiledesk::api {

namespace {

// KEYS[1]: the hash. ARGV: address, id, expires_at, notice_only, TTL in ms.
const redis::script put_script(R"lua(
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'address', ARGV[1], 'id', ARGV[2], 'expires_at', ARGV[3], 'notice_only', ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
)lua");

// KEYS[1]: the hash. ARGV[1]: the id. The fields when the id matched (and the
// hash is gone), else nil.
const redis::script take_script(R"lua(
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return nil end
local fields = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return fields
)lua");

using found = state::outcome<std::optional<pending_email>>;

// A HGETALL-style reply as a change; nullopt when empty or not ours.
std::optional<pending_email> change_of(const redis::reply& r) {
    if (r.type != redis::reply::kind::array || r.elements.empty()) return std::nullopt;
    pending_email p;
    bool has_expiry = false;
    for (std::size_t i = 0; i + 1 < r.elements.size(); i += 2) {
        const auto name = r.elements[i].string().value_or("");
        const auto value = r.elements[i + 1].string().value_or("");
        if (name == "address") p.address = value;
        if (name == "id") p.id = value;
        if (name == "notice_only") p.notice_only = value == "1";
        if (name == "expires_at") {
            const auto n = r.elements[i + 1].as_integer();
            has_expiry = n.has_value();
            p.expires_at = n.value_or(0);
        }
    }
    if (p.address.empty() || p.id.empty() || !has_expiry) return std::nullopt;
    return p;
}

class redis_pending_emails : public pending_emails {
public:
    redis_pending_emails(std::shared_ptr<redis::client> redis, redis::key_space keys, std::chrono::milliseconds timeout)
        : redis_(std::move(redis)), keys_(std::move(keys)), timeout_(timeout) {}

    void put(const std::string& sub, pending_email change, std::int64_t now,
             state::callback<state::done> done) override {
        const auto ttl_ms = std::max<std::int64_t>(1, (change.expires_at - now) * 1000);
        redis_->eval(put_script, {key(sub)},
                     {change.address, change.id, std::to_string(change.expires_at), change.notice_only ? "1" : "0",
                      std::to_string(ttl_ms)},
                     deadline(), [done = std::move(done)](redis::result r) {
                         if (!failed(r, "email change: put")) return done(state::outcome<state::done>::of({}));
                         done(state::outcome<state::done>::unavailable());
                     });
    }

    void find(const std::string& sub, std::int64_t now, state::callback<std::optional<pending_email>> done) override {
        redis_->command({"HGETALL", key(sub)}, deadline(), [now, done = std::move(done)](redis::result r) {
            if (failed(r, "email change: find")) return done(found::unavailable());
            auto p = change_of(r.value);
            // Redis' TTL and our clock may differ by a little: the expiry inside decides.
            if (p && p->expires_at <= now) p.reset();
            done(found::of(std::move(p)));
        });
    }

    void take(const std::string& sub, const std::string& id, std::int64_t now,
              state::callback<std::optional<pending_email>> done) override {
        redis_->eval(take_script, {key(sub)}, {id}, deadline(), [now, done = std::move(done)](redis::result r) {
            if (failed(r, "email change: take")) return done(found::unavailable());
            auto p = change_of(r.value);
            if (p && p->expires_at <= now) p.reset();
            done(found::of(std::move(p)));
        });
    }

    void drop(const std::string& sub, state::callback<state::done> done) override {
        redis_->command({"DEL", key(sub)}, deadline(), [done = std::move(done)](redis::result r) {
            if (failed(r, "email change: drop")) return done(state::outcome<state::done>::unavailable());
            done(state::outcome<state::done>::of({}));
        });
    }

private:
    static bool failed(const redis::result& r, log::message what) {
        if (r.ok()) return false;
        log::error(what, {{"error", log::text(redis::to_string(r.error))}});
        return true;
    }
    std::string key(const std::string& sub) const { return keys_.user(sub, "email-change"); }
    redis::client::clock::time_point deadline() const { return redis::client::clock::now() + timeout_; }

    std::shared_ptr<redis::client> redis_;
    redis::key_space keys_;
    std::chrono::milliseconds timeout_;
};

}  // namespace

std::shared_ptr<pending_emails> make_redis_pending_emails(std::shared_ptr<redis::client> redis, redis::key_space keys,
                                                          std::chrono::milliseconds command_timeout) {
    return std::make_shared<redis_pending_emails>(std::move(redis), std::move(keys), command_timeout);
}

}  // namespace profiledesk::api
