// Waiters on one shared result, each with its own deadline (a real io_context, generous times).
#include "mgmt/deadline_waiters.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include "support/io_threads.hpp"

#include <catch2/catch.hpp>

#include <future>
#include <thread>

using namespace profiledesk::mgmt;
using namespace std::chrono_literals;
namespace net = boost::asio;

using profiledesk::testing::io_threads;

TEST_CASE("deadline_waiters: complete answers every waiter once") {
    io_threads io;
    auto waiters = std::make_shared<deadline_waiters<int>>(io.ioc);
    std::vector<std::promise<int>> answers(20);
    for (auto& p : answers) {
        waiters->add(
            std::chrono::steady_clock::now() + 60s, [&p](int v) { p.set_value(v); }, -1);
    }
    CHECK(waiters->size() == 20);
    waiters->complete(42);
    for (auto& p : answers) CHECK(p.get_future().get() == 42);  // set twice would throw
    CHECK(waiters->size() == 0);
}

TEST_CASE("deadline_waiters: a waiter whose deadline passes gets its timeout; the others wait on") {
    io_threads io;
    auto waiters = std::make_shared<deadline_waiters<int>>(io.ioc);
    std::promise<int> quick, patient;
    waiters->add(
        std::chrono::steady_clock::now() + 50ms, [&](int v) { quick.set_value(v); }, -1);
    waiters->add(
        std::chrono::steady_clock::now() + 60s, [&](int v) { patient.set_value(v); }, -2);
    CHECK(quick.get_future().get() == -1);
    CHECK(waiters->size() == 1);
    waiters->complete(7);
    CHECK(patient.get_future().get() == 7);
}

TEST_CASE("deadline_waiters: a waiter without a deadline of its own waits for complete") {
    io_threads io;
    auto waiters = std::make_shared<deadline_waiters<int>>(io.ioc);
    std::promise<int> untimed, timed;
    waiters->add([&](int v) { untimed.set_value(v); });
    waiters->add(
        std::chrono::steady_clock::now() + 20ms, [&](int v) { timed.set_value(v); }, -1);
    CHECK(timed.get_future().get() == -1);
    waiters->complete(5);
    CHECK(untimed.get_future().get() == 5);
}
