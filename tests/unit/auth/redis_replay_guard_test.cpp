// The login-state guard in Redis: a state is accepted once across every instance.
#include "auth/redis_replay_guard.hpp"

#include "auth/redis_fixture.hpp"
#include "redis/keys.hpp"
#include "support/await_outcome.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using namespace profiledesk::testing;
using namespace std::chrono_literals;

namespace {

const redis::key_space keys("test:");

state::outcome<bool> first_use(auth::replay_guard& guard, const std::string& value) {
    return await_outcome<bool>([&](auto done) { guard.first_use(value, auth::replay_guard::clock::now(), done); });
}

}  // namespace

TEST_CASE("redis replay guard: a state used through one instance cannot be used through another") {
    redis_server server;
    io_threads io;
    auto a = auth::make_redis_replay_guard(connect(io, server), keys, 600s);
    auto b = auth::make_redis_replay_guard(connect(io, server), keys, 600s);
    CHECK(first_use(*a, "state-a").value == true);
    CHECK(first_use(*b, "state-a").value == false);
    CHECK(first_use(*a, "state-a").value == false);
    CHECK(first_use(*b, "state-b").value == true);
    SECTION("kept as a digest, for the transaction's lifetime") {
        const auto listed = server.cli("KEYS '*'");
        CHECK(listed.find("state-a") == std::string::npos);
        const auto key = keys.global("login_state:" + redis::key_space::digest("state-a"));
        CHECK(listed.find(key) != std::string::npos);
        const auto pttl = std::stoll(server.cli("PTTL " + key));
        CHECK(pttl > 590'000);
        CHECK(pttl <= 600'000);
    }
}

TEST_CASE("redis replay guard: of concurrent uses of one state, exactly one wins") {
    redis_server server;
    io_threads io;
    auto a = auth::make_redis_replay_guard(connect(io, server), keys, 600s);
    auto b = auth::make_redis_replay_guard(connect(io, server), keys, 600s);
    std::vector<std::future<state::outcome<bool>>> answers;
    for (int i = 0; i < 20; ++i) {
        auto p = std::make_shared<std::promise<state::outcome<bool>>>();
        answers.push_back(p->get_future());
        (i % 2 ? a : b)->first_use("raced", auth::replay_guard::clock::now(), [p](state::outcome<bool> o) {
            p->set_value(o);
        });
    }
    int winners = 0;
    for (auto& f : answers) {
        const auto o = f.get();
        REQUIRE(o.available());
        winners += *o.value ? 1 : 0;
    }
    CHECK(winners == 1);
}

TEST_CASE("redis replay guard: Redis unreachable answers unavailable, never a first use") {
    redis_server server;
    io_threads io;
    auto guard = auth::make_redis_replay_guard(connect(io, server), keys, 600s, 300ms);
    server.stop();
    CHECK_FALSE(first_use(*guard, "state").available());
}
