// The Management API client's Redis-backed stores against a real
// redis-server (support/redis_server.hpp): the cluster's rate budget, the
// shared M2M token with its fetch lock, and the read cache's generations.
#include "mgmt/memory_rate_budget.hpp"
#include "mgmt/redis_rate_budget.hpp"
#include "mgmt/redis_record_cache.hpp"
#include "mgmt/redis_token_cache.hpp"
#include "support/redis_server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace profiledesk;
using namespace std::chrono_literals;
using mgmt::shared_token_cache;
using nlohmann::json;
using std::chrono::milliseconds;

namespace {

// One "instance": an io_context on two threads and its own Redis connection.
struct instance {
    boost::asio::io_context ioc;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{ioc.get_executor()};
    std::shared_ptr<redis::client> redis;
    std::thread a, b;

    explicit instance(const testing::redis_server& server) {
        redis::client::options o;
        o.url = server.url();
        o.connect_timeout = 1000ms;
        redis = redis::client::create(ioc, std::move(o));
        redis->start();
        a = std::thread([this] { ioc.run(); });
        b = std::thread([this] { ioc.run(); });
    }
    ~instance() {
        redis->stop();
        work.reset();
        ioc.stop();
        a.join();
        b.join();
    }
};

auto deadline() { return std::chrono::steady_clock::now() + 2s; }

// Runs one store operation and waits for its outcome.
template <class T, class Start>
state::outcome<T> wait_for(Start start) {
    std::promise<state::outcome<T>> p;
    auto f = p.get_future();
    start([&p](state::outcome<T> o) { p.set_value(std::move(o)); });
    return f.get();
}

milliseconds take(mgmt::rate_budget& budget) {
    const auto o = wait_for<milliseconds>([&](auto done) { budget.take(deadline(), done); });
    REQUIRE(o.available());
    return *o.value;
}

shared_token_cache::acquired acquire(shared_token_cache& cache, const std::string& owner, milliseconds lock_for = 5s) {
    const auto o = wait_for<shared_token_cache::acquired>(
        [&](auto done) { cache.acquire(owner, lock_for, deadline(), done); });
    REQUIRE(o.available());
    return *o.value;
}

void settle(const std::function<void(state::callback<state::done>)>& start) {
    REQUIRE(wait_for<state::done>(start).available());
}

}  // namespace

// ---- the budget ----

TEST_CASE("budget (memory arithmetic): the burst, then waits at the refill rate, lowered by the tenant's word") {
    using steady = std::chrono::steady_clock;
    const auto t0 = steady::time_point{} + 1000s;
    const auto sys = std::chrono::system_clock::time_point{} + 1'000'000s;
    mgmt::budget_bucket b(2, 2);
    CHECK(b.take(t0, sys) == 0ms);
    CHECK(b.take(t0, sys) == 0ms);
    CHECK(b.take(t0, sys) == 500ms);  // the next of 2/s
    CHECK(b.take(t0 + 500ms, sys) == 0ms);
    // The tenant says 0 left until its reset 3 s ahead: nothing until then, refill or not.
    b.observe(0, sys + 3s, t0 + 500ms, sys);
    CHECK(b.take(t0 + 2s, sys + 1500ms) == 1500ms);
    CHECK(b.take(t0 + 3s, sys + 3s) == 0ms);
    // "1 left" lowers a fuller bucket to 1; it never raises one.
    mgmt::budget_bucket c(2, 10);
    c.observe(1, sys, t0, sys);
    CHECK(c.take(t0, sys) == 0ms);
    CHECK(c.take(t0, sys) == 500ms);
    c.observe(100, sys, t0, sys);
    CHECK(c.take(t0, sys) == 500ms);
}

TEST_CASE("budget (Redis): concurrent takes from two instances never exceed the bucket") {
    testing::redis_server server;
    instance one(server), two(server);
    redis::key_space keys;
    // A refill too slow to add a token during the test: exactly the burst is granted.
    mgmt::redis_rate_budget a(one.redis, keys, 0.01, 10), b(two.redis, keys, 0.01, 10);
    std::vector<std::promise<state::outcome<milliseconds>>> answers(80);
    for (std::size_t i = 0; i < answers.size(); ++i) {
        auto& budget = i % 2 ? static_cast<mgmt::rate_budget&>(a) : b;
        budget.take(deadline(), [&p = answers[i]](state::outcome<milliseconds> o) { p.set_value(o); });
    }
    int granted = 0;
    for (auto& p : answers) {
        const auto o = p.get_future().get();
        REQUIRE(o.available());
        if (*o.value == 0ms) ++granted;
    }
    CHECK(granted == 10);
    // The key expires once the bucket would be full again: an idle cluster keeps nothing for ever.
    CHECK(std::stoll(server.cli("PTTL profiledesk:mgmt:budget")) > 0);
}

TEST_CASE("budget (Redis): the tenant's headers hold every instance until the reset") {
    testing::redis_server server;
    instance one(server), two(server);
    redis::key_space keys;
    mgmt::redis_rate_budget a(one.redis, keys, 100, 100), b(two.redis, keys, 100, 100);
    CHECK(take(b) == 0ms);
    a.observe(0, std::chrono::system_clock::now() + 3s);
    // observe() is fire and forget: poll until the other instance sees it.
    milliseconds wait{0};
    for (int i = 0; i < 100 && wait == 0ms; ++i) wait = take(b);
    CHECK(wait > 1500ms);
    CHECK(wait <= 3000ms);
}

TEST_CASE("budget (Redis): unreachable is unavailable, not a guess") {
    testing::redis_server server;
    instance one(server);
    mgmt::redis_rate_budget a(one.redis, redis::key_space(), 2, 2);
    server.stop();
    const auto o = wait_for<milliseconds>([&](auto done) { a.take(deadline(), done); });
    CHECK_FALSE(o.available());
}

// ---- the shared token ----

TEST_CASE("token cache (Redis): one instance gets the fetch lock; the other waits and then reads the token") {
    testing::redis_server server;
    instance one(server), two(server);
    mgmt::redis_token_cache a(one.redis, redis::key_space()), b(two.redis, redis::key_space());
    const auto first = acquire(a, "owner-a");
    CHECK(first.fetch);
    CHECK_FALSE(first.token);
    const auto second = acquire(b, "owner-b");
    CHECK_FALSE(second.fetch);  // someone is fetching: ask again shortly
    CHECK_FALSE(second.token);
    // Only the owner releases the lock.
    settle([&](auto done) { b.release("owner-b", deadline(), done); });
    CHECK_FALSE(acquire(b, "owner-b").fetch);
    settle([&](auto done) { a.store("the-token", 60s, "owner-a", deadline(), done); });
    const auto read = acquire(b, "owner-b");
    REQUIRE(read.token);
    CHECK(*read.token == "the-token");
    CHECK(read.stored_by == "owner-a");
    CHECK(read.fresh_for > 59s);
    CHECK(read.fresh_for <= 60s);
    CHECK(server.cli("EXISTS profiledesk:mgmt:token:lock").find('0') != std::string::npos);  // released by the store

    // A 401 drops the token only if it is still the one that fetch stored.
    settle([&](auto done) { b.drop("owner-x", deadline(), done); });
    CHECK(acquire(b, "owner-b").token);
    settle([&](auto done) { b.drop("owner-a", deadline(), done); });
    const auto after = acquire(b, "owner-b");
    CHECK_FALSE(after.token);
    CHECK(after.fetch);
}

TEST_CASE("token cache (Redis): a lock whose holder vanished expires, and another instance takes it over") {
    testing::redis_server server;
    instance one(server), two(server);
    mgmt::redis_token_cache a(one.redis, redis::key_space()), b(two.redis, redis::key_space());
    REQUIRE(acquire(a, "owner-a", 200ms).fetch);
    CHECK_FALSE(acquire(b, "owner-b", 200ms).fetch);
    bool taken = false;
    for (int i = 0; i < 100 && !taken; ++i) {
        taken = acquire(b, "owner-b", 200ms).fetch;
        if (!taken) std::this_thread::sleep_for(20ms);
    }
    CHECK(taken);
    // The late holder's release does not free the new holder's lock.
    settle([&](auto done) { a.release("owner-a", deadline(), done); });
    CHECK_FALSE(acquire(a, "owner-a", 200ms).fetch);
}

// ---- the read cache ----

namespace {

mgmt::record_cache::lookup get(mgmt::record_cache& cache, const std::string& user) {
    const auto o = wait_for<mgmt::record_cache::lookup>([&](auto done) { cache.get(user, deadline(), done); });
    REQUIRE(o.available());
    return *o.value;
}

}  // namespace

TEST_CASE("record cache (Redis): a read that overlapped a write on another instance never caches what it saw") {
    testing::redis_server server;
    instance one(server), two(server);
    redis::key_space keys;
    mgmt::redis_record_cache a(one.redis, keys, 5s), b(two.redis, keys, 5s);
    const json old_record = {{"user_id", "auth0|ada"}, {"nickname", "old"}, {"updated_at", "2026-01-01T00:00:00.000Z"}};
    const json new_record = {{"user_id", "auth0|ada"}, {"nickname", "new"}, {"updated_at", "2026-01-02T00:00:00.000Z"}};

    const auto miss = get(a, "auth0|ada");
    CHECK_FALSE(miss.record);
    // A read begins on A; a write begins and ends on B; A's answer is refused.
    settle([&](auto done) { b.begin_write("auth0|ada", deadline(), done); });
    settle([&](auto done) { a.put_read("auth0|ada", old_record, miss.generation, deadline(), done); });
    CHECK_FALSE(get(b, "auth0|ada").record);
    settle([&](auto done) { b.end_write("auth0|ada", &new_record, deadline(), done); });
    settle([&](auto done) { a.put_read("auth0|ada", old_record, miss.generation, deadline(), done); });
    const auto hit = get(a, "auth0|ada");
    REQUIRE(hit.record);
    CHECK((*hit.record)["nickname"] == "new");
    // An older write's answer arriving late does not replace a newer record.
    settle([&](auto done) { a.end_write("auth0|ada", &old_record, deadline(), done); });
    CHECK((*get(b, "auth0|ada").record)["nickname"] == "new");
    // A read with the current generation is cached, with the TTL.
    settle([&](auto done) { b.end_write("auth0|ada", nullptr, deadline(), done); });
    const auto fresh = get(b, "auth0|ada");
    CHECK_FALSE(fresh.record);
    settle([&](auto done) { b.put_read("auth0|ada", old_record, fresh.generation, deadline(), done); });
    CHECK((*get(a, "auth0|ada").record)["nickname"] == "old");
    const auto key = keys.user("auth0|ada", "record");
    const auto ttl = std::stoll(server.cli("PTTL " + key));
    CHECK(ttl > 0);
    CHECK(ttl <= 5000);
}
