// The cross-instance write lock in a real redis-server (support/redis_server.hpp).
#include "api/redis_write_lock.hpp"

#include "support/redis_clients.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace profiledesk;
using namespace std::chrono_literals;
using lease = api::write_lock::lease;
using clock_type = api::write_lock::clock;

namespace {

state::outcome<std::optional<lease>> acquire(api::write_lock& lock, const std::string& user,
                                             clock_type::time_point deadline) {
    return testing::await<std::optional<lease>>(
        [&](state::callback<std::optional<lease>> done) { lock.acquire(user, deadline, std::move(done)); });
}

state::outcome<bool> release(api::write_lock& lock, const std::string& user, const lease& held) {
    return testing::await<bool>([&](state::callback<bool> done) { lock.release(user, held, std::move(done)); });
}

// Whether an acquire got the lock / was refused it (an unavailable store is neither).
bool got_it(const state::outcome<std::optional<lease>>& o) { return o.available() && o.value->has_value(); }
bool refused_it(const state::outcome<std::optional<lease>>& o) { return o.available() && !o.value->has_value(); }

api::redis_lock_settings quick() {
    api::redis_lock_settings s;
    s.grace = 200ms;
    s.command_timeout = 1000ms;  // a loaded CI machine under ASan: a timeout drops the connection
    s.retry_min = 1ms;
    s.retry_max = 5ms;
    return s;
}

}  // namespace

TEST_CASE("redis write lock: one holder, and only its owner's token releases it") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    auto one = api::make_redis_write_lock(clients.ioc(), clients.connect(server), keys, quick());
    auto other = api::make_redis_write_lock(clients.ioc(), clients.connect(server), keys, quick());

    const auto held = acquire(*one, "ada", clock_type::now() + 5s);
    REQUIRE(held.available());
    REQUIRE(*held.value);
    // It expires a little after the save's deadline, never never.
    const auto ttl = std::stol(server.cli("PTTL " + testing::shell_quoted(keys.user("ada", "write-lock"))));
    CHECK(ttl > 4000);
    CHECK(ttl <= 5200);

    // Another save waits until its deadline, then gives up without the lock.
    const auto started = clock_type::now();
    CHECK(refused_it(acquire(*other, "ada", started + 100ms)));
    CHECK(clock_type::now() - started >= 100ms);

    // Another user's lock is another lock.
    CHECK(got_it(acquire(*other, "grace", clock_type::now() + 1s)));

    // A release with another token leaves the lock to its owner.
    CHECK(release(*other, "ada", lease{"not-the-owner"}).value == false);
    CHECK(server.cli("EXISTS " + testing::shell_quoted(keys.user("ada", "write-lock"))) == "1\n");
    CHECK(refused_it(acquire(*other, "ada", clock_type::now() + 20ms)));

    CHECK(release(*one, "ada", **held.value).value == true);
    CHECK(release(*one, "ada", **held.value).value == false);  // already free
    CHECK(got_it(acquire(*other, "ada", clock_type::now() + 1s)));
}

TEST_CASE("redis write lock: the lock of an owner that died expires, and the waiter gets it") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    {
        // This "instance" takes the lock for a save due in 100 ms, then dies.
        auto doomed = api::make_redis_write_lock(clients.ioc(), clients.connect(server), keys, quick());
        REQUIRE(got_it(acquire(*doomed, "ada", clock_type::now() + 100ms)));
    }
    auto survivor = api::make_redis_write_lock(clients.ioc(), clients.connect(server), keys, quick());
    const auto started = clock_type::now();
    CHECK(got_it(acquire(*survivor, "ada", started + 3s)));
    // Not before the dead save's deadline and grace (100 + 200 ms, less what the first acquire took).
    CHECK(clock_type::now() - started >= 200ms);
}

TEST_CASE("redis write lock: two contenders hold it one at a time") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    std::atomic<int> inside{0}, most_inside{0}, entries{0};
    const auto contender = [&](std::shared_ptr<api::write_lock> lock) {
        for (int i = 0; i < 20; ++i) {
            const auto got = acquire(*lock, "ada", clock_type::now() + 5s);
            if (!got.available() || !*got.value) return;
            const int now_inside = ++inside;
            int seen = most_inside.load();
            while (now_inside > seen && !most_inside.compare_exchange_weak(seen, now_inside)) {
            }
            ++entries;
            std::this_thread::sleep_for(1ms);  // the save's work, while holding the lock
            --inside;
            release(*lock, "ada", **got.value);
        }
    };
    std::thread a(contender, api::make_redis_write_lock(clients.ioc(), clients.connect(server), keys, quick()));
    std::thread b(contender, api::make_redis_write_lock(clients.ioc(), clients.connect(server), keys, quick()));
    a.join();
    b.join();
    CHECK(entries == 40);
    CHECK(most_inside == 1);
}

TEST_CASE("redis write lock: Redis down answers unavailable by the deadline, and service returns by itself") {
    testing::redis_server server;
    testing::redis_clients clients;
    auto lock = api::make_redis_write_lock(clients.ioc(), clients.connect(server), redis::key_space("test:"), quick());
    REQUIRE(got_it(acquire(*lock, "ada", clock_type::now() + 1s)));
    server.stop();
    const auto started = clock_type::now();
    CHECK_FALSE(acquire(*lock, "grace", started + 5s).available());
    CHECK(clock_type::now() - started < 1s);
    server.restart();
    CHECK(testing::eventually([&] { return got_it(acquire(*lock, "grace", clock_type::now() + 1s)); }));
}
