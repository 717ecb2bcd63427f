// Auth0's x-ratelimit-* headers, the wait-or-answer decision on a 429, and the empty-bucket gate.
#include "mgmt/rate_limit.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mgmt;
using namespace std::chrono_literals;
using sys = std::chrono::system_clock;

namespace {

boost::beast::http::fields headers(std::initializer_list<std::pair<const char*, const char*>> list) {
    boost::beast::http::fields f;
    for (const auto& [name, value] : list) f.insert(name, value);
    return f;
}

const sys::time_point t0 = sys::time_point(std::chrono::seconds(1'700'000'000));

}  // namespace

TEST_CASE("rate_limit: the three headers are read as numbers") {
    const auto info = parse_rate_limit(
        headers({{"x-ratelimit-limit", "50"}, {"x-ratelimit-remaining", "0"}, {"x-ratelimit-reset", "1700000002"}}));
    CHECK(info.limit == 50);
    CHECK(info.remaining == 0);
    CHECK(info.reset == 1'700'000'002);
    CHECK_FALSE(info.retry_after);
}

TEST_CASE("rate_limit: header names are case-insensitive (Auth0 documents them as X-RateLimit-*)") {
    const auto info = parse_rate_limit(headers({{"X-RateLimit-Remaining", "7"}, {"X-RateLimit-Reset", "12"}}));
    CHECK(info.remaining == 7);
    CHECK(info.reset == 12);
}

TEST_CASE("rate_limit: missing or malformed values are unknown, never guessed") {
    CHECK_FALSE(parse_rate_limit(headers({})).remaining);
    for (const char* bad : {"", "-1", "1.5", "abc", "12abc", "0x10", "99999999999999999999", "+3"}) {
        INFO(bad);
        CHECK_FALSE(parse_rate_limit(headers({{"x-ratelimit-remaining", bad}})).remaining);
    }
    CHECK(parse_rate_limit(headers({{"x-ratelimit-remaining", " 3 "}})).remaining == 3);
}

TEST_CASE("rate_limit: Retry-After in seconds is read; as an HTTP date it is ignored") {
    CHECK(parse_rate_limit(headers({{"retry-after", "30"}})).retry_after == 30);
    CHECK_FALSE(parse_rate_limit(headers({{"retry-after", "Wed, 21 Oct 2015 07:28:00 GMT"}})).retry_after);
}

TEST_CASE("rate_limit: the reset comes from x-ratelimit-reset, else Retry-After, else it is unknown") {
    rate_limit_info info;
    CHECK_FALSE(reset_time(info, t0));
    info.retry_after = 3;
    CHECK(reset_time(info, t0) == t0 + 3s);
    info.reset = 1'700'000'010;
    CHECK(reset_time(info, t0) == t0 + 10s);
}

TEST_CASE("rate_limit: a reset that fits the deadline is waited for, jitter included") {
    const auto d = decide_rate_limit(t0 + 2s, t0, 10s, 120ms);
    CHECK(d.wait);
    CHECK(d.delay == 2120ms);
}

TEST_CASE("rate_limit: a reset beyond the deadline is answered at once with Retry-After") {
    SECTION("seconds until the reset") {
        const auto d = decide_rate_limit(t0 + 30s, t0, 5s, 0ms);
        CHECK_FALSE(d.wait);
        CHECK(d.retry_after == 30s);
    }
    SECTION("rounded up") {
        const auto d = decide_rate_limit(t0 + 2500ms, t0, 1s, 0ms);
        CHECK_FALSE(d.wait);
        CHECK(d.retry_after == 3s);
    }
    SECTION("the jitter can push a wait over the deadline") {
        CHECK(decide_rate_limit(t0 + 2s, t0, 2100ms, 0ms).wait);
        CHECK_FALSE(decide_rate_limit(t0 + 2s, t0, 2100ms, 200ms).wait);
    }
    SECTION("a wait that would end exactly at the deadline is not taken") {
        CHECK_FALSE(decide_rate_limit(t0 + 2s, t0, 2s, 0ms).wait);
    }
}

TEST_CASE("rate_limit: a reset in the past (clock skew) means: only the jitter, or Retry-After 1") {
    const auto d = decide_rate_limit(t0 - 5s, t0, 10s, 40ms);
    CHECK(d.wait);
    CHECK(d.delay == 40ms);
    const auto none = decide_rate_limit(t0 - 5s, t0, 0s, 0ms);
    CHECK_FALSE(none.wait);
    CHECK(none.retry_after == 1s);
}

TEST_CASE("rate_limit: an unknown reset counts as one second (the buckets refill every second)") {
    CHECK(decide_rate_limit(std::nullopt, t0, 5s, 0ms).delay == 1000ms);
    const auto d = decide_rate_limit(std::nullopt, t0, 500ms, 0ms);
    CHECK_FALSE(d.wait);
    CHECK(d.retry_after == 1s);
}

TEST_CASE("rate_gate: holds after an empty bucket until the reset") {
    rate_gate gate;
    rate_limit_info info;
    info.remaining = 0;
    info.reset = 1'700'000'002;
    gate.observe(info, t0);
    CHECK(gate.blocked_until(t0) == t0 + 2s);
    CHECK(gate.blocked_until(t0 + 1999ms) == t0 + 2s);
    CHECK_FALSE(gate.blocked_until(t0 + 2s));
    CHECK_FALSE(gate.blocked_until(t0));  // forgotten once passed
}

TEST_CASE("rate_gate: an answer with requests left opens it; one without headers changes nothing") {
    rate_gate gate;
    rate_limit_info empty;
    empty.remaining = 0;
    empty.reset = 1'700'000'005;
    gate.observe(empty, t0);
    gate.observe(rate_limit_info{}, t0);
    CHECK(gate.blocked_until(t0));
    rate_limit_info some;
    some.remaining = 3;
    some.reset = 1'700'000'001;
    gate.observe(some, t0);
    CHECK_FALSE(gate.blocked_until(t0));
}

TEST_CASE("rate_gate: an empty bucket whose reset has passed, or is unknown, does not hold") {
    rate_gate gate;
    rate_limit_info info;
    info.remaining = 0;
    gate.observe(info, t0);
    CHECK_FALSE(gate.blocked_until(t0));
    info.reset = 1'699'999'999;
    gate.observe(info, t0);
    CHECK_FALSE(gate.blocked_until(t0));
}
