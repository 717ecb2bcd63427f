#include "auth/redis_replay_guard.hpp"
#include "log/log.hpp"

#include <stdexcept>
#include <utility>

namespace profiledesk::auth {
namespace {

class redis_replay_guard final : public replay_guard {
public:
    redis_replay_guard(std::shared_ptr<redis::client> client, redis::key_space keys, std::chrono::seconds lifetime,
                       std::chrono::milliseconds command_timeout)
        : client_(std::move(client)), keys_(std::move(keys)), lifetime_(lifetime), command_timeout_(command_timeout) {}

    void first_use(std::string value, clock::time_point, state::callback<bool> done) override {
        const auto key = keys_.global("login_state:" + redis::key_space::digest(value));
        const auto px = std::chrono::duration_cast<std::chrono::milliseconds>(lifetime_).count();
        client_->command(
            {"SET", key, "1", "NX", "PX", std::to_string(px)}, redis::client::clock::now() + command_timeout_,
            [done](redis::result r) {
                if (!r.ok()) {
                    log::error("login states: a redis command failed",
                               {{"error", log::text(redis::to_string(r.error))}, {"detail", log::text(r.message)}});
                    return done(state::outcome<bool>::unavailable());
                }
                // OK: this call wrote the key. nil: it was there already.
                done(state::outcome<bool>::of(!r.value.is_nil()));
            });
    }

private:
    const std::shared_ptr<redis::client> client_;
    const redis::key_space keys_;
    const std::chrono::seconds lifetime_;
    const std::chrono::milliseconds command_timeout_;
};

}  // namespace

std::shared_ptr<replay_guard> make_redis_replay_guard(std::shared_ptr<redis::client> client, redis::key_space keys,
                                                      std::chrono::seconds lifetime,
                                                      std::chrono::milliseconds command_timeout) {
    if (lifetime.count() <= 0 || command_timeout.count() <= 0) {
        throw std::invalid_argument("the replay guard needs a positive lifetime and command timeout");
    }
    return std::make_shared<redis_replay_guard>(std::move(client), std::move(keys), lifetime, command_timeout);
}

}  // namespace profiledesk::auth
