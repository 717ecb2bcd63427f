#include "auth/replay_guard.hpp"

#include <catch2/catch.hpp>

using profiledesk::auth::replay_guard;
using namespace std::chrono_literals;

TEST_CASE("replay_guard: a value is accepted once") {
    replay_guard guard(600s);
    const auto now = replay_guard::clock::now();
    CHECK(guard.first_use("state-a", now));
    CHECK_FALSE(guard.first_use("state-a", now + 1s));
    CHECK(guard.first_use("state-b", now + 1s));
}

TEST_CASE("replay_guard: a value is forgotten after its lifetime") {
    replay_guard guard(10s);
    const auto now = replay_guard::clock::now();
    CHECK(guard.first_use("state", now));
    CHECK_FALSE(guard.first_use("state", now + 9s));
    CHECK(guard.first_use("state", now + 11s));
}

TEST_CASE("replay_guard: memory is bounded, the oldest entries go first") {
    replay_guard guard(600s, 3);
    const auto now = replay_guard::clock::now();
    for (const auto* v : {"a", "b", "c", "d"}) CHECK(guard.first_use(v, now));
    CHECK(guard.first_use("a", now));  // evicted to stay within 3
    CHECK_FALSE(guard.first_use("d", now));
}
