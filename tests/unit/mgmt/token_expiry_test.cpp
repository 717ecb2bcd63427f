// When a cached M2M token is replaced: 60 s before expiry, or 10% of its life if that is smaller.
#include "mgmt/token_expiry.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mgmt;
using namespace std::chrono_literals;

namespace {
const auto t0 = std::chrono::steady_clock::time_point(1000s);
}

TEST_CASE("token_expiry: a 24 h token is used until 60 s before it expires") {
    CHECK(token_refresh_margin(86400s) == 60s);
    const auto at = token_refresh_at(t0, 86400s);
    CHECK(at == t0 + 86340s);
    CHECK(token_fresh(t0 + 86339s, at));
    CHECK_FALSE(token_fresh(t0 + 86340s, at));
}

TEST_CASE("token_expiry: short-lived tokens keep 10% of their life as the margin") {
    CHECK(token_refresh_margin(600s) == 60s);  // the crossover
    CHECK(token_refresh_margin(300s) == 30s);
    CHECK(token_refresh_margin(30s) == 3s);
    CHECK(token_refresh_margin(1s) == 100ms);
    CHECK(token_refresh_at(t0, 30s) == t0 + 27s);
}

TEST_CASE("token_expiry: a token without a positive lifetime is due at once") {
    CHECK(token_refresh_at(t0, 0s) == t0);
    CHECK(token_refresh_at(t0, -5s) == t0);
    CHECK_FALSE(token_fresh(t0, token_refresh_at(t0, 0s)));
}
