// The retry schedule: exponential, capped, jittered within +-jitter, and always inside the deadline.
#include "mgmt/backoff.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mgmt;
using namespace std::chrono_literals;
using ms = std::chrono::milliseconds;

TEST_CASE("backoff: without jitter the delay doubles from the base up to the cap") {
    const backoff_policy p{100ms, 1000ms, 0.0};
    CHECK(backoff_delay(p, 0, 0.3) == 100ms);
    CHECK(backoff_delay(p, 1, 0.3) == 200ms);
    CHECK(backoff_delay(p, 2, 0.3) == 400ms);
    CHECK(backoff_delay(p, 3, 0.3) == 800ms);
    CHECK(backoff_delay(p, 4, 0.3) == 1000ms);
    CHECK(backoff_delay(p, 60, 0.3) == 1000ms);
    CHECK(backoff_delay(p, 1000, 0.3) == 1000ms);  // no overflow for silly retry numbers
    CHECK(backoff_delay(p, -3, 0.3) == 100ms);
}

TEST_CASE("backoff: jitter spreads the delay over +-jitter around the nominal value") {
    const backoff_policy p{100ms, 2000ms, 0.5};
    SECTION("the extremes of the random number give the extremes of the range") {
        CHECK(backoff_delay(p, 0, 0.0) == 50ms);
        CHECK(backoff_delay(p, 0, 0.5) == 100ms);
        CHECK(backoff_delay(p, 0, 0.999999) == 150ms);
        CHECK(backoff_delay(p, 1, 0.0) == 100ms);
        CHECK(backoff_delay(p, 1, 0.999999) == 300ms);
    }
    SECTION("every value stays inside the band") {
        for (int retry = 0; retry < 6; ++retry) {
            const auto nominal = std::min<long long>(100LL << retry, 2000);
            for (double u = 0.0; u < 1.0; u += 0.01) {
                const auto d = backoff_delay(p, retry, u).count();
                CHECK(d >= nominal / 2);
                CHECK(d <= nominal * 3 / 2);
            }
        }
    }
    SECTION("random numbers outside [0, 1) are clamped") {
        CHECK(backoff_delay(p, 0, -5.0) == 50ms);
        CHECK(backoff_delay(p, 0, 7.0) == 150ms);
    }
    SECTION("a jitter above 1 is clamped: the delay never goes negative") {
        const backoff_policy wild{100ms, 2000ms, 3.0};
        CHECK(backoff_delay(wild, 0, 0.0) == 0ms);
        CHECK(backoff_delay(wild, 0, 0.999999) == 200ms);
    }
}

TEST_CASE("backoff: a retry is allowed only with attempts left and time before the deadline") {
    const auto now = std::chrono::steady_clock::time_point(10s);
    CHECK(retry_fits(1, 3, now, 100ms, now + 1s));
    CHECK(retry_fits(2, 3, now, 100ms, now + 1s));
    CHECK_FALSE(retry_fits(3, 3, now, 100ms, now + 1s));  // attempts used up
    CHECK_FALSE(retry_fits(1, 1, now, 0ms, now + 1s));    // max 1: no retry at all
    CHECK_FALSE(retry_fits(1, 3, now, 1s, now + 1s));     // would start at the deadline
    CHECK_FALSE(retry_fits(1, 3, now, 2s, now + 1s));
    CHECK(retry_fits(1, 3, now, ms(999), now + 1s));
    CHECK_FALSE(retry_fits(1, 3, now, 0ms, now));  // the deadline has come
}
