// Sign-out marks in Redis: made through one instance, seen by all, for their lifetime.
#include "auth/redis_sign_out_marks.hpp"

#include "auth/redis_fixture.hpp"
#include "redis/keys.hpp"
#include "support/await_outcome.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using namespace profiledesk::testing;
using namespace std::chrono_literals;
using verdict = auth::sign_out_verdict;

namespace {

const redis::key_space keys("test:");

state::outcome<state::done> mark(auth::sign_out_marks& marks, const std::string& sub, std::int64_t at) {
    return await_outcome<state::done>([&](auto done) { marks.mark(sub, at, done); });
}

state::outcome<verdict> check(auth::sign_out_marks& marks, const std::string& sub,
                              std::optional<std::int64_t> auth_time, bool asked, std::int64_t now) {
    return await_outcome<verdict>([&](auto done) { marks.check(sub, auth_time, asked, now, done); });
}

}  // namespace

TEST_CASE("redis sign-out marks: a mark made through one instance counts on the other, for its lifetime") {
    redis_server server;
    io_threads io;
    auto a = auth::make_redis_sign_out_marks(connect(io, server), keys, 3600s);
    auto b = auth::make_redis_sign_out_marks(connect(io, server), keys, 3600s);
    const std::int64_t t = 1'700'000'000;
    CHECK(check(*b, "auth0|ada", t - 100, false, t).value == verdict::accept);  // no mark yet
    REQUIRE(mark(*a, "auth0|ada", t).available());
    CHECK(check(*b, "auth0|ada", t - 100, false, t + 5).value == verdict::ask_for_credentials);
    CHECK(check(*b, "auth0|ada", std::nullopt, true, t + 5).value == verdict::refuse);
    CHECK(check(*b, "auth0|ada", t, false, t + 5).value == verdict::accept);  // signed in again within the second
    CHECK(check(*b, "auth0|grace", t - 100, false, t + 5).value == verdict::accept);
    // Redis forgets it after `remember_for`: no bound on memory needed here.
    const auto ttl = std::stoll(server.cli("TTL " + keys.user("auth0|ada", "signed_out_at")));
    CHECK(ttl > 3500);
    CHECK(ttl <= 3600);
    SECTION("a later mark replaces the earlier one") {
        REQUIRE(mark(*b, "auth0|ada", t + 100).available());
        CHECK(check(*a, "auth0|ada", t + 50, false, t + 101).value == verdict::ask_for_credentials);
    }
}

TEST_CASE("redis sign-out marks: a mark lapses when Redis expires it") {
    redis_server server;
    io_threads io;
    auto marks = auth::make_redis_sign_out_marks(connect(io, server), keys, 1s);
    const std::int64_t t = 1'700'000'000;
    REQUIRE(mark(*marks, "auth0|ada", t).available());
    CHECK(eventually([&] { return server.cli("EXISTS " + keys.user("auth0|ada", "signed_out_at")) == "0\n"; }, 3s));
    CHECK(check(*marks, "auth0|ada", t - 100, false, t).value == verdict::accept);
}

TEST_CASE("redis sign-out marks: Redis unreachable answers unavailable, never a verdict") {
    redis_server server;
    io_threads io;
    auto marks = auth::make_redis_sign_out_marks(connect(io, server), keys, 3600s, 300ms);
    server.stop();
    CHECK_FALSE(mark(*marks, "auth0|ada", 1'700'000'000).available());
    CHECK_FALSE(check(*marks, "auth0|ada", 0, false, 1'700'000'000).available());
}
