#include "localtenant/management_bucket.hpp"

#include <catch2/catch.hpp>

using profiledesk::localtenant::management_bucket;

TEST_CASE("management_bucket: a free tenant's bucket allows a burst of 2, then refuses", "[management_bucket]") {
    management_bucket b(2, 2);
    const double t = 1000.0;
    const auto first = b.take(t);
    CHECK(first.allowed);
    CHECK(first.limit == 2);
    CHECK(first.remaining == 1);
    const auto second = b.take(t);
    CHECK(second.allowed);
    CHECK(second.remaining == 0);
    const auto third = b.take(t);
    CHECK_FALSE(third.allowed);
    CHECK(third.remaining == 0);
}

TEST_CASE("management_bucket: reset is when the next request is added back, in UNIX seconds", "[management_bucket]") {
    management_bucket b(1, 1);
    CHECK(b.take(1000.2).allowed);
    const auto refused = b.take(1000.3);
    CHECK_FALSE(refused.allowed);
    CHECK(refused.reset == 1002);  // 0.1 token at 1000.3: the next whole one at 1001.2, rounded up
}

TEST_CASE("management_bucket: tokens come back at the configured rate", "[management_bucket]") {
    management_bucket b(2, 2);
    CHECK(b.take(10).allowed);
    CHECK(b.take(10).allowed);
    CHECK_FALSE(b.take(10.1).allowed);
    CHECK(b.take(10.5).allowed);  // one token back after 0.5 s at 2/s
    CHECK_FALSE(b.take(10.5).allowed);
}

TEST_CASE("management_bucket: the bucket never holds more than the burst", "[management_bucket]") {
    management_bucket b(100, 3);
    CHECK(b.take(0).remaining == 2);
    const auto later = b.take(1000);
    CHECK(later.remaining == 2);
}

TEST_CASE("management_bucket: a full bucket's reset is now", "[management_bucket]") {
    management_bucket b(1, 5);
    CHECK(b.take(50).reset == 51);  // 4 left: the fifth comes back in 1 s
    management_bucket big(1000, 1);
    CHECK(big.take(50).reset == 51);  // ceil(50.001)
}

TEST_CASE("management_bucket: nonsense settings are refused", "[management_bucket]") {
    CHECK_THROWS(management_bucket(0, 1));
    CHECK_THROWS(management_bucket(1, 0.5));
}
