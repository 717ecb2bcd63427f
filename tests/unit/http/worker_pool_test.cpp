#include "http/worker_pool.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

using profiledesk::http::worker_pool;
using namespace std::chrono_literals;

namespace {

// Waits (bounded: a broken pool fails the test instead of hanging it) until
// the pool has `n` jobs queued or running.
bool wait_for_jobs(const worker_pool& pool, unsigned n) {
    for (int i = 0; i < 500 && pool.jobs() != n; ++i) std::this_thread::sleep_for(10ms);
    return pool.jobs() == n;
}

}  // namespace

TEST_CASE("worker_pool: at the cap a job is refused at once, and a finished job frees its place", "[worker_pool]") {
    worker_pool pool(1, 3);
    std::promise<void> release;
    const std::shared_future<void> released = release.get_future().share();
    std::atomic<int> ran{0};
    const auto blocked_job = [&] {
        released.wait();
        ++ran;
    };
    CHECK(pool.try_post(blocked_job));  // running
    CHECK(pool.try_post(blocked_job));  // queued
    CHECK(pool.try_post(blocked_job));  // queued
    CHECK(pool.jobs() == 3);
    bool refused_ran = false;
    CHECK_FALSE(pool.try_post([&] { refused_ran = true; }));
    CHECK(pool.jobs() == 3);

    release.set_value();
    REQUIRE(wait_for_jobs(pool, 0));
    CHECK(ran == 3);
    CHECK_FALSE(refused_ran);  // refused means never run
    std::promise<void> done;
    CHECK(pool.try_post([&] { done.set_value(); }));
    CHECK(done.get_future().wait_for(5s) == std::future_status::ready);
}

TEST_CASE("worker_pool: jobs run on the pool's threads, not the caller's", "[worker_pool]") {
    worker_pool pool(2, 8);
    std::promise<std::thread::id> where;
    REQUIRE(pool.try_post([&] { where.set_value(std::this_thread::get_id()); }));
    auto f = where.get_future();
    REQUIRE(f.wait_for(5s) == std::future_status::ready);
    CHECK(f.get() != std::this_thread::get_id());
}

TEST_CASE("worker_pool: a job that throws frees its place and the pool carries on", "[worker_pool]") {
    worker_pool pool(1, 1);
    REQUIRE(pool.try_post([] { throw std::runtime_error("subset failed"); }));
    REQUIRE(wait_for_jobs(pool, 0));
    std::promise<void> done;
    REQUIRE(pool.try_post([&] { done.set_value(); }));
    CHECK(done.get_future().wait_for(5s) == std::future_status::ready);
}

TEST_CASE("worker_pool: destroying the pool finishes the jobs it accepted", "[worker_pool]") {
    std::atomic<int> ran{0};
    {
        worker_pool pool(1, 4);
        for (int i = 0; i < 4; ++i) {
            REQUIRE(pool.try_post([&] {
                std::this_thread::sleep_for(5ms);
                ++ran;
            }));
        }
    }
    CHECK(ran == 4);
}
