// The circuit breaker with injected time: closed -> open -> half-open (one probe) -> closed or open.
#include "mgmt/circuit_breaker.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mgmt;
using namespace std::chrono_literals;

namespace {
const auto t0 = circuit_breaker::clock::time_point(100s);
}

TEST_CASE("circuit_breaker: opens after N consecutive failures, not before") {
    circuit_breaker b(3, 10s);
    CHECK(b.state() == breaker_state::closed);
    CHECK_FALSE(b.record_failure(t0));
    CHECK_FALSE(b.record_failure(t0));
    CHECK(b.allow(t0));
    CHECK(b.consecutive_failures() == 2);
    CHECK(b.record_failure(t0));  // the third opens it
    CHECK(b.state() == breaker_state::open);
    CHECK(b.times_opened() == 1);
    CHECK_FALSE(b.allow(t0));
    CHECK_FALSE(b.allow(t0 + 9999ms));
}

TEST_CASE("circuit_breaker: a success in between resets the count (consecutive failures only)") {
    circuit_breaker b(3, 10s);
    b.record_failure(t0);
    b.record_failure(t0);
    b.record_success();
    CHECK(b.consecutive_failures() == 0);
    b.record_failure(t0);
    b.record_failure(t0);
    CHECK(b.state() == breaker_state::closed);
    CHECK(b.allow(t0));
}

TEST_CASE("circuit_breaker: after the cool-down exactly one probe goes through") {
    circuit_breaker b(1, 10s);
    b.record_failure(t0);
    CHECK(b.time_until_probe(t0 + 4s) == 6s);
    CHECK(b.allow(t0 + 10s));  // the probe
    CHECK(b.state() == breaker_state::half_open);
    CHECK_FALSE(b.allow(t0 + 10s));  // everyone else still fails fast
    CHECK_FALSE(b.allow(t0 + 15s));

    SECTION("the probe succeeds: closed, everything flows") {
        CHECK(b.record_success());
        CHECK(b.state() == breaker_state::closed);
        CHECK(b.allow(t0 + 15s));
        CHECK(b.allow(t0 + 15s));
    }
    SECTION("the probe fails: open again for a whole cool-down") {
        CHECK(b.record_failure(t0 + 11s));
        CHECK(b.state() == breaker_state::open);
        CHECK(b.times_opened() == 2);
        CHECK_FALSE(b.allow(t0 + 20s));
        CHECK(b.allow(t0 + 21s));  // the next probe
    }
}

TEST_CASE("circuit_breaker: a probe that never reports does not keep it half-open forever") {
    circuit_breaker b(1, 10s);
    b.record_failure(t0);
    CHECK(b.allow(t0 + 10s));
    CHECK_FALSE(b.allow(t0 + 19s));
    CHECK(b.allow(t0 + 20s));  // one cool-down later: another probe
    CHECK_FALSE(b.allow(t0 + 20s));
}

TEST_CASE("circuit_breaker: failures of requests sent before it opened do not extend the cool-down") {
    circuit_breaker b(2, 10s);
    b.record_failure(t0);
    b.record_failure(t0);
    CHECK_FALSE(b.record_failure(t0 + 5s));  // a straggler
    CHECK(b.allow(t0 + 10s));
}

TEST_CASE("circuit_breaker: a threshold below 1 means 1") {
    circuit_breaker b(0, 1s);
    CHECK(b.record_failure(t0));
    CHECK_FALSE(b.allow(t0));
}

TEST_CASE("circuit_breaker: state names are stable") {
    CHECK(to_string(breaker_state::closed) == "closed");
    CHECK(to_string(breaker_state::open) == "open");
    CHECK(to_string(breaker_state::half_open) == "half_open");
}
