// The read cache with injected time: TTL, invalidation, out-of-order write answers, the size bound.
#include "mgmt/user_cache.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk::mgmt;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {
const auto t0 = user_cache::clock::time_point(50s);
json user(const std::string& name, const std::string& updated_at) {
    return {{"user_id", "auth0|ada"}, {"name", name}, {"updated_at", updated_at}};
}
}  // namespace

TEST_CASE("user_cache: serves a record within the TTL, and not after") {
    user_cache cache(5000ms, 100);
    CHECK_FALSE(cache.get("auth0|ada", t0));
    cache.put("auth0|ada", user("Ada", "2024-01-01T00:00:00.000Z"), t0);
    REQUIRE(cache.get("auth0|ada", t0 + 4999ms));
    CHECK((*cache.get("auth0|ada", t0 + 1s))["name"] == "Ada");
    CHECK_FALSE(cache.get("auth0|ada", t0 + 5s));
    CHECK(cache.size() == 0);  // dropped when found stale
    CHECK_FALSE(cache.get("auth0|grace", t0));
}

TEST_CASE("user_cache: erase forgets one user") {
    user_cache cache(5000ms, 100);
    cache.put("auth0|ada", user("Ada", "x"), t0);
    cache.put("auth0|grace", user("Grace", "x"), t0);
    cache.erase("auth0|ada");
    CHECK_FALSE(cache.get("auth0|ada", t0));
    CHECK(cache.get("auth0|grace", t0));
}

TEST_CASE("user_cache: a TTL of 0 disables it") {
    user_cache cache(0ms, 100);
    CHECK_FALSE(cache.enabled());
    cache.put("auth0|ada", user("Ada", "x"), t0);
    CHECK_FALSE(cache.get("auth0|ada", t0));
    CHECK(cache.size() == 0);
}

TEST_CASE("user_cache: of two write answers, the newer record stays whatever the arrival order") {
    user_cache cache(5000ms, 100);
    cache.put_unless_older("auth0|ada", user("Second", "2024-01-01T00:00:02.000Z"), t0);
    cache.put_unless_older("auth0|ada", user("First", "2024-01-01T00:00:01.000Z"), t0);
    CHECK((*cache.get("auth0|ada", t0))["name"] == "Second");
    cache.put_unless_older("auth0|ada", user("Third", "2024-01-01T00:00:03.000Z"), t0);
    CHECK((*cache.get("auth0|ada", t0))["name"] == "Third");
    SECTION("an expired entry never blocks a newer answer") {
        cache.put_unless_older("auth0|ada", user("Old", "2023-01-01T00:00:00.000Z"), t0 + 10s);
        CHECK((*cache.get("auth0|ada", t0 + 10s))["name"] == "Old");
    }
    SECTION("records without updated_at replace") {
        cache.put_unless_older("auth0|ada", json{{"name", "NoDate"}}, t0);
        CHECK((*cache.get("auth0|ada", t0))["name"] == "NoDate");
    }
}

TEST_CASE("user_cache: bounded: expired entries make room; when none expired, new ones wait") {
    user_cache cache(5000ms, 2);
    cache.put("a", user("A", "x"), t0);
    cache.put("b", user("B", "x"), t0 + 3s);
    cache.put("c", user("C", "x"), t0 + 4s);  // full, none expired: not cached
    CHECK_FALSE(cache.get("c", t0 + 4s));
    CHECK(cache.size() == 2);
    cache.put("a", user("A2", "x"), t0 + 4s);  // an existing key is always updated
    CHECK((*cache.get("a", t0 + 4s))["name"] == "A2");
    cache.put("c", user("C", "x"), t0 + 8500ms);  // b expired: swept, c fits
    CHECK(cache.get("c", t0 + 8500ms));
    CHECK_FALSE(cache.get("b", t0 + 8500ms));
    CHECK(cache.get("a", t0 + 8500ms));
}
