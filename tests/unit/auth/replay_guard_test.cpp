#include "auth/replay_guard.hpp"

#include "support/await_outcome.hpp"

#include <catch2/catch.hpp>

using profiledesk::auth::memory_replay_guard;
using profiledesk::auth::replay_guard;
using profiledesk::testing::await_value;
using namespace std::chrono_literals;

namespace {

bool first_use(replay_guard& guard, const std::string& value, replay_guard::clock::time_point now) {
    return await_value<bool>([&](auto done) { guard.first_use(value, now, done); });
}

}  // namespace

TEST_CASE("replay_guard: a value is accepted once") {
    memory_replay_guard guard(600s);
    const auto now = replay_guard::clock::now();
    CHECK(first_use(guard, "state-a", now));
    CHECK_FALSE(first_use(guard, "state-a", now + 1s));
    CHECK(first_use(guard, "state-b", now + 1s));
}

TEST_CASE("replay_guard: a value is forgotten after its lifetime") {
    memory_replay_guard guard(10s);
    const auto now = replay_guard::clock::now();
    CHECK(first_use(guard, "state", now));
    CHECK_FALSE(first_use(guard, "state", now + 9s));
    CHECK(first_use(guard, "state", now + 11s));
}

TEST_CASE("replay_guard: memory is bounded, the oldest entries go first") {
    memory_replay_guard guard(600s, 3);
    const auto now = replay_guard::clock::now();
    for (const auto* v : {"a", "b", "c", "d"}) CHECK(first_use(guard, v, now));
    CHECK(first_use(guard, "a", now));  // evicted to stay within 3
    CHECK_FALSE(first_use(guard, "d", now));
}
