#include "api/redis_version_snapshots.hpp"
#include "log/log.hpp"

#include <nlohmann/json.hpp>

namespace profiledesk::api {

namespace {

// KEYS[1]: versions (hash), KEYS[2]: versions:order (list, newest first).
// ARGV[1]: version, ARGV[2]: its values (JSON), ARGV[3]: versions kept, ARGV[4]: TTL in ms.
const redis::script remember_script(R"lua(
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('LREM', KEYS[2], 0, ARGV[1])
redis.call('LPUSH', KEYS[2], ARGV[1])
local keep = tonumber(ARGV[3])
local gone = redis.call('LRANGE', KEYS[2], keep, -1)
if #gone > 0 then
  redis.call('HDEL', KEYS[1], unpack(gone))
  redis.call('LTRIM', KEYS[2], 0, keep - 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
)lua");

class redis_version_snapshots : public version_snapshots {
public:
    redis_version_snapshots(std::shared_ptr<redis::client> redis, redis::key_space keys, redis_snapshot_settings s)
        : redis_(std::move(redis)), keys_(std::move(keys)), settings_(s) {
        settings_.per_user = std::max<std::size_t>(1, settings_.per_user);
    }

    void remember(const std::string& user_id, const std::string& version, core::field_values values,
                  state::callback<state::done> done) override {
        if (version.empty()) return done(state::outcome<state::done>::of({}));  // as the memory store: nothing to key
        const nlohmann::json as_json(values);
        redis_->eval(
            remember_script, {keys_.user(user_id, "versions"), keys_.user(user_id, "versions:order")},
            {version, as_json.dump(), std::to_string(settings_.per_user), std::to_string(settings_.ttl.count())},
            deadline(), [done = std::move(done)](redis::result r) {
                if (!r.ok()) {
                    log::error("versions: remember: a redis command failed",
                               {{"error", log::text(redis::to_string(r.error))}});
                    return done(state::outcome<state::done>::unavailable());
                }
                done(state::outcome<state::done>::of({}));
            });
    }

    void find(const std::string& user_id, const std::string& version,
              state::callback<std::optional<core::field_values>> done) override {
        using answer = state::outcome<std::optional<core::field_values>>;
        redis_->command({"HGET", keys_.user(user_id, "versions"), version}, deadline(),
                        [done = std::move(done)](redis::result r) {
                            if (!r.ok()) {
                                log::error("versions: find: a redis command failed",
                                           {{"error", log::text(redis::to_string(r.error))}});
                                return done(answer::unavailable());
                            }
                            const auto text = r.value.string();
                            if (!text) return done(answer::of(std::nullopt));
                            const auto parsed = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
                            if (!parsed.is_object()) {
                                // Not ours (another program's key?): as good as forgotten.
                                log::warn("versions: find: a snapshot that is no JSON object, ignored");
                                return done(answer::of(std::nullopt));
                            }
                            done(answer::of(parsed.get<core::field_values>()));
                        });
    }

private:
    redis::client::clock::time_point deadline() const {
        return redis::client::clock::now() + settings_.command_timeout;
    }

    std::shared_ptr<redis::client> redis_;
    redis::key_space keys_;
    redis_snapshot_settings settings_;
};

}  // namespace

std::shared_ptr<version_snapshots> make_redis_version_snapshots(std::shared_ptr<redis::client> redis,
                                                                redis::key_space keys,
                                                                redis_snapshot_settings settings) {
    return std::make_shared<redis_version_snapshots>(std::move(redis), std::move(keys), settings);
}

}  // namespace profiledesk::api
