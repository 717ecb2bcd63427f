// Pending email changes in a real redis-server (support/redis_server.hpp):
// shared by instances, single use across them, expiring with the change.
#include "api/redis_pending_emails.hpp"

#include "support/redis_clients.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <thread>

using namespace profiledesk;
using namespace std::chrono_literals;
using change = std::optional<api::pending_email>;

namespace {

state::outcome<state::done> put(api::pending_emails& s, const std::string& sub, api::pending_email p,
                                std::int64_t now) {
    return testing::await<state::done>(
        [&](state::callback<state::done> done) { s.put(sub, std::move(p), now, std::move(done)); });
}

state::outcome<change> find(api::pending_emails& s, const std::string& sub, std::int64_t now) {
    return testing::await<change>([&](state::callback<change> done) { s.find(sub, now, std::move(done)); });
}

state::outcome<change> take(api::pending_emails& s, const std::string& sub, const std::string& id, std::int64_t now) {
    return testing::await<change>([&](state::callback<change> done) { s.take(sub, id, now, std::move(done)); });
}

}  // namespace

TEST_CASE("redis pending emails: one instance stores, another finds; a new request replaces; a link works once") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    auto one = api::make_redis_pending_emails(clients.connect(server), keys, 1000ms);
    auto other = api::make_redis_pending_emails(clients.connect(server), keys, 1000ms);

    const api::pending_email first{"new@example.com", "id-1", 1000 + 86400, false};
    REQUIRE(put(*one, "auth0|ada", first, 1000).available());
    CHECK(*find(*other, "auth0|ada", 1001).value == first);
    CHECK_FALSE(*find(*other, "auth0|grace", 1001).value);

    // The TTL is the change's own expiry.
    const auto ttl = std::stol(server.cli("PTTL " + testing::shell_quoted(keys.user("auth0|ada", "email-change"))));
    CHECK(ttl > 86000 * 1000L);
    CHECK(ttl <= 86400 * 1000L);

    const api::pending_email second{"newer@example.com", "id-2", 1000 + 86400, true};
    REQUIRE(put(*other, "auth0|ada", second, 1000).available());
    CHECK(*find(*one, "auth0|ada", 1001).value == second);
    CHECK_FALSE(*take(*one, "auth0|ada", "id-1", 1001).value);  // replaced
    CHECK(*find(*one, "auth0|ada", 1001).value);                // ... and it spent nothing

    CHECK(*take(*one, "auth0|ada", "id-2", 1001).value == second);
    CHECK_FALSE(*take(*other, "auth0|ada", "id-2", 1001).value);  // used
    CHECK_FALSE(*find(*other, "auth0|ada", 1001).value);

    SECTION("cancel") {
        REQUIRE(put(*one, "auth0|ada", first, 1000).available());
        const auto dropped = testing::await<state::done>(
            [&](state::callback<state::done> done) { other->drop("auth0|ada", std::move(done)); });
        CHECK(dropped.available());
        CHECK_FALSE(*find(*one, "auth0|ada", 1001).value);
    }
    SECTION("past its expiry by our clock, a change is neither found nor taken") {
        REQUIRE(put(*one, "auth0|ada", first, 1000).available());
        CHECK_FALSE(*find(*one, "auth0|ada", first.expires_at).value);
        CHECK_FALSE(*take(*one, "auth0|ada", "id-1", first.expires_at).value);
    }
}

TEST_CASE("redis pending emails: of concurrent takes of one link through two instances, exactly one wins") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    auto one = api::make_redis_pending_emails(clients.connect(server), keys, 1000ms);
    auto other = api::make_redis_pending_emails(clients.connect(server), keys, 1000ms);
    for (int round = 0; round < 20; ++round) {
        const auto id = "id-" + std::to_string(round);
        REQUIRE(put(*one, "auth0|ada", {"new@example.com", id, 5000, false}, 1000).available());
        std::atomic<int> wins{0};
        std::thread a([&] { wins += take(*one, "auth0|ada", id, 1001).value->has_value(); });
        std::thread b([&] { wins += take(*other, "auth0|ada", id, 1001).value->has_value(); });
        a.join();
        b.join();
        CHECK(wins == 1);
    }
}

TEST_CASE("redis pending emails: Redis down answers unavailable") {
    testing::redis_server server;
    testing::redis_clients clients;
    auto store = api::make_redis_pending_emails(clients.connect(server), redis::key_space("test:"), 300ms);
    REQUIRE(put(*store, "auth0|ada", {"new@example.com", "id-1", 5000, false}, 1000).available());
    server.stop();
    CHECK_FALSE(find(*store, "auth0|ada", 1001).available());
    CHECK_FALSE(take(*store, "auth0|ada", "id-1", 1001).available());
    CHECK_FALSE(put(*store, "auth0|ada", {"new@example.com", "id-2", 5000, false}, 1000).available());
}
