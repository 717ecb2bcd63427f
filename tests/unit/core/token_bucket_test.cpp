#include "profiledesk/core/token_bucket.hpp"

#include <catch2/catch.hpp>

using profiledesk::core::token_bucket;

TEST_CASE("token_bucket: starts full, allows a burst, then refuses") {
    token_bucket b(3, 0.5);
    CHECK(b.seconds_to_next_token() == 0);  // full
    CHECK(b.take(100));
    CHECK(b.take(100));
    CHECK(b.take(100));
    CHECK(b.tokens() == 0);
    CHECK_FALSE(b.take(100));
    CHECK(b.tokens() == 0);  // a refusal takes nothing
    CHECK(b.seconds_to_next_token() == Approx(2.0));
}

TEST_CASE("token_bucket: refills continuously at its rate, never past the burst") {
    token_bucket b(2, 2);
    CHECK(b.take(10));
    CHECK(b.take(10));
    CHECK_FALSE(b.take(10.25));  // half a token back
    CHECK(b.tokens() == Approx(0.5));
    CHECK(b.seconds_to_next_token() == Approx(0.25));
    CHECK(b.take(10.5));  // the whole one
    CHECK_FALSE(b.take(10.5));
    CHECK(b.take(1000));  // a long pause: full again, no more
    CHECK(b.tokens() == Approx(1));
    CHECK(b.take(1000));
    CHECK_FALSE(b.take(1000));
}

TEST_CASE("token_bucket: the next whole token, counted from a fraction") {
    token_bucket b(5, 1);
    CHECK(b.take(50));
    CHECK(b.take(50));                                // 3 left
    CHECK(b.seconds_to_next_token() == Approx(1.0));  // the fourth, in 1 s
    CHECK(b.take(50.4));                              // 3.4 - 1 = 2.4
    CHECK(b.seconds_to_next_token() == Approx(0.6));  // 3 at 51.0
}

TEST_CASE("token_bucket: time that goes back adds nothing and does not move the clock back") {
    token_bucket b(1, 1);
    CHECK(b.take(20));
    CHECK_FALSE(b.take(19));  // earlier than the last refill: nothing accrues
    CHECK(b.tokens() == 0);
    CHECK_FALSE(b.take(20.5));  // half a second after 20, not 1.5 after 19
    CHECK(b.tokens() == Approx(0.5));
    CHECK(b.take(21));
}

TEST_CASE("token_bucket: nonsense settings are refused") {
    CHECK_THROWS_AS(token_bucket(1, 0), std::invalid_argument);
    CHECK_THROWS_AS(token_bucket(1, -1), std::invalid_argument);
    CHECK_THROWS_AS(token_bucket(0.5, 1), std::invalid_argument);
    CHECK_NOTHROW(token_bucket(1, 1e-6));
}
