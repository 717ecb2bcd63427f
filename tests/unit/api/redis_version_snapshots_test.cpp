// version snapshots in a real redis-server (support/redis_server.hpp).
#include "api/redis_version_snapshots.hpp"

#include "support/redis_clients.hpp"

#include <catch2/catch.hpp>

using namespace profiledesk;
using namespace std::chrono_literals;
using core::field_values;
using snapshot = std::optional<field_values>;

namespace {

state::outcome<state::done> remember(api::version_snapshots& v, const std::string& user, const std::string& version,
                                     field_values values) {
    return testing::await<state::done>(
        [&](state::callback<state::done> done) { v.remember(user, version, std::move(values), std::move(done)); });
}

state::outcome<snapshot> find(api::version_snapshots& v, const std::string& user, const std::string& version) {
    return testing::await<snapshot>([&](state::callback<snapshot> done) { v.find(user, version, std::move(done)); });
}

}  // namespace

TEST_CASE("redis version snapshots: a version one instance remembers, another finds") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    api::redis_snapshot_settings settings;
    settings.ttl = 60s;
    auto one = api::make_redis_version_snapshots(clients.connect(server), keys, settings);
    auto other = api::make_redis_version_snapshots(clients.connect(server), keys, settings);

    const field_values values{{"name", "Ada"}, {"user_metadata.bio", nullptr}, {"user_metadata.links", {{"a", 1}}}};
    REQUIRE(remember(*one, "auth0|ada", "2026-01-01T00:00:00.000Z", values).available());

    const auto found = find(*other, "auth0|ada", "2026-01-01T00:00:00.000Z");
    REQUIRE(found.available());
    REQUIRE(*found.value);
    CHECK(**found.value == values);
    CHECK_FALSE(*find(*other, "auth0|ada", "2026-02-01T00:00:00.000Z").value);
    CHECK_FALSE(*find(*other, "auth0|grace", "2026-01-01T00:00:00.000Z").value);

    SECTION("both keys expire: the TTL is set, and refreshed by the next remember") {
        for (const char* what : {"versions", "versions:order"}) {
            const auto ttl = std::stol(server.cli("PTTL " + testing::shell_quoted(keys.user("auth0|ada", what))));
            CHECK(ttl > 50000);
            CHECK(ttl <= 60000);
        }
        server.cli("PEXPIRE " + testing::shell_quoted(keys.user("auth0|ada", "versions")) + " 1000");
        REQUIRE(remember(*other, "auth0|ada", "2026-03-01T00:00:00.000Z", {}).available());
        CHECK(std::stol(server.cli("PTTL " + testing::shell_quoted(keys.user("auth0|ada", "versions")))) > 50000);
    }
}

TEST_CASE("redis version snapshots: only the newest versions of a user are kept") {
    testing::redis_server server;
    testing::redis_clients clients;
    const redis::key_space keys("test:");
    api::redis_snapshot_settings settings;
    settings.per_user = 2;
    auto v = api::make_redis_version_snapshots(clients.connect(server), keys, settings);

    REQUIRE(remember(*v, "ada", "v1", {{"name", "1"}}).available());
    REQUIRE(remember(*v, "ada", "v2", {{"name", "2"}}).available());
    REQUIRE(remember(*v, "ada", "v1", {{"name", "1"}}).available());  // seen again: the newest now
    REQUIRE(remember(*v, "ada", "v3", {{"name", "3"}}).available());
    CHECK(*find(*v, "ada", "v1").value);
    CHECK_FALSE(*find(*v, "ada", "v2").value);
    CHECK(*find(*v, "ada", "v3").value);
    CHECK(server.cli("HLEN " + testing::shell_quoted(keys.user("ada", "versions"))) == "2\n");
    CHECK(server.cli("LLEN " + testing::shell_quoted(keys.user("ada", "versions:order"))) == "2\n");
}

TEST_CASE("redis version snapshots: Redis down answers unavailable by the deadline, and service returns by itself") {
    testing::redis_server server;
    testing::redis_clients clients;
    api::redis_snapshot_settings settings;
    settings.command_timeout = 200ms;
    auto v = api::make_redis_version_snapshots(clients.connect(server), redis::key_space("test:"), settings);
    REQUIRE(remember(*v, "ada", "v1", {}).available());

    SECTION("stopped") {
        server.stop();
        auto started = std::chrono::steady_clock::now();
        CHECK_FALSE(find(*v, "ada", "v1").available());
        CHECK_FALSE(remember(*v, "ada", "v2", {}).available());
        CHECK(std::chrono::steady_clock::now() - started < 1s);
        server.restart();
        CHECK(testing::eventually([&] { return remember(*v, "ada", "v2", {}).available(); }));
        CHECK(*find(*v, "ada", "v2").value);
    }
    SECTION("paused: no answer at all") {
        server.pause();
        auto started = std::chrono::steady_clock::now();
        CHECK_FALSE(find(*v, "ada", "v1").available());
        CHECK(std::chrono::steady_clock::now() - started < 1s);
        server.resume();
        CHECK(testing::eventually([&] { return find(*v, "ada", "v1").available(); }));
    }
}
