#include "http/accept_backoff.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::http;
using namespace std::chrono_literals;

TEST_CASE("accept backoff: 50 ms, doubling to 1 s, back to 50 ms after a success") {
    accept_backoff b;
    CHECK(b.failed() == 50ms);
    CHECK(b.failed() == 100ms);
    CHECK(b.failed() == 200ms);
    CHECK(b.failed() == 400ms);
    CHECK(b.failed() == 800ms);
    CHECK(b.failed() == 1000ms);
    CHECK(b.failed() == 1000ms);
    b.succeeded();
    CHECK(b.failed() == 50ms);
}

TEST_CASE("event report: the first event at once, then one line per interval with the count") {
    event_report r(10s);
    const event_report::clock::time_point t0{};
    const auto first = r.note(t0);
    REQUIRE(first);
    CHECK(first->count == 1);
    CHECK(first->interval == 0s);
    // A flood: thousands of events, no line until the interval has passed.
    for (int i = 0; i < 5000; ++i) CHECK_FALSE(r.note(t0 + 1ms * i));
    const auto second = r.note(t0 + 10s);
    REQUIRE(second);
    CHECK(second->count == 5001);
    CHECK(second->interval == 10s);
    CHECK_FALSE(r.note(t0 + 15s));
    const auto late = r.note(t0 + 70s);  // a quiet minute, then one more
    REQUIRE(late);
    CHECK(late->count == 2);
    CHECK(late->interval == 60s);
}
