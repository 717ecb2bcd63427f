#include "auth/redis_sign_out_marks.hpp"
#include "log/log.hpp"

#include <stdexcept>
#include <utility>

namespace profiledesk::auth {
namespace {

using clock = redis::client::clock;

class redis_sign_out_marks final : public sign_out_marks {
public:
    redis_sign_out_marks(std::shared_ptr<redis::client> client, redis::key_space keys,
                         std::chrono::seconds remember_for, std::chrono::milliseconds command_timeout)
        : client_(std::move(client)),
          keys_(std::move(keys)),
          remember_for_(remember_for),
          command_timeout_(command_timeout) {}

    void mark(std::string sub, std::int64_t unix_time, state::callback<state::done> done) override {
        client_->command({"SET", key(sub), std::to_string(unix_time), "EX", std::to_string(remember_for_.count())},
                         clock::now() + command_timeout_, [done](redis::result r) {
                             if (!r.ok()) {
                                 log_failure("mark", r);
                                 return done(state::outcome<state::done>::unavailable());
                             }
                             done(state::outcome<state::done>::of({}));
                         });
    }

    void check(std::string sub, std::optional<std::int64_t> auth_time, bool asked, std::int64_t now,
               state::callback<verdict> done) override {
        client_->command(
            {"GET", key(sub)}, clock::now() + command_timeout_,
            [auth_time, asked, now, remember_for = remember_for_, done](redis::result r) {
                if (!r.ok()) {
                    log_failure("check", r);
                    return done(state::outcome<verdict>::unavailable());
                }
                // A value that is not a time is no mark (nothing of ours writes one).
                const auto marked_at = r.value.as_integer();
                done(state::outcome<verdict>::of(judge_sign_in(marked_at, auth_time, asked, now, remember_for)));
            });
    }

private:
    std::string key(std::string_view sub) const { return keys_.user(sub, "signed_out_at"); }

    static void log_failure(const char* step, const redis::result& r) {
        log::error("sign-out marks: a redis command failed", {{"step", log::text(step)},
                                                              {"error", log::text(redis::to_string(r.error))},
                                                              {"detail", log::text(r.message)}});
    }

    const std::shared_ptr<redis::client> client_;
    const redis::key_space keys_;
    const std::chrono::seconds remember_for_;
    const std::chrono::milliseconds command_timeout_;
};

}  // namespace

std::shared_ptr<sign_out_marks> make_redis_sign_out_marks(std::shared_ptr<redis::client> client, redis::key_space keys,
                                                          std::chrono::seconds remember_for,
                                                          std::chrono::milliseconds command_timeout) {
    if (remember_for.count() <= 0 || command_timeout.count() <= 0) {
        throw std::invalid_argument("sign-out marks need a positive lifetime and command timeout");
    }
    return std::make_shared<redis_sign_out_marks>(std::move(client), std::move(keys), remember_for, command_timeout);
}

}  // namespace profiledesk::auth
